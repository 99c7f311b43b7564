import { SerializeError } from "../errors.js";
import { PyGlobal } from "./pyGlobal.js";
import { OrderedDict } from "./pyTypes.js";
import { StorageRef } from "./storageRef.js";

/**
 * Checks an unpickled value before it is handed out: no reference cycles, containers nested at
 * most `maxDepth` deep (counting shared sub-values once, so a memo-built DAG costs linear time),
 * and no bare globals or storages left in it. Iterative, so hostile depth cannot overflow the
 * JavaScript stack.
 *
 * @throws {SerializeError} `TOO_DEEP` for a cycle or excessive nesting, `BAD_PICKLE` for a
 * leftover global or storage.
 */
export function validateTree(root: unknown, maxDepth: number): void {
  const height = new Map<object, number>();
  const onPath = new Set<object>();
  const stack: { node: object; children: unknown[]; next: number; height: number }[] = [];
  const enter = (value: unknown): number | undefined => {
    if (typeof value !== "object" || value === null) return 0;
    if (value instanceof PyGlobal) {
      throw new SerializeError(
        "BAD_PICKLE",
        `the loaded value holds the bare global '${value.qualifiedName}'`,
      );
    }
    if (value instanceof StorageRef)
      throw new SerializeError("BAD_PICKLE", "the loaded value holds a bare storage");
    const known = height.get(value);
    if (known !== undefined) return known;
    if (onPath.has(value))
      throw new SerializeError("TOO_DEEP", "the loaded value contains a reference cycle");
    const children = childrenOf(value);
    if (children.length === 0) {
      height.set(value, 1);
      return 1;
    }
    if (stack.length >= maxDepth) {
      throw new SerializeError("TOO_DEEP", `the loaded value nests deeper than ${maxDepth} levels`);
    }
    onPath.add(value);
    stack.push({ node: value, children, next: 0, height: 0 });
    return undefined;
  };
  const first = enter(root);
  if (first !== undefined) return;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const childHeight = enter(frame.children[frame.next++]);
      if (childHeight !== undefined) frame.height = Math.max(frame.height, childHeight);
      continue;
    }
    stack.pop();
    onPath.delete(frame.node);
    const h = frame.height + 1;
    if (h > maxDepth)
      throw new SerializeError("TOO_DEEP", `the loaded value nests deeper than ${maxDepth} levels`);
    height.set(frame.node, h);
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.height = Math.max(parent.height, h);
  }
}

function childrenOf(value: object): unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof OrderedDict)
    return [...value.keys(), ...value.values(), ...value.attributes.values()];
  if (value instanceof Map) return [...value.keys(), ...value.values()];
  if (value instanceof Set) return [...value];
  return [];
}
