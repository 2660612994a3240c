import { expect, test } from "vitest";
import { currentConnectorDocs, renderConnectorDocs } from "./connector-docs";

test("docs/components.md lists every connector as its manifest is (npm run docs:connectors)", async () => {
  const current = currentConnectorDocs();
  expect(current, "the connectors' markers in docs/components.md").not.toBeNull();
  expect(current).toBe(await renderConnectorDocs());
}, 120_000);
