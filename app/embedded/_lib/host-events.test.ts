import { expect, test } from "vitest";
import { viewOfPath } from "./host-events";

test("navigate events name the view and its ids", () => {
  const at = (path: string, search = "") => viewOfPath(path, new URLSearchParams(search));
  expect(at("/embedded/marketplace")).toEqual({ type: "navigate", view: "marketplace" });
  expect(at("/embedded/alerts")).toEqual({ type: "navigate", view: "alerts" });
  expect(at("/embedded/configure", "integrationId=g1")).toEqual({ type: "navigate", view: "configure", integrationId: "g1" });
  expect(at("/embedded/configure", "instanceId=i1")).toEqual({ type: "navigate", view: "configure", instanceId: "i1" });
  expect(at("/embedded/instances/i1")).toEqual({ type: "navigate", view: "instance", instanceId: "i1" });
  expect(at("/embedded/runs/e1")).toEqual({ type: "navigate", view: "run", executionId: "e1" });
  expect(at("/instances/i1")).toBeNull();
  expect(at("/embedded/unknown")).toBeNull();
});
