/**
 * Which Redis commands an action may send over its execution's connection, and the checks on
 * blocking ones. The connection belongs to one execution but carries every step of it, so
 * commands that change what the connection is (its database, its sign-in, subscriber or monitor
 * mode, closing it) are refused, and so is administration of the whole server (a flow is not the
 * place to reconfigure, stop or wipe a server). Everything else — data commands, MULTI/EXEC,
 * EVAL, FLUSHDB on the connection's own database — goes to the server, whose ACLs have the last word.
 */

const WHY_STATE = "it would change the connection every step of this execution shares";
const WHY_ADMIN = "server administration is not run from flows";

const REFUSED: Record<string, string> = {
  SELECT: "set the connection's database field instead",
  SWAPDB: WHY_ADMIN,
  QUIT: "the connection closes when the execution ends",
  RESET: WHY_STATE,
  AUTH: "sign in with the connection's username and password",
  HELLO: WHY_STATE,
  SUBSCRIBE: "subscribing would hold the connection in subscriber mode; publish works, consuming needs a trigger",
  PSUBSCRIBE: "subscribing would hold the connection in subscriber mode; publish works, consuming needs a trigger",
  SSUBSCRIBE: "subscribing would hold the connection in subscriber mode; publish works, consuming needs a trigger",
  UNSUBSCRIBE: WHY_STATE,
  PUNSUBSCRIBE: WHY_STATE,
  SUNSUBSCRIBE: WHY_STATE,
  MONITOR: WHY_STATE,
  SYNC: WHY_STATE,
  PSYNC: WHY_STATE,
  REPLCONF: WHY_STATE,
  SHUTDOWN: WHY_ADMIN,
  DEBUG: WHY_ADMIN,
  CONFIG: WHY_ADMIN,
  FLUSHALL: "it empties every database of the server (FLUSHDB empties the connection's own)",
  REPLICAOF: WHY_ADMIN,
  SLAVEOF: WHY_ADMIN,
  FAILOVER: WHY_ADMIN,
  MODULE: WHY_ADMIN,
  SAVE: WHY_ADMIN,
  BGSAVE: WHY_ADMIN,
  BGREWRITEAOF: WHY_ADMIN,
};

/** commands with subcommands: only these subcommands are allowed */
const ALLOWED_SUBCOMMANDS: Record<string, string[]> = {
  CLIENT: ["ID", "GETNAME", "SETNAME", "INFO"],
  ACL: ["WHOAMI"],
};

/** blocking commands: where their timeout is (seconds unless `ms`) */
const BLOCKING: Record<string, { at: "first" | "last" | "BLOCK"; ms?: boolean }> = {
  BLPOP: { at: "last" },
  BRPOP: { at: "last" },
  BRPOPLPUSH: { at: "last" },
  BLMOVE: { at: "last" },
  BZPOPMIN: { at: "last" },
  BZPOPMAX: { at: "last" },
  BLMPOP: { at: "first" },
  BZMPOP: { at: "first" },
  XREAD: { at: "BLOCK", ms: true },
  XREADGROUP: { at: "BLOCK", ms: true },
  WAIT: { at: "last", ms: true },
  WAITAOF: { at: "last", ms: true },
};

/** throws a clear error when `name args…` may not be sent; answers the upper-cased command name */
export function checkRedisCommand(args: string[]): string {
  const name = args[0].toUpperCase();
  const why = REFUSED[name];
  if (why) throw new Error(`Redis command ${name} is refused: ${why}`);
  const subs = ALLOWED_SUBCOMMANDS[name];
  if (subs) {
    const sub = (args[1] ?? "").toUpperCase();
    if (!subs.includes(sub)) {
      throw new Error(
        `Redis command ${name} ${sub || "(no subcommand)"} is refused: only ${subs.map((s) => `${name} ${s}`).join(", ")} may be sent`,
      );
    }
  }
  const blocking = BLOCKING[name];
  if (blocking) {
    let timeout: string | undefined;
    if (blocking.at === "first") timeout = args[1];
    else if (blocking.at === "last") timeout = args[args.length - 1];
    else {
      const i = args.findIndex((a, n) => n > 0 && a.toUpperCase() === "BLOCK");
      if (i < 0) return name; // not blocking without BLOCK
      timeout = args[i + 1];
    }
    if (timeout !== undefined && Number(timeout) === 0) {
      throw new Error(
        `Redis command ${name} with timeout 0 would wait forever: give a timeout (in ${blocking.ms ? "milliseconds" : "seconds"}); the action's own time limit still applies`,
      );
    }
  }
  return name;
}
