import type { AnyModule } from "./module.js";

/** Indents every line but the first by `spaces` (PyTorch's `_addindent`). */
function addIndent(text: string, spaces: number): string {
  const lines = text.split("\n");
  if (lines.length === 1) return text;
  const pad = " ".repeat(spaces);
  return [lines[0], ...lines.slice(1).map((line) => pad + line)].join("\n");
}

/**
 * A module tree printed as PyTorch's `Module.__repr__`: the name, the extra repr, and each child
 * as `(name): <child>` indented by two spaces.
 *
 * @example
 * ```ts
 * moduleRepr(new Sequential(new Linear(2, 1)));
 * // "Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n)"
 * ```
 */
export function moduleRepr(module: AnyModule): string {
  const extra = module.extraRepr();
  const extraLines = extra === "" ? [] : extra.split("\n");
  const childLines: string[] = [];
  for (const [name, child] of module.localModules()) {
    const text = child === null ? "None" : moduleRepr(child);
    childLines.push(`(${name}): ${addIndent(text, 2)}`);
  }
  const lines = [...extraLines, ...childLines];
  let out = `${module.getName()}(`;
  if (lines.length > 0) {
    if (extraLines.length === 1 && childLines.length === 0) out += extraLines[0];
    else out += `\n  ${lines.join("\n  ")}\n`;
  }
  return `${out})`;
}
