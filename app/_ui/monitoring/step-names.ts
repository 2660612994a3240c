/**
 * Step and flow names for the monitoring screens: rows carry keys (`fetchUsers`), a person knows
 * the names the designer shows ("Fetch users"). From the run's outline (monitoring.executionOutline);
 * a key the outline does not know (a definition since deleted) is shown as it is.
 */
export interface OutlineStep {
  key: string;
  name: string;
  /** 0 for the flow's own steps, 1 inside a loop or branch, … */
  depth?: number;
}

export interface StepNames {
  /** the step's name, or its key when unknown */
  name(key: string): string;
  /** whether the name is known (then the key is worth showing beside it) */
  known(key: string): boolean;
  /** the step's place in the order the flow runs its steps; Infinity when unknown */
  rank(key: string): number;
  /** how deep the step sits inside loops and branches; undefined when unknown */
  depth(key: string): number | undefined;
}

export function stepNames(steps: readonly OutlineStep[] | undefined): StepNames {
  const byKey = new Map<string, { name: string; rank: number; depth?: number }>();
  steps?.forEach((s, i) => byKey.has(s.key) || byKey.set(s.key, { name: s.name, rank: i, depth: s.depth }));
  return {
    name: (key) => byKey.get(key)?.name ?? key,
    known: (key) => byKey.has(key),
    rank: (key) => byKey.get(key)?.rank ?? Infinity,
    depth: (key) => byKey.get(key)?.depth,
  };
}

export const NO_NAMES: StepNames = stepNames(undefined);
