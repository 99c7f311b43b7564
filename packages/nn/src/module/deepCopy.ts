import { Tensor } from "@kindling/tensor";
import { Buffer } from "./buffer.js";
import { Parameter } from "./parameter.js";

/**
 * A deep copy of a module (Python's `copy.deepcopy(model)`): the same classes, with every
 * parameter, buffer and other tensor copied (same values, dtype and `requiresGrad`, fresh
 * storage, no gradient), child modules copied the same way, and anything shared inside the
 * original shared in the copy (a field and the registry entry holding one parameter stay one
 * parameter). Functions are kept, not copied.
 *
 * @example
 * ```ts
 * const net = new Sequential(new Linear(3, 4), new Linear(4, 1));
 * const copy = deepCopy(net);
 * copy.parameters()[0] === net.parameters()[0]; // false
 * copy.parameters()[0].toArray(); // the same values
 * ```
 */
export function deepCopy<T>(value: T): T {
  return copyValue(value, new Map()) as T;
}

function copyTensor(t: Tensor): Tensor {
  const data = t.detach().clone();
  if (t instanceof Parameter) return new Parameter(data, t.requiresGrad);
  if (t instanceof Buffer) {
    const buffer = new Buffer(data, { persistent: t.persistent });
    if (t.requiresGrad) buffer.requiresGrad_();
    return buffer;
  }
  return t.requiresGrad ? data.requiresGrad_() : data;
}

function copyValue(value: unknown, done: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  const known = done.get(value);
  if (known !== undefined) return known;
  let out: unknown;
  if (value instanceof Tensor) {
    out = copyTensor(value);
    done.set(value, out);
  } else if (ArrayBuffer.isView(value)) {
    out = (value as unknown as { slice(): unknown }).slice();
    done.set(value, out);
  } else if (Array.isArray(value)) {
    const items: unknown[] = [];
    done.set(value, items);
    for (const item of value) items.push(copyValue(item, done));
    out = items;
  } else if (value instanceof Map) {
    const map = new Map();
    done.set(value, map);
    for (const [k, v] of value) map.set(copyValue(k, done), copyValue(v, done));
    out = map;
  } else if (value instanceof Set) {
    const set = new Set();
    done.set(value, set);
    for (const item of value) set.add(copyValue(item, done));
    out = set;
  } else {
    const object = Object.create(Object.getPrototypeOf(value)) as Record<string | symbol, unknown>;
    done.set(value, object);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      if ("value" in descriptor) descriptor.value = copyValue(descriptor.value, done);
      Object.defineProperty(object, key, descriptor);
    }
    out = object;
  }
  return out;
}
