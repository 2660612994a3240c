/** Process Data: deduplicate keeps what a polling flow has not seen yet. */
import { action, component, input } from "../../../sdk";

function idOf(item: unknown, path: string): unknown {
  let v: unknown = item;
  for (const part of path.split(".")) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

function parseList(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`expected a list, got text that is not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

export default component({
  key: "processData",
  label: "Process Data",
  description: "Filter and reshape lists",
  category: "Data",
  actions: {
    deduplicate: action({
      label: "Deduplicate",
      description:
        "Given items newest first, returns those newer than the newest item this step saw in earlier runs, and remembers the newest",
      inputs: {
        items: input({
          label: "Items",
          type: "data",
          required: true,
          description: "Newest first",
          clean: (v) => {
            const list = typeof v === "string" ? parseList(v) : v;
            if (!Array.isArray(list)) throw new Error("expected a list");
            return list as unknown[];
          },
        }),
        idField: input({
          label: "ID Field",
          type: "string",
          required: true,
          description: "Field that identifies an item (dots for nested fields)",
        }),
      },
      perform: async ({ state, stepKey }, { items, idField }) => {
        const stateKey = `processData.deduplicate:${stepKey}`;
        const lastSeen = await state.get(stateKey);
        const ids = items.map((item) => idOf(item, idField));
        const missing = ids.findIndex((id) => id === undefined || id === null);
        if (missing >= 0) throw new Error(`Item ${missing} has no "${idField}"`);
        const seenAt = lastSeen === null || lastSeen === undefined ? -1 : ids.findIndex((id) => String(id) === String(lastSeen));
        const fresh = seenAt < 0 ? items : items.slice(0, seenAt);
        if (items.length > 0) await state.set(stateKey, ids[0]);
        return { data: fresh };
      },
    }),
  },
});
