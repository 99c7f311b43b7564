import { PyFloat, PyInt, PyTuple, type PyValue, tuple } from "./pyTypes.js";

/**
 * `value` with every dict (`Map`, `OrderedDict`) whose keys are all strings or safe integers
 * turned into a plain object (int keys become their decimal strings, as JavaScript spells number
 * keys), the layout @kindling/optim's and @kindling/lr-scheduler's `loadStateDict` read. Dicts
 * with other keys (tuples, floats, bools, None, big ints) stay `Map`s; an `OrderedDict`'s
 * attributes (`_metadata`) are dropped. Lists and tuples (still `PyTuple`s) are walked; tensors,
 * sets, bytes, numbers and strings are kept as they are. Values shared in the input stay
 * shared. A key `__proto__` is an own property, never the object's prototype.
 */
export function plainDicts(value: PyValue): PyValue {
  return convert(value, new Map());
}

function convert(value: PyValue, done: Map<object, PyValue>): PyValue {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof PyFloat || value instanceof PyInt || value instanceof Uint8Array) {
    return value;
  }
  const known = done.get(value);
  if (known !== undefined) return known;
  let out: PyValue = value;
  if (value instanceof PyTuple) {
    out = tuple(...value.map((item) => convert(item, done)));
  } else if (Array.isArray(value)) {
    out = value.map((item) => convert(item, done));
  } else if (value instanceof Map) {
    if ([...value.keys()].every(isPlainKey)) {
      const object: Record<string, PyValue> = {};
      for (const [key, item] of value) {
        Object.defineProperty(object, String(key), {
          value: convert(item, done),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      out = object;
    } else {
      out = new Map([...value].map(([key, item]) => [key, convert(item, done)]));
    }
  }
  done.set(value, out);
  return out;
}

function isPlainKey(key: PyValue): boolean {
  return typeof key === "string" || (typeof key === "number" && Number.isSafeInteger(key));
}
