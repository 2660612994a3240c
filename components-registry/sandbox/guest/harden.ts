/**
 * Freezes the intrinsics of a context that serves several executions (as SES's lockdown does):
 * every object reachable from the globals a fresh context has, its prototypes and the hidden
 * intrinsics (%AsyncFunction%, iterator prototypes, %TypedArray% …), sandbox shims included. One
 * run can then not hook what the next run calls (`Object.prototype.x = …`, `JSON.parse = …`,
 * `Array.prototype.push = …`): sloppy-mode writes do nothing, strict-mode writes throw.
 * Runs once per context, while it is prepared, off the call path.
 *
 * The "override mistake": assigning `obj.toString = …` to an object that inherits a frozen data
 * property throws in strict mode. Ordinary code does that with a few well-known names, so, as SES
 * does, those become accessors whose setter defines an own property on the object written to
 * (and refuses a write to the frozen prototype itself).
 */
const OVERRIDABLE: [object, string[]][] = [
  [Object.prototype, Reflect.ownKeys(Object.prototype).filter((k): k is string => typeof k === "string" && k !== "__proto__")],
  [Function.prototype, ["constructor", "bind", "toString"]],
  [Array.prototype, ["toString", "push", "concat", "join"]],
  [Promise.prototype, ["constructor", "then", "catch", "finally"]],
  [Error.prototype, ["constructor", "name", "message", "toString"]],
  ...[EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError].map((E): [object, string[]] => [
    E.prototype,
    ["constructor", "name", "message"],
  ]),
];

/** makes a data property an accessor: reads give the value, writes define an own property on the receiver */
function tameOverride(target: object, key: string): void {
  const d = Object.getOwnPropertyDescriptor(target, key);
  if (!d || !("value" in d) || !d.configurable) return;
  const value = d.value as unknown;
  Object.defineProperty(target, key, {
    get: function () {
      return value;
    },
    set: function (this: object, v: unknown) {
      if (this === target) throw new TypeError(`Cannot assign to read only property '${key}' of a shared built-in`);
      if (Object.prototype.hasOwnProperty.call(this, key)) (this as Record<string, unknown>)[key] = v;
      else Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    },
    enumerable: d.enumerable,
    configurable: false,
  });
}

/** intrinsics no global names */
function hiddenIntrinsics(): unknown[] {
  const proto = Object.getPrototypeOf;
  const gen = function* () {};
  const asyncGen = async function* () {};
  return [
    proto(async function () {}),
    proto(gen),
    proto(gen()),
    proto(asyncGen),
    proto(asyncGen()),
    proto([][Symbol.iterator]()),
    proto(new Map()[Symbol.iterator]()),
    proto(new Set()[Symbol.iterator]()),
    proto(""[Symbol.iterator]()),
    proto(/a/[Symbol.matchAll]("a")),
    proto(Uint8Array),
    (function () {
      // eslint-disable-next-line prefer-rest-params -- an arguments object is the point: its prototype gets frozen
      return arguments;
    })(),
  ];
}

export function hardenIntrinsics(globals: object, names: PropertyKey[]): void {
  for (const [target, keys] of OVERRIDABLE) for (const key of keys) tameOverride(target, key);
  const seen = new Set<unknown>();
  const queue: unknown[] = [...names.map((n) => Reflect.get(globals, n)), ...hiddenIntrinsics()];
  while (queue.length) {
    const v = queue.pop();
    if ((typeof v !== "object" && typeof v !== "function") || v === null || seen.has(v)) continue;
    seen.add(v);
    // the arguments object is reached only for its prototype and %ThrowTypeError%
    if (!(Object.prototype.toString.call(v) === "[object Arguments]")) Object.freeze(v);
    queue.push(Object.getPrototypeOf(v));
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (!d) continue;
      if ("value" in d) queue.push(d.value);
      else queue.push(d.get, d.set);
    }
  }
}
