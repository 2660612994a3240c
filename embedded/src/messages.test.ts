import { expect, test } from "vitest";
import { CHANNEL, eventFromMessage } from "./messages";

const JUNCTION = "https://junction.example.com";
const frame = { name: "the view's window" };
const msg = (event: unknown, over: Partial<{ origin: string; source: unknown }> = {}) => ({
  origin: JUNCTION,
  source: frame,
  data: { channel: CHANNEL, event },
  ...over,
});

test("an event from Junction's origin and from the view's own iframe is accepted, plain values only", () => {
  const event = { type: "instance-deployed", instanceId: "i1", integrationId: "g1", name: "Orders", extra: { nested: true } };
  expect(eventFromMessage(msg(event), JUNCTION, frame)).toEqual({
    type: "instance-deployed",
    instanceId: "i1",
    integrationId: "g1",
    name: "Orders",
  });
});

test("the same message from another origin, or from another frame of Junction's origin, is ignored", () => {
  const event = { type: "instance-removed", instanceId: "i1" };
  expect(eventFromMessage(msg(event, { origin: "https://evil.example" }), JUNCTION, frame)).toBeNull();
  expect(eventFromMessage(msg(event, { source: { name: "another iframe" } }), JUNCTION, frame)).toBeNull();
  expect(eventFromMessage(msg(event, { source: null }), JUNCTION, frame)).toBeNull();
  // a removed iframe has no window: nothing can match it
  expect(eventFromMessage(msg(event, { source: null }), JUNCTION, null)).toBeNull();
});

test("messages that are not a view's events are ignored", () => {
  expect(eventFromMessage({ origin: JUNCTION, source: frame, data: "hello" }, JUNCTION, frame)).toBeNull();
  expect(eventFromMessage({ origin: JUNCTION, source: frame, data: { type: "ready" } }, JUNCTION, frame)).toBeNull();
  expect(eventFromMessage(msg({ type: "steal-cookies" }), JUNCTION, frame)).toBeNull();
  expect(eventFromMessage(msg({ type: "resize", height: "100vh" }), JUNCTION, frame)).toBeNull();
  expect(eventFromMessage(msg({ type: "resize", height: -1 }), JUNCTION, frame)).toBeNull();
  expect(eventFromMessage(msg({ type: "resize", height: 812 }), JUNCTION, frame)).toEqual({ type: "resize", height: 812 });
});
