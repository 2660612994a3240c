/** Change Data Format: convert a document between JSON, CSV, YAML and XML. */
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { parse as parseYaml, stringify as toYaml } from "yaml";
import { action, component, input } from "../../../sdk";
import { parseCsv, toCsv } from "./csv";

const FORMATS = ["json", "csv", "yaml", "xml"] as const;
type Format = (typeof FORMATS)[number];

function asText(data: unknown, format: Format): string {
  if (typeof data === "string") return data;
  if (data instanceof Uint8Array) return new TextDecoder().decode(data);
  throw new Error(`${format.toUpperCase()} data must be text`);
}

function parse(data: unknown, from: Format): unknown {
  switch (from) {
    case "json":
      return typeof data === "string" || data instanceof Uint8Array ? JSON.parse(asText(data, from)) : data;
    case "csv":
      return parseCsv(asText(data, from));
    case "yaml":
      return parseYaml(asText(data, from));
    case "xml":
      return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: true }).parse(asText(data, from));
  }
}

function serialize(value: unknown, to: Format): unknown {
  switch (to) {
    case "json":
      return value; // structured data is the platform's JSON
    case "csv":
      return toCsv(value);
    case "yaml":
      return toYaml(value);
    case "xml": {
      const root =
        value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 ? value : { root: value };
      return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true }).build(root);
    }
  }
}

export default component({
  key: "changeDataFormat",
  label: "Change Data Format",
  description: "Convert between JSON, CSV, YAML and XML",
  category: "Data",
  actions: {
    convert: action({
      label: "Convert",
      description: "JSON results are data; the other formats are text",
      inputs: {
        data: input({ label: "Data", type: "data", required: true, clean: (v) => v, description: "A document, or data when from is json" }),
        from: input({ label: "From", type: "picklist", options: FORMATS, required: true }),
        to: input({ label: "To", type: "picklist", options: FORMATS, required: true }),
      },
      perform: async (_context, { data, from, to }) => {
        let value: unknown;
        try {
          value = parse(data, from);
        } catch (err) {
          throw new Error(`The data is not valid ${from.toUpperCase()}: ${(err as Error).message}`, { cause: err });
        }
        return { data: serialize(value, to) };
      },
    }),
  },
});
