import type { Db } from "@/db/client";
import type { Definition } from "@/runtime/definition";
import { insertIntegration } from "./write-draft";

/** "+ Integration": a new integration with one webhook flow and no steps yet. */
export function createIntegration(db: Db, input: { name: string; description?: string; userId: string | null }) {
  const definition: Definition = {
    definitionVersion: 1,
    name: input.name.trim(),
    description: input.description ?? "",
    flows: [{ name: "Flow 1", trigger: { type: "webhook" }, steps: [] }],
  };
  return insertIntegration(db, definition, input.userId);
}
