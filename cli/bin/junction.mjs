#!/usr/bin/env node
/**
 * The `junction` command. It runs the TypeScript sources through tsx (no build step after
 * `npm ci`). The server commands run component actions in isolated-vm, which needs
 * `--no-node-snapshot` on Node 20: for those the process starts itself again with that flag.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";

const SERVER_COMMANDS = new Set(["serve", "web", "worker"]);
const command = process.argv.slice(2).find((a) => !a.startsWith("-"));

if (SERVER_COMMANDS.has(command) && !process.execArgv.includes("--no-node-snapshot")) {
  const child = spawn(process.execPath, ["--no-node-snapshot", ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  // Ctrl-C already reaches the child through the terminal's process group (forwarding it too would
  // count as a second Ctrl-C, which stops the server at once): stay alive until the child is done.
  // SIGTERM and SIGHUP (process managers, docker stop) are sent to us alone: pass them on.
  process.on("SIGINT", () => {});
  for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  // a child killed by a signal exits like a shell reports it: 128 + the signal's number
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
} else {
  const { register } = await import("tsx/esm/api");
  // our tsconfig (its `@/` paths) wherever the command is run from
  register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
  const { main } = await import("../main.ts");
  const code = await main();
  // serve/web/worker keep running on their own handles; every other command ends here
  if (!SERVER_COMMANDS.has(command)) {
    process.exitCode = code;
  } else if (code !== 0) {
    process.exit(code);
  }
}
