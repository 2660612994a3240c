/**
 * `npm publish` of a package folder (or .tgz) to a given registry with npm's own CLI, using a
 * throwaway npmrc that holds only that registry and its token (none of the user's npm settings).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { nerfDart } from "./registry-config";

export class PublishError extends Error {
  constructor(
    message: string,
    /** the registry already has this version */
    readonly alreadyPublished: boolean,
  ) {
    super(message);
  }
}

export async function npmPublish(dir: string, registry: string, token = "throwaway-token"): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), "junction-publish-"));
  const npmrc = join(temp, "npmrc");
  // npm will not publish without a token for the registry; an open registry takes any
  writeFileSync(npmrc, `registry=${registry}\n${nerfDart(registry)}:_authToken=${token}\n`, { mode: 0o600 });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
  try {
    await promisify(execFile)(
      "npm",
      [
        "publish",
        ...(dir.endsWith(".tgz") ? [dir] : []),
        "--registry",
        registry,
        "--userconfig",
        npmrc,
        "--ignore-scripts",
        "--tag",
        "latest",
      ],
      {
        cwd: dir.endsWith(".tgz") ? temp : dir,
        env: {
          ...env,
          npm_config_cache: join(temp, "cache"),
          npm_config_update_notifier: "false",
          npm_config_audit: "false",
          npm_config_fund: "false",
        } as unknown as NodeJS.ProcessEnv,
      },
    );
  } catch (err) {
    const detail = ((err as { stderr?: string }).stderr || (err as Error).message).split(token).join("***").trim();
    throw new PublishError(
      `npm publish ${dir} to ${registry} failed: ${detail}`,
      /EPUBLISHCONFLICT|E409|cannot publish over|previously published/i.test(detail),
    );
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
