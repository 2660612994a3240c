"use client";
/** What every pane of the designer shares: the draft and its history, the selection, the catalog, the last test run. */
import { createContext, useContext } from "react";
import type { ActionManifest, ConnectionManifest, TriggerManifest } from "@/components-registry/contract";
import type { Definition, Problem } from "@/runtime/definition";

export type Selection = { kind: "trigger"; flow: number } | { kind: "step"; name: string } | null;

export interface CatalogAction {
  /** `http.get` */
  action: string;
  componentLabel: string;
  manifest: ActionManifest;
  /** the component's key, category and description: the step picker groups by component */
  component?: string;
  category?: string | null;
  componentDescription?: string;
}

/** An installed component as the designer sees it (its newest version). */
export interface CatalogComponentInfo {
  key: string;
  label: string;
  description: string;
  category: string | null;
  connections: Record<string, ConnectionManifest>;
  triggers: Record<string, TriggerManifest>;
}

export interface RunStep {
  stepKey: string;
  status: string;
  iteration: number[] | null;
  result: unknown;
  inputs: unknown;
  error: unknown;
  durationMs: number;
}

export interface LastRun {
  id: string;
  status: string | undefined;
  error: { message: string; stepKey?: string } | null | undefined;
  trigger: unknown;
  steps: RunStep[];
  logs: { id: number; stepKey: string | null; level: string; message: string; createdAt: string | Date }[];
}

export interface DesignerValue {
  integrationId: string;
  draft: Definition;
  /** a new draft; edits with one tag close together merge into one undo step */
  change(next: Definition, tag?: string): void;
  /** mutate a copy of the draft */
  edit(mutate: (draft: Definition) => void, tag?: string): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
  replace(definition: Definition): void;
  flow: number;
  setFlow(flow: number): void;
  selected: Selection;
  select(selection: Selection): void;
  actions: CatalogAction[];
  /** installed components: their connections (config variables) and triggers (the trigger editor) */
  components: CatalogComponentInfo[];
  actionManifest(action: string): ActionManifest | undefined;
  /** draft problems by step name */
  problems: Map<string, string[]>;
  /** every draft problem, placed */
  problemList: Problem[];
  lastRun: LastRun | null;
  /** the flow's saved sample payload (`{ body, headers, query }`), the last JSON a test run sent it */
  samplePayload(flow: number): unknown;
  setLastRunId(id: string | null): void;
  /** saves now; resolves when the server has the draft */
  flush(): Promise<void>;
}

export const DesignerContext = createContext<DesignerValue | null>(null);

export function useDesigner(): DesignerValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error("useDesigner outside the designer");
  return value;
}
