import type { Db } from "@/db/client";
import { serializeDefinitionYaml, type Definition } from "@/runtime/definition";
import type { ComponentCatalog } from "@/runtime/definition/component-catalog";
import { getIntegration, getVersion } from "./get-integration";

export type VersionRef = number | "draft";

/**
 * Two versions (or a version and the draft) as YAML, compared like with like: a published version
 * carries the component versions pinned when it was published, the draft carries none, so the
 * draft is shown with the versions publishing it now would pin (the installed ones). An unchanged
 * draft then shows no difference, and a component upgraded since shows as the change it is.
 */
export async function compareVersions(db: Db, catalog: ComponentCatalog, input: { id: string; from: VersionRef; to: VersionRef }) {
  const yamlOf = async (ref: VersionRef) => serializeDefinitionYaml(await definitionOf(db, catalog, input.id, ref));
  const [before, after] = await Promise.all([yamlOf(input.from), yamlOf(input.to)]);
  return { before, after };
}

async function definitionOf(db: Db, catalog: ComponentCatalog, id: string, ref: VersionRef): Promise<Definition> {
  if (ref !== "draft") return (await getVersion(db, id, ref)).definition as Definition;
  const draft = (await getIntegration(db, id)).draft as Definition;
  return { ...draft, componentVersions: await draftPins(catalog, draft) };
}

/** What publishing the draft would pin; none when it cannot be resolved yet (an unknown component: publishing says why). */
async function draftPins(catalog: ComponentCatalog, draft: Definition): Promise<Record<string, string> | undefined> {
  try {
    return await catalog.resolveVersions(draft);
  } catch {
    return draft.componentVersions;
  }
}
