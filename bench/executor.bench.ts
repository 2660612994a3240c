/**
 * Executor overhead with an in-process no-op runner and a synchronous no-op sink, so what is
 * measured is the executor's own work: resolving inputs, invoking, events, result sizes.
 */
import type { ActionResult, ActionRunner, StateStore } from "@/components-registry/contract";
import type { Definition, Step } from "@/runtime/definition/schema";
import { executeFlow } from "@/runtime/executor/execute-flow";
import type { ExecuteFlowParams, ExecutionSink } from "@/runtime/executor/types";

const NOOP_RESULT: ActionResult = { data: { ok: true } };
const runner: ActionRunner = { run: async () => NOOP_RESULT };
const noop = () => undefined;
const sink: ExecutionSink = { runStarted: noop, stepStarted: noop, stepFinished: noop, log: noop, runFinished: noop };
const state: StateStore = { get: async () => null, set: async () => undefined, delete: async () => undefined };

function params(definition: Definition, body: unknown): ExecuteFlowParams {
  return {
    definition,
    trigger: { results: { body } },
    configVars: {},
    runner,
    facts: { executionId: "bench", instance: null, customer: null, webhookUrls: {}, isTest: false },
    state,
    sink,
  };
}

function definitionOf(steps: Step[]): Definition {
  return { definitionVersion: 1, name: "Bench", flows: [{ name: "Bench", trigger: { type: "webhook" }, steps }] };
}

/** Each step reads the previous step's result, as real chains do. */
const chain = definitionOf(
  Array.from({ length: 50 }, (_, i) => ({
    name: `Step ${i}`,
    action: "bench.noop",
    inputs: { previous: i === 0 ? { reference: "trigger.results.body" } : { reference: `step${i - 1}.results.ok` } },
  })),
);

const loop = definitionOf([
  {
    name: "Each",
    action: "loop.loopOverItems",
    inputs: { items: { reference: "trigger.results.body" } },
    steps: [
      { name: "First", action: "bench.noop", inputs: { item: { reference: "each.currentItem" } } },
      {
        name: "Second",
        action: "bench.noop",
        inputs: { previous: { reference: "first.results" }, index: { reference: "each.index" } },
      },
    ],
  },
]);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeRuns(definition: Definition, body: unknown, warmup: number, runs: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await executeFlow(params(definition, body));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const outcome = await executeFlow(params(definition, body));
    times.push(performance.now() - started);
    if (outcome.status !== "succeeded") throw new Error(`bench run ${outcome.status}: ${outcome.error?.message}`);
  }
  return times;
}

export default async function bench(): Promise<void> {
  const chainTimes = await timeRuns(chain, {}, 500, 3000);
  const perStepUs = (median(chainTimes) * 1000) / 50;

  const items = Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `item ${i}` }));
  const loopTimes = await timeRuns(loop, items, 2, 15);
  const loopMs = median(loopTimes);

  console.table([
    {
      benchmark: "50-step chain of no-op actions: overhead per step",
      median: `${perStepUs.toFixed(2)} µs`,
      target: "< 20 µs",
      ok: perStepUs < 20 ? "yes" : "NO",
    },
    {
      benchmark: "loop over 10,000 items, 2 inner steps",
      median: `${loopMs.toFixed(1)} ms`,
      target: "< 500 ms",
      ok: loopMs < 500 ? "yes" : "NO",
    },
  ]);
}
