/** HTTP: call any HTTP API. Input keys follow the integration definition's built-in actions table. */
import { action, component, input } from "../../../sdk";
import { httpRequest } from "./request";

const common = {
  url: input({ label: "URL", type: "string", required: true, description: "Full URL, https://…" }),
  queryParams: input({ label: "Query Parameters", type: "data", description: "Object of names and values; lists repeat the name" }),
  headers: input({ label: "Headers", type: "data", description: "Object of header names and values" }),
  auth: input({
    label: "Authorization",
    type: "credential",
    description:
      "basic { username, password }, apiKey { key, headerName? }, bearer { token }, or oauth2ClientCredentials { tokenUrl, clientId, clientSecret, scopes? }",
  }),
  // the contract's own example passes an API key credential this way
  apiKey: input({
    label: "API Key",
    type: "credential",
    description:
      "An API key credential { key, headerName? }, sent in its header (X-API-Key by default); used when Authorization is not set",
  }),
  timeoutMs: input({ label: "Timeout (ms)", type: "number", description: "Give up on the request after this long" }),
  responseType: input({
    label: "Response Type",
    type: "picklist",
    options: ["auto", "json", "text", "binary"],
    default: "auto",
    description: "auto: by the response's Content-Type",
  }),
  failOnError: input({ label: "Fail on Error", type: "boolean", default: true, description: "Fail the step on a 4xx or 5xx response" }),
  includeFullResponse: input({
    label: "Include Full Response",
    type: "boolean",
    default: false,
    description: "Return { status, headers, body }",
  }),
  retries: input({
    label: "Retries",
    type: "number",
    default: 0,
    description: "Retry this many times on 429 and 5xx responses, honoring Retry-After",
  }),
  retryDelayMs: input({
    label: "Retry Delay (ms)",
    type: "number",
    default: 1000,
    description: "First wait between retries; doubles each time",
  }),
};

const withBody = {
  ...common,
  body: input({ label: "Body", type: "data", clean: (v) => v, description: "Sent as bodyType says" }),
  bodyType: input({
    label: "Body Type",
    type: "picklist",
    options: ["json", "form", "raw", "binary"],
    default: "json",
    description: "json, form (x-www-form-urlencoded), raw (text as is), binary (bytes)",
  }),
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

const simple = (method: "GET" | "DELETE", label: string) =>
  action({
    label,
    description: `Send a ${method} request`,
    inputs: common,
    perform: async (context, inputs) => httpRequest(context, { ...inputs, method }),
  });

const bodied = (method: "POST" | "PUT" | "PATCH", label: string) =>
  action({
    label,
    description: `Send a ${method} request with a body`,
    inputs: withBody,
    perform: async (context, inputs) => httpRequest(context, { ...inputs, method }),
  });

export default component({
  key: "http",
  label: "HTTP",
  description: "Call any HTTP API",
  category: "Network",
  actions: {
    get: simple("GET", "GET Request"),
    post: bodied("POST", "POST Request"),
    put: bodied("PUT", "PUT Request"),
    patch: bodied("PATCH", "PATCH Request"),
    delete: simple("DELETE", "DELETE Request"),
    request: action({
      label: "HTTP Request",
      description: "Send a request with any method",
      inputs: {
        method: input({ label: "Method", type: "picklist", options: METHODS, required: true }),
        ...withBody,
      },
      perform: async (context, inputs) => httpRequest(context, inputs),
    }),
  },
});
