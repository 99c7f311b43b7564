import { OrderedDict, PyTuple, tuple } from "../pickle/pyTypes.js";
import { isTensorData } from "./isTensorData.js";
import type { TensorData } from "./tensorData.js";

/**
 * `value` with every tensor record in it replaced by `convert(record)`, for a freshly unpickled,
 * acyclic value: lists, Maps, OrderedDicts (their `attributes` too) and Sets are updated in place,
 * frozen tuples replaced by new ones. A record or container reached twice is converted once, so
 * sharing survives. Iterative: nesting depth cannot overflow the stack.
 */
export function mapTensors(value: unknown, convert: (record: TensorData) => unknown): unknown {
  const done = new Map<object, unknown>();
  const resolve = (v: unknown): unknown =>
    typeof v === "object" && v !== null && done.has(v) ? done.get(v) : v;
  const stack: { node: object; expanded: boolean }[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === "object" && v !== null && !done.has(v))
      stack.push({ node: v, expanded: false });
  };
  visit(value);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (done.has(frame.node)) {
      stack.pop();
      continue;
    }
    if (!frame.expanded) {
      frame.expanded = true;
      for (const child of childrenOf(frame.node)) visit(child);
      continue;
    }
    stack.pop();
    done.set(frame.node, rebuild(frame.node, resolve, convert));
  }
  return resolve(value);
}

function childrenOf(node: object): Iterable<unknown> {
  if (Array.isArray(node)) return node;
  if (node instanceof OrderedDict)
    return [...node.keys(), ...node.values(), ...node.attributes.values()];
  if (node instanceof Map) return [...node.keys(), ...node.values()];
  if (node instanceof Set) return node;
  return [];
}

function rebuild(
  node: object,
  resolve: (v: unknown) => unknown,
  convert: (record: TensorData) => unknown,
): unknown {
  if (node instanceof PyTuple) {
    const items = node.map(resolve);
    return items.every((item, i) => item === node[i]) ? node : tuple(...items);
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = resolve(node[i]);
    return node;
  }
  if (node instanceof Map) {
    if (node instanceof OrderedDict) {
      for (const [key, item] of node.attributes) node.attributes.set(key, resolve(item) as never);
    }
    const keys = [...node.keys()];
    const entries = [...node].map(([k, v]) => [resolve(k), resolve(v)] as const);
    if (entries.some(([k], i) => k !== keys[i])) node.clear();
    for (const [k, v] of entries) node.set(k, v);
    return node;
  }
  if (node instanceof Set) {
    const items = [...node].map(resolve);
    node.clear();
    for (const item of items) node.add(item);
    return node;
  }
  return isTensorData(node) ? convert(node) : node;
}
