import { describe, expect, test } from "vitest";
import { effectiveValue, problemsOf, valuesToSend } from "@/app/_ui/config-fields/config-state";
import type { ConfigVar } from "../definition/schema";
import { validateConfigValues } from "./config-values";

const shopUrl: ConfigVar = { key: "shopUrl", label: "Shop URL", type: "string", required: true, default: "https://shop.example.com" };
const store: ConfigVar = { key: "store", label: "File store", type: "picklist", options: ["aws", "azure"], default: "aws" };

describe("a required value with a default", () => {
  test("the server fills it when it is not given, and refuses it when it is given blank", () => {
    expect(validateConfigValues([shopUrl], {})).toEqual({ ok: true, values: { shopUrl: "https://shop.example.com" } });
    for (const blank of ["", null, undefined]) {
      expect(validateConfigValues([shopUrl], { shopUrl: blank })).toEqual({
        ok: false,
        errors: [{ key: "shopUrl", message: "Shop URL is required: enter a value" }],
      });
    }
  });

  test("the wizard refuses the emptied field as the server does; an optional one falls back to its default", () => {
    expect(problemsOf([shopUrl], { shopUrl: "" }, new Set())).toEqual({ shopUrl: "Shop URL is required: enter a value" });
    expect(problemsOf([shopUrl], { shopUrl: "https://a.test" }, new Set())).toEqual({});
    expect(problemsOf([store], { store: "" }, new Set())).toEqual({});
    // what the review shows is what is stored: the default of the blank optional field
    expect(effectiveValue(store, "")).toBe("aws");
    expect(valuesToSend([store], { store: "" }, new Set())).toEqual({ store: "" });
    expect(validateConfigValues([store], { store: "" })).toEqual({ ok: true, values: { store: "aws" } });
    expect(validateConfigValues([store], {})).toEqual({ ok: true, values: { store: "aws" } });
  });
});
