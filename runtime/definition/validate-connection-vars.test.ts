import { describe, expect, it } from "vitest";
import type { ConnectionManifest } from "@/components-registry/contract";
import { parseDefinitionYaml } from "./parse-yaml";
import type { ConfigVar } from "./schema";
import { serializeDefinitionYaml } from "./serialize-yaml";
import { integration } from "./test-builders";
import { validateDefinition } from "./validate";

const s3: ConnectionManifest = {
  key: "accessKey",
  label: "AWS access key",
  fields: [{ key: "accessKeyId", label: "Access key ID", type: "string" }],
};
const connections = (component: string, key: string, version?: string) =>
  component === "amazonS3" && key === "accessKey" && (version === undefined || version === "1.0.0") ? s3 : undefined;
const connectionVar = (connection?: { component: string; key: string }): ConfigVar =>
  ({ key: "aws", label: "AWS", type: "credential", credentialType: "connection", ...(connection ? { connection } : {}) }) as ConfigVar;
const messages = (vars: ConfigVar[], mode: "draft" | "publish" = "publish", componentVersions?: Record<string, string>) =>
  validateDefinition({ ...integration([], vars), ...(componentVersions ? { componentVersions } : {}) }, { mode, connections }).map(
    (e) => `${e.path}: ${e.message}`,
  );

describe("connection config variables", () => {
  it("accepts an installed component's connection", () => {
    expect(messages([connectionVar({ component: "amazonS3", key: "accessKey" })])).toEqual([]);
  });

  it("needs connection: { component, key } with credentialType connection, and only there", () => {
    expect(messages([connectionVar()])).toEqual([
      "configPages[0].elements[0].configVar.connection: a connection credential needs connection: { component, key }",
    ]);
    const apiKey = {
      key: "k",
      label: "K",
      type: "credential",
      credentialType: "apiKey",
      connection: { component: "a", key: "b" },
    } as ConfigVar;
    expect(messages([apiKey])).toEqual([
      "configPages[0].elements[0].configVar.connection: connection belongs to credentialType connection only",
    ]);
  });

  it("refuses at publish a component that is not installed or does not declare the connection, naming the path", () => {
    expect(messages([connectionVar({ component: "amazonS3", key: "sessionKey" })])).toEqual([
      'configPages[0].elements[0].configVar.connection: component "amazonS3" is not installed with a connection "sessionKey"',
    ]);
    expect(messages([connectionVar({ component: "amazonS3", key: "accessKey" })], "publish", { amazonS3: "2.0.0" })).toEqual([
      'configPages[0].elements[0].configVar.connection: component "amazonS3" (version 2.0.0) is not installed with a connection "accessKey"',
    ]);
    // a draft is not checked against what is installed
    expect(messages([connectionVar({ component: "nothing", key: "x" })], "draft")).toEqual([]);
  });

  it("round-trips through YAML with connection after credentialType", () => {
    const def = integration([], [connectionVar({ component: "amazonS3", key: "accessKey" })]);
    const yaml = serializeDefinitionYaml(def);
    expect(yaml).toContain(
      "credentialType: connection\n          connection:\n            component: amazonS3\n            key: accessKey",
    );
    const parsed = parseDefinitionYaml(yaml);
    expect(parsed.ok && parsed.definition).toEqual(def);
  });
});
