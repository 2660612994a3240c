/**
 * A step result's size as JSON, without serializing it: strings by length, numbers by digits,
 * binary by byte length. Stops counting once past `cap`, so an oversized result costs no more
 * than the limit and a cyclic one ends instead of looping.
 */
function numberLength(n: number): number {
  if (Number.isInteger(n) && n > -1e15 && n < 1e15) {
    let digits = n < 0 ? 2 : 1;
    for (let v = Math.abs(n); v >= 10; v = Math.floor(v / 10)) digits++;
    return digits;
  }
  return Number.isFinite(n) ? String(n).length : 4;
}

export function estimateJsonBytes(value: unknown, cap: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= cap) {
    const v = stack.pop();
    switch (typeof v) {
      case "string":
        total += v.length + 2;
        break;
      case "number":
        total += numberLength(v);
        break;
      case "boolean":
        total += v ? 4 : 5;
        break;
      case "bigint":
        total += String(v).length;
        break;
      case "object":
        if (v === null) total += 4;
        else if (ArrayBuffer.isView(v)) total += v.byteLength;
        else if (v instanceof ArrayBuffer) total += v.byteLength;
        else if (Array.isArray(v)) {
          total += 1 + Math.max(v.length, 1);
          for (let i = 0; i < v.length; i++) stack.push(v[i]);
        } else if (v instanceof Date) total += 26;
        else {
          // `{` + `"key":` and a comma or `}` per key; `{}` when empty
          let keys = 0;
          for (const key in v) {
            keys++;
            total += key.length + 4;
            stack.push((v as Record<string, unknown>)[key]);
          }
          total += keys === 0 ? 2 : 1;
        }
        break;
      default:
        // undefined and functions vanish from JSON
        break;
    }
  }
  return total;
}
