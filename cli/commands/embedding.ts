/** Embedding: the keys customer users' sign-in JWTs are signed with, and the embedding settings (admins). */
import type { Command } from "commander";
import { connect } from "../api";
import type { Column } from "../output/format";
import { isStructured, listOptions, printList, printRecord, recordOptions } from "../output/options";
import { positiveInt, readTextFile, requireId } from "./shared";
import type { Topic } from "./topic";

const KEY_COLUMNS: Column[] = [
  { key: "id" },
  { key: "kid", header: "KID" },
  { key: "name" },
  { key: "algorithm" },
  { key: "source" },
  { key: "status", get: (k) => (k.revokedAt ? "revoked" : "live") },
  { key: "lastUsedAt", header: "LAST USED" },
  { key: "jwksUrl", header: "JWKS URL", extended: true },
  { key: "createdAt", header: "CREATED", extended: true },
];

const bool = (value: string) => {
  if (value !== "true" && value !== "false") throw new Error(`expected true or false, got "${value}"`);
  return value === "true";
};
const list = (value: string) => value.split(/[\s,]+/).filter(Boolean);

export const embeddingTopic: Topic = {
  name: "embedding",
  summary: "JWT sign-in keys and embedding settings",
  register(program: Command) {
    listOptions(program.command("embedding:keys:list").description("the keys sign-in JWTs may be signed with"), KEY_COLUMNS).action(
      async (options) => printList(await connect().call((api) => api.embedding.keys.list.query()), KEY_COLUMNS, options),
    );

    recordOptions(
      program
        .command("embedding:keys:add")
        .description("add a signing key: HS256 (a secret is generated and shown once) or RS256 (a PEM public key or a JWKS URL)")
        .requiredOption("--algorithm <alg>", "HS256 or RS256")
        .option("--kid <kid>", "the key id your JWTs carry in their header (generated when omitted)")
        .option("--name <name>", "what the key is for")
        .option("--public-key-file <file>", "RS256: the public key, PEM (-----BEGIN PUBLIC KEY-----)")
        .option("--jwks-url <url>", "RS256: where your public keys are published as a JWKS"),
    ).action(
      async (options: {
        algorithm: string;
        kid?: string;
        name?: string;
        publicKeyFile?: string;
        jwksUrl?: string;
        output?: "table" | "json" | "yaml";
      }) => {
        const key = await connect().call((api) =>
          api.embedding.keys.add.mutate({
            algorithm: options.algorithm.toUpperCase() as "RS256" | "HS256",
            kid: options.kid,
            name: options.name,
            publicKey: options.publicKeyFile ? readTextFile(options.publicKeyFile) : undefined,
            jwksUrl: options.jwksUrl,
          }),
        );
        if (key.secret && !isStructured(options))
          process.stderr.write(`Key "${key.kid}" added; copy its secret now, it is not shown again:\n`);
        printRecord(key, options, key.secret ?? `Added key ${key.kid} (${key.id})`);
      },
    );

    recordOptions(
      program.command("embedding:keys:revoke").description("revoke a signing key: JWTs it signs are refused").argument("<id>", "key id"),
    ).action(async (id: string, options: { output?: "table" | "json" | "yaml" }) => {
      const keyId = requireId(id, "key");
      await connect().call((api) => api.embedding.keys.revoke.mutate({ id: keyId }));
      printRecord({ id: keyId, revoked: true }, options, `Revoked key ${keyId}`);
    });

    recordOptions(program.command("embedding:settings").description("show the embedding settings")).action(async (options) => {
      const settings = await connect().call((api) => api.embedding.settings.get.query());
      printRecord({ ...settings, allowedOrigins: settings.allowedOrigins.join(" ") }, options);
    });

    recordOptions(
      program
        .command("embedding:settings:set")
        .description("change the embedding settings")
        .option("--allowed-origins <origins>", "the origins that may embed the views and sign in (comma-separated; '' for none)", list)
        .option("--auto-create-customers <bool>", "create a JWT's customer on its first sign-in (true/false)", bool)
        .option("--session-minutes <n>", "how long an embedded session lasts", positiveInt),
    ).action(
      async (options: {
        allowedOrigins?: string[];
        autoCreateCustomers?: boolean;
        sessionMinutes?: number;
        output?: "table" | "json" | "yaml";
      }) => {
        const { output, ...changes } = options;
        const settings = await connect().call((api) => api.embedding.settings.update.mutate(changes));
        printRecord({ ...settings, allowedOrigins: settings.allowedOrigins.join(" ") }, { output });
      },
    );
  },
};
