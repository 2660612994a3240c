/** `npm run docs:connectors`: rewrites the connectors' part of docs/components.md from their manifests. */
import { readFileSync, writeFileSync } from "node:fs";
import { connectorFolders } from "./publish-connectors";
import { currentConnectorDocs, DOCS_END, DOCS_FILE, DOCS_START, renderConnectorDocs } from "./connector-docs";

const text = readFileSync(DOCS_FILE, "utf8");
const current = currentConnectorDocs(text);
if (current === null) throw new Error(`docs/components.md has no "${DOCS_START}" … "${DOCS_END}" markers`);
writeFileSync(DOCS_FILE, text.replace(current, await renderConnectorDocs()));
console.log(`docs/components.md: ${connectorFolders().length} connectors`);
