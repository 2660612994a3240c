import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configPath, readConfig, removeConfig, resolveConnection, writeConfig } from "./config";

const tempHome = () => mkdtempSync(join(tmpdir(), "junction-cli-config-"));

describe("where the config lives", () => {
  it("is under XDG_CONFIG_HOME when set, else ~/.config", () => {
    expect(configPath({ XDG_CONFIG_HOME: "/x/cfg", HOME: "/home/u" })).toBe("/x/cfg/junction/config.json");
    expect(configPath({ HOME: "/home/u" })).toBe("/home/u/.config/junction/config.json");
    expect(configPath({ XDG_CONFIG_HOME: "  ", HOME: "/home/u" })).toBe("/home/u/.config/junction/config.json");
  });
});

describe("writing and reading", () => {
  it("writes the file readable by the user only (0600, folder 0700) and reads it back", () => {
    const env = { XDG_CONFIG_HOME: tempHome() };
    const path = writeConfig({ url: "http://localhost:3000", token: "jct_abc", tokenId: "t1", email: "a@b.c" }, env);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.XDG_CONFIG_HOME, "junction")).mode & 0o777).toBe(0o700);
    expect(readConfig(env)).toEqual({ url: "http://localhost:3000", token: "jct_abc", tokenId: "t1", email: "a@b.c" });
  });

  it("tightens the mode of a file that was there before", () => {
    const env = { XDG_CONFIG_HOME: tempHome() };
    mkdirSync(join(env.XDG_CONFIG_HOME, "junction"));
    writeFileSync(configPath(env), "{}", { mode: 0o644 });
    writeConfig({ url: "http://h", token: "jct_x" }, env);
    expect(statSync(configPath(env)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(configPath(env), "utf8")).token).toBe("jct_x");
  });

  it("reads no file as no config, and removes it on logout", () => {
    const env = { XDG_CONFIG_HOME: tempHome() };
    expect(readConfig(env)).toBeUndefined();
    expect(removeConfig(env)).toBe(false);
    writeConfig({ url: "http://h", token: "jct_x" }, env);
    expect(removeConfig(env)).toBe(true);
    expect(readConfig(env)).toBeUndefined();
  });

  it("names the file when it is damaged", () => {
    const env = { XDG_CONFIG_HOME: tempHome() };
    mkdirSync(join(env.XDG_CONFIG_HOME, "junction"));
    writeFileSync(configPath(env), "{not json");
    expect(() => readConfig(env)).toThrow(`${configPath(env)} is not valid JSON`);
    writeFileSync(configPath(env), '{"url":"nope"}');
    expect(() => readConfig(env)).toThrow(/is not a Junction CLI config/);
  });
});

describe("which server and token", () => {
  it("uses the stored config", () => {
    const env = { XDG_CONFIG_HOME: tempHome() };
    writeConfig({ url: "https://j.example.com/", token: "jct_stored" }, env);
    expect(resolveConnection(env)).toEqual({ url: "https://j.example.com", token: "jct_stored", source: "config" });
  });

  it("lets JUNCTION_URL and JUNCTION_TOKEN override it", () => {
    const env = { XDG_CONFIG_HOME: tempHome(), JUNCTION_URL: "https://other.example.com", JUNCTION_TOKEN: "jct_env" };
    writeConfig({ url: "https://j.example.com", token: "jct_stored" }, env);
    expect(resolveConnection(env)).toEqual({ url: "https://other.example.com", token: "jct_env", source: "env" });
    expect(resolveConnection({ ...env, JUNCTION_URL: undefined })).toEqual({
      url: "https://j.example.com",
      token: "jct_env",
      source: "env",
    });
  });

  it("never sends the stored token to another server named by JUNCTION_URL", () => {
    const env = { XDG_CONFIG_HOME: tempHome(), JUNCTION_URL: "https://other.example.com" };
    writeConfig({ url: "https://j.example.com", token: "jct_stored" }, env);
    expect(resolveConnection(env)).toEqual({ url: "https://other.example.com", token: undefined, source: "none" });
    expect(resolveConnection({ ...env, JUNCTION_URL: "https://j.example.com/" }).token).toBe("jct_stored");
  });

  it("falls back to localhost without a token", () => {
    expect(resolveConnection({ XDG_CONFIG_HOME: tempHome() })).toEqual({ url: "http://localhost:3000", token: undefined, source: "none" });
  });
});
