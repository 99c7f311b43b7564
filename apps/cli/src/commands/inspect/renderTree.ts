import { count } from "../../util/count.js";
import { countTensors, type Described, roleOf } from "./describeValue.js";

function formatScalar({ value, bigInteger }: ScalarNode): string {
  if (bigInteger === true) return String(value);
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

type ScalarNode = Extract<Described, { type: "scalar" }>;

/** The items of `node` when it is a list of scalars only. */
function scalarItems(node: Described): ScalarNode[] | undefined {
  if (node.type !== "list") return undefined;
  const items: ScalarNode[] = [];
  for (const item of node.items) {
    if (item.type !== "scalar") return undefined;
    items.push(item);
  }
  return items;
}

/** A one-line form of a scalar or a list of scalars, long lists shortened; else undefined. */
function inline(node: Described): string | undefined {
  if (node.type === "scalar") return formatScalar(node);
  if (node.type === "tensor") return `${node.dtype} [${node.shape.join(", ")}]`;
  if (node.type === "ref") return `the same object as ${node.path}`;
  if (node.type === "truncated")
    return `${node.omitted} (left out: the file describes too many entries)`;
  const items = scalarItems(node);
  if (items === undefined || node.type !== "list") return undefined;
  const values = items.map(formatScalar);
  const [open, close] = node.tuple ? ["(", ")"] : ["[", "]"];
  if (values.length <= 8) return `${open}${values.join(", ")}${close}`;
  return `${open}${values.slice(0, 3).join(", ")}, …, ${values.at(-1)}${close} (${values.length} items)`;
}

function summary(node: Described): string {
  const role = roleOf(node);
  const { tensors, elements } = countTensors(node);
  const size =
    node.type === "dict"
      ? count(node.entries.length, "key")
      : node.type === "list"
        ? count(node.items.length, "item")
        : "";
  const kind =
    node.type === "dict"
      ? node.ordered
        ? "OrderedDict"
        : "dict"
      : node.type === "list" && node.tuple
        ? "tuple"
        : "list";
  const parts = [role ?? kind, size];
  if (tensors > 0) parts.push(`${count(tensors, "tensor")}, ${count(elements, "element")}`);
  if (role === "optimizer state dict" && node.type === "dict") {
    const groups = node.entries.find(([k]) => k === "param_groups")?.[1];
    if (groups?.type === "list") parts.push(count(groups.items.length, "param group"));
  }
  return parts.join(", ");
}

/** A dict of scalars (a param group): its entries on one line. */
function inlineDict(node: Described): string | undefined {
  if (node.type !== "dict") return undefined;
  const parts: string[] = [];
  for (const [key, value] of node.entries) {
    const text = inline(value);
    if (text === undefined) return undefined;
    parts.push(`${key}=${text}`);
  }
  return parts.join(", ");
}

/**
 * The value as a tree, one line per entry: tensors as `dtype [shape]`, dicts and lists with what
 * they are (model, optimizer or scheduler state dict, sizes, tensor counts), scalar lists inline,
 * and each optimizer param group's hyper-parameters on one line.
 */
export function renderTree(root: Described, title: string): string[] {
  const lines = [
    `${title}: ${root.type === "tensor" || root.type === "scalar" ? inline(root) : summary(root)}`,
  ];
  const walk = (node: Described, prefix: string) => {
    const children: [string, Described][] =
      node.type === "dict"
        ? node.entries
        : node.type === "list"
          ? node.items.map((v, i) => [`[${i}]`, v])
          : [];
    children.forEach(([key, child], index) => {
      const last = index === children.length - 1;
      const branch = last ? "└─ " : "├─ ";
      const text = inline(child) ?? (node.type === "list" ? inlineDict(child) : undefined);
      if (text !== undefined) {
        lines.push(`${prefix}${branch}${key}: ${text}`);
      } else {
        lines.push(`${prefix}${branch}${key}: ${summary(child)}`);
        walk(child, `${prefix}${last ? "   " : "│  "}`);
      }
    });
  };
  walk(root, "");
  return lines;
}
