/** What the views are drawn with (CSS values); any of them may be overridden per view. */
export interface Theme {
  mode: "light" | "dark";
  primary: string;
  background: string;
  surface: string;
  text: string;
  muted: string;
  border: string;
  fontFamily: string;
  radius: string;
}

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  /** "customer": may activate, configure and remove; "customer_viewer": looks only */
  role: "customer" | "customer_viewer";
}

export interface SignedInCustomer {
  id: string;
  name: string;
  externalId: string | null;
}

/** What `authenticate` resolves with (the session token itself stays inside the package). */
export interface Session {
  expiresAt: string;
  user: SignedInUser;
  customer: SignedInCustomer;
}

export type ViewName = "marketplace" | "configure" | "instance" | "alerts" | "run";

/** Every event a view posts, by type; each carries ids, never config values or tokens. */
export interface EventPayloads {
  ready: { view: ViewName };
  resize: { height: number };
  navigate: { view: ViewName; integrationId?: string; instanceId?: string; executionId?: string };
  "instance-deployed": { instanceId: string; integrationId: string; name: string };
  "instance-configured": { instanceId: string };
  "instance-removed": { instanceId: string };
  error: { message: string; code?: string };
}

export type EventType = keyof EventPayloads;
export type JunctionEvent = { [T in EventType]: { type: T } & EventPayloads[T] }[EventType];
export type EventOf<T extends EventType> = Extract<JunctionEvent, { type: T }>;

export interface ViewOptions {
  /** overrides of the organization's theme for this view */
  theme?: Partial<Theme>;
  /** "auto": the iframe follows its content's height; a number is pixels; any other CSS height as is (default 600px) */
  height?: "auto" | number | string;
  /** this view's events */
  onEvent?: (event: JunctionEvent, view: EmbeddedView) => void;
}

/** An iframe the package put on the page. */
export interface EmbeddedView {
  readonly iframe: HTMLIFrameElement;
  readonly view: ViewName;
  /** removes the iframe and stops listening to it */
  destroy(): void;
}
