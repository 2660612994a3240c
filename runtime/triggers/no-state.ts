/** Triggers keep their state in the cursor (or the subscription): Persist Data is for steps. */
import type { StateStore } from "@/components-registry/contract";

const refuse = async (): Promise<never> => {
  throw new Error("context.state is not available in a trigger: keep what the next poll needs in the cursor");
};
export const noState: StateStore = { get: refuse, set: refuse, delete: refuse };
