import type { Theme, ViewName } from "./types";

export type ViewTarget =
  | { view: "marketplace" }
  | { view: "alerts" }
  | { view: "configure"; integrationId: string }
  | { view: "configure"; instanceId: string }
  | { view: "instance"; instanceId: string };

function pathOf(target: ViewTarget): string {
  const id = (value: unknown, what: string) => {
    if (typeof value !== "string" || !value) throw new TypeError(`${what} is required`);
    return encodeURIComponent(value);
  };
  switch (target.view) {
    case "marketplace":
      return "marketplace";
    case "alerts":
      return "alerts";
    case "instance":
      return `instances/${id(target.instanceId, "instanceId")}`;
    case "configure":
      return "instanceId" in target
        ? `configure?instanceId=${id(target.instanceId, "instanceId")}`
        : `configure?integrationId=${id(target.integrationId, "integrationId")}`;
  }
}

/**
 * The iframe's address. The session, the host's origin and the theme ride in the fragment: a
 * browser never sends it to a server (nor to a log), and the view removes it from its address
 * as soon as it has read it.
 */
export function frameUrl(base: string, target: ViewTarget, session: string, parentOrigin: string, theme: Partial<Theme> = {}): string {
  const fragment = [
    `session=${encodeURIComponent(session)}`,
    `parent=${encodeURIComponent(parentOrigin)}`,
    `theme=${encodeURIComponent(JSON.stringify(theme))}`,
  ].join("&");
  return `${base}/embedded/${pathOf(target)}#${fragment}`;
}

export const viewOf = (target: ViewTarget): ViewName => target.view;
