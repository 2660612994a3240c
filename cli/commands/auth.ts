/**
 * Signing the CLI in and out. `login` signs in with email and password once, creates an API token
 * named `cli@<hostname>` with that session and stores only the token: the password is never
 * kept, and the token can be revoked on its own (Settings → API tokens, or `logout`).
 */
import { readPassword, withPasswordOptions, type PasswordOptions } from "../password";
import { hostname } from "node:os";
import type { Command } from "commander";
import { connect, createApi, signIn } from "../api";
import { configPath, normalizeUrl, readConfig, removeConfig, resolveConnection, writeConfig } from "../config";
import { CliError, describeServerError } from "../errors";
import { printRecord, recordOptions } from "../output/options";
import { ask, canPrompt } from "../prompt";
import type { Topic } from "./topic";

async function valueOrPrompt(
  value: string | undefined,
  flag: string,
  question: string,
  options: { hidden?: boolean; default?: string } = {},
) {
  if (value) return value;
  if (!canPrompt()) {
    if (options.default) return options.default;
    throw new CliError(`${flag} is required (stdin is not a terminal, so the CLI cannot ask)`);
  }
  const answer = await ask(question, options);
  if (!answer) throw new CliError(`${flag} is required`);
  return answer;
}

interface LoginOptions extends PasswordOptions {
  url?: string;
  email?: string;
  name?: string;
  output?: "table" | "json" | "yaml";
}

async function login(options: LoginOptions) {
  const current = resolveConnection();
  const url = normalizeUrl(await valueOrPrompt(options.url ?? process.env.JUNCTION_URL, "--url", "Junction URL", { default: current.url }));
  try {
    new URL(url);
  } catch {
    throw new CliError(`--url "${url}" is not a URL (e.g. https://junction.example.com)`);
  }
  const email = await valueOrPrompt(options.email, "--email", "Email");
  const password = await readPassword(options);

  const cookie = await signIn(url, email, password);
  const tokenName = options.name ?? `cli@${hostname()}`;
  const sessionApi = createApi(url, { cookie });
  let created;
  try {
    created = await sessionApi.tokens.create.mutate({ name: tokenName });
  } catch (err) {
    throw describeServerError(err, url);
  }
  const path = writeConfig({ url, token: created.token, tokenId: created.id, email });
  const record = { id: created.id, url, email, tokenName, config: path };
  printRecord(record, options, `Signed in to ${url} as ${email}. Token "${tokenName}" stored in ${path}`);
}

async function logout(options: { output?: "table" | "json" | "yaml" }) {
  const stored = readConfig();
  if (!stored) {
    printRecord({ loggedOut: false, config: configPath() }, options, `Not signed in (no ${configPath()})`);
    return;
  }
  // revoke on the server first, so the token dies with the file; a server that is down does not keep us signed in
  let revoked = false;
  let note = "";
  if (stored.tokenId) {
    try {
      await createApi(stored.url, { token: stored.token }).tokens.revoke.mutate({ id: stored.tokenId });
      revoked = true;
    } catch (err) {
      note = ` (the token was not revoked on the server: ${describeServerError(err, stored.url).message})`;
    }
  }
  removeConfig();
  printRecord({ loggedOut: true, url: stored.url, tokenRevoked: revoked }, options, `Signed out of ${stored.url}${note}`);
}

async function me(options: { output?: "table" | "json" | "yaml" }) {
  const session = connect();
  const principal = await session.call((api) => api.session.me.query());
  const record = {
    id: principal.userId,
    email: principal.email,
    name: principal.name,
    role: principal.role,
    customerId: principal.customerId,
    via: principal.via,
    url: session.connection.url,
  };
  printRecord(record, options);
}

export const authTopic: Topic = {
  name: "auth",
  summary: "sign in and out",
  register(program: Command) {
    recordOptions(
      withPasswordOptions(
        program
          .command("login")
          .description("sign in with email and password; stores an API token in the config dir")
          .option("--url <url>", "the Junction server, e.g. https://junction.example.com (asked when omitted)")
          .option("--email <email>", "your email (asked when omitted)"),
        "your password",
      ).option("--name <name>", "name of the API token to create", `cli@${hostname()}`),
    ).action(login);
    recordOptions(program.command("logout").description("revoke the stored API token and forget it")).action(logout);
    recordOptions(program.command("me").description("who the CLI is signed in as, and where")).action(me);
  },
};
