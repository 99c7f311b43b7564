import { countTensors, type Described, roleOf } from "./describeValue.js";

/** A JSON form of a described value: tensors as `{dtype, shape}` objects, dicts as objects. */
export function describedToJson(node: Described): unknown {
  switch (node.type) {
    case "tensor":
      return { tensor: true, dtype: node.dtype, shape: node.shape };
    case "scalar":
      return typeof node.value === "number" && !Number.isFinite(node.value)
        ? String(node.value)
        : node.value;
    case "list":
      return node.items.map(describedToJson);
    case "ref":
      return { sameAs: node.path };
    case "truncated":
      return { truncated: node.omitted };
    case "dict":
      return Object.fromEntries(node.entries.map(([k, v]) => [k, describedToJson(v)]));
  }
}

/** The state dicts found in `root`, by path (`optimizer`, `model`...), with their roles. */
export function sections(root: Described, path = ""): { path: string; role: string }[] {
  const found: { path: string; role: string }[] = [];
  const role = roleOf(root);
  if (role !== undefined) found.push({ path: path === "" ? "." : path, role });
  if (root.type === "dict" && role !== "model state dict") {
    for (const [k, v] of root.entries) found.push(...sections(v, path === "" ? k : `${path}.${k}`));
  }
  return found;
}

/** The totals of `root`. */
export function totals(root: Described): { tensors: number; elements: number } {
  return countTensors(root);
}
