import { describe, expect, it } from "vitest";
import { coerceValue, parseConfigFile, parseConfigPairs, type ConfigVarInfo } from "./config-values";
import { CliError } from "./errors";

const VARS: ConfigVarInfo[] = [
  { key: "shopUrl", type: "string" },
  { key: "zip", type: "string" },
  { key: "template", type: "code" },
  { key: "startDate", type: "date" },
  { key: "dryRun", type: "boolean" },
  { key: "sync", type: "schedule" },
  { key: "apiKey", type: "credential", credentialType: "apiKey" },
  { key: "login", type: "credential", credentialType: "basic" },
];

describe("--config key=value without knowing the variables", () => {
  it("reads JSON when the value parses as JSON, else keeps the text", () => {
    expect(
      parseConfigPairs([
        "url=https://shop.example.com",
        "flag=true",
        "off=false",
        "count=3",
        'cred={"username":"u","password":"p=w"}',
        'sched={"every":5,"unit":"minutes"}',
        "note=hello world",
      ]),
    ).toEqual({
      url: "https://shop.example.com",
      flag: true,
      off: false,
      count: 3,
      cred: { username: "u", password: "p=w" },
      sched: { every: 5, unit: "minutes" },
      note: "hello world",
    });
  });

  it("splits at the first = only, allows empty values, and lets a later pair win", () => {
    expect(parseConfigPairs(["q=a=b", "empty=", "x=1", "x=2"])).toEqual({ q: "a=b", empty: "", x: 2 });
  });

  it("refuses a pair without a key", () => {
    expect(() => parseConfigPairs(["novalue"])).toThrow(CliError);
    expect(() => parseConfigPairs(["=x"])).toThrow(/write it as key=value/);
  });
});

describe("--config with the version's variables known", () => {
  it("keeps text-like variables as typed, even when they look like JSON", () => {
    expect(parseConfigPairs(["zip=02134", 'template={"a":1}', "startDate=01/02/2026", "shopUrl=true"], VARS)).toEqual({
      zip: "02134",
      template: '{"a":1}',
      startDate: "01/02/2026",
      shopUrl: "true",
    });
  });

  it("reads true/false for booleans (in any case) and leaves anything else for the server to refuse", () => {
    expect(coerceValue("TRUE", VARS[4])).toBe(true);
    expect(coerceValue("false", VARS[4])).toBe(false);
    expect(coerceValue("maybe", VARS[4])).toBe("maybe");
  });

  it("turns a bare cron string into { cron } for a schedule, and takes a JSON schedule as is", () => {
    expect(parseConfigPairs(["sync=*/5 * * * *"], VARS)).toEqual({ sync: { cron: "*/5 * * * *" } });
    expect(parseConfigPairs(['sync={"every":2,"unit":"hours"}'], VARS)).toEqual({ sync: { every: 2, unit: "hours" } });
    expect(parseConfigPairs(['sync={"cron":"0 8 * * 1-5","timezone":"America/Chicago"}'], VARS)).toEqual({
      sync: { cron: "0 8 * * 1-5", timezone: "America/Chicago" },
    });
  });

  it("takes credentials as JSON objects, and a bare key for an apiKey credential", () => {
    expect(parseConfigPairs(['apiKey={"key":"k","headerName":"X-Key"}', 'login={"username":"u","password":"p"}'], VARS)).toEqual({
      apiKey: { key: "k", headerName: "X-Key" },
      login: { username: "u", password: "p" },
    });
    expect(parseConfigPairs(["apiKey=s3cret"], VARS)).toEqual({ apiKey: { key: "s3cret" } });
    expect(parseConfigPairs(["login=u:p"], VARS)).toEqual({ login: "u:p" });
  });

  it("reads unknown keys the untyped way (the server reports them)", () => {
    expect(parseConfigPairs(["other=42"], VARS)).toEqual({ other: 42 });
  });
});

describe("--config-file", () => {
  it("reads a JSON object", () => {
    expect(parseConfigFile("values.json", '{"shopUrl":"https://x","dryRun":true}', VARS)).toEqual({ shopUrl: "https://x", dryRun: true });
  });

  it("reads YAML, expanding the string shorthands for schedules and apiKey credentials", () => {
    const yaml = 'shopUrl: https://x\nsync: "*/10 * * * *"\napiKey: abc\nlogin:\n  username: u\n  password: p\n';
    expect(parseConfigFile("values.yml", yaml, VARS)).toEqual({
      shopUrl: "https://x",
      sync: { cron: "*/10 * * * *" },
      apiKey: { key: "abc" },
      login: { username: "u", password: "p" },
    });
  });

  it("takes an empty file as no values and refuses anything but an object", () => {
    expect(parseConfigFile("values.yaml", "", VARS)).toEqual({});
    expect(() => parseConfigFile("values.yml", "- a\n- b\n")).toThrow(/expected an object of config values.*a list/);
    expect(() => parseConfigFile("values.json", "{nope")).toThrow(/values.json: not valid JSON/);
    expect(() => parseConfigFile("values.yml", "a: [1\n")).toThrow(/values.yml: not valid YAML/);
  });
});
