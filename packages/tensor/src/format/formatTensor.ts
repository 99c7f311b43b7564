import { DEFAULT_DTYPE, isFloatingPoint } from "../dtype.js";
import type { Tensor } from "../tensor.js";
import { formatFixed, formatScientific } from "./pythonFloat.js";

const LINE_WIDTH = 80;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const PRECISION = 4;
const PREFIX = "tensor(";

/**
 * Prints a tensor as PyTorch's `repr` does (`torch/_tensor_str.py`, default print options):
 * 4 decimals, or integers with a trailing dot, or scientific notation when magnitudes differ
 * by more than 1000×, rounded as Python rounds (half to even, `-0.` keeps its sign);
 * right-aligned columns; more than 1000 elements are summarized with `...`, the columns then
 * sized on the printed elements only; suffixes for float64 (and for an empty tensor of any dtype
 * but float32, whose dtype nothing else shows), `gradFn` and `requiresGrad`, in JavaScript
 * spellings (`dtype=float64`, `requiresGrad=true`) but on a line of their own where PyTorch
 * breaks the line for its spellings.
 *
 * @example
 * ```ts
 * formatTensor(tensor([[0.2365, -0.1118]], { requiresGrad: true }));
 * // "tensor([[ 0.2365, -0.1118]], requiresGrad=true)"
 * ```
 */
export function formatTensor(t: Tensor): string {
  const suffixes: Suffix[] = [];
  const dtype = { text: `dtype=${t.dtype}`, torch: `dtype=torch.${t.dtype}` };
  let body: string;
  if (t.numel() === 0) {
    if (t.shape.length !== 1) {
      const size = `size=[${t.shape.join(", ")}]`;
      suffixes.push({ text: size, torch: size.replace("[", "(").replace("]", ")") });
    }
    // With no elements to show it, every dtype but the default one is named.
    if (t.dtype !== DEFAULT_DTYPE) suffixes.push(dtype);
    body = "[]";
  } else {
    const summarize = t.numel() > THRESHOLD;
    const formatter = makeFormatter(t, summarize);
    body = formatNested(t, 0, t.storageOffset, PREFIX.length, summarize, formatter);
    // int64 and bool show in the values (no dot, true/false); only float64 is named.
    if (t.dtype === "float64") suffixes.push(dtype);
  }
  if (t.gradFn !== null) {
    const name = `<${t.gradFn.name}>`;
    suffixes.push({ text: `gradFn=${name}`, torch: `grad_fn=${name}` });
  } else if (t.requiresGrad) {
    suffixes.push({ text: "requiresGrad=true", torch: "requires_grad=True" });
  }
  return addSuffixes(PREFIX + body, suffixes, PREFIX.length);
}

/** A suffix in Kindling's spelling, and in PyTorch's, whose length decides the line breaks. */
interface Suffix {
  readonly text: string;
  readonly torch: string;
}

interface Formatter {
  readonly width: number;
  format(value: number | bigint | boolean): string;
}

function makeFormatter(t: Tensor, summarize: boolean): Formatter {
  const values = collect(t, summarize);
  if (t.dtype === "bool") {
    const width = Math.max(...values.map((v) => (v ? 4 : 5)));
    return { width, format: (v) => pad(v !== 0 && v !== false ? "true" : "false", width) };
  }
  if (!isFloatingPoint(t.dtype)) {
    const width = Math.max(...values.map((v) => String(v).length));
    return { width, format: (v) => pad(String(v), width) };
  }
  const finite = (values as number[]).filter((v) => Number.isFinite(v) && v !== 0);
  let intMode = true;
  let sciMode = false;
  let width = 1;
  if (finite.length > 0) {
    const mags = finite.map(Math.abs);
    const lo = Math.min(...mags);
    const hi = Math.max(...mags);
    intMode = finite.every((v) => v === Math.ceil(v));
    sciMode = hi / lo > 1000 || hi > 1e8 || (!intMode && lo < 1e-4);
  }
  const formatFinite = (v: number): string =>
    sciMode
      ? formatScientific(v, PRECISION)
      : intMode
        ? `${formatFixed(v, 0)}.`
        : formatFixed(v, PRECISION);
  for (const v of finite) width = Math.max(width, formatFinite(v).length);
  const format = (raw: number | bigint | boolean): string => {
    const v = Number(raw);
    let s: string;
    if (Number.isNaN(v)) s = "nan";
    else if (!Number.isFinite(v)) s = v > 0 ? "inf" : "-inf";
    else s = formatFinite(v);
    return pad(s, width);
  };
  return { width, format };
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : " ".repeat(width - s.length) + s;
}

/**
 * The values the formatter sizes itself on: all, or the printed edges only (torch's
 * `get_summarized_data`), never what the `...` stands for.
 */
function collect(t: Tensor, summarize: boolean): (number | bigint | boolean)[] {
  const out: (number | bigint | boolean)[] = [];
  const walk = (dim: number, offset: number): void => {
    if (dim === t.shape.length) {
      out.push(t.storage[offset]!);
      return;
    }
    for (const i of indicesOf(t.shape[dim]!, summarize))
      if (i >= 0) walk(dim + 1, offset + i * t.strides[dim]!);
  };
  walk(0, t.storageOffset);
  return out;
}

/** Indices printed along a dim of `size`: all, or the first and last three with -1 for `...`. */
function indicesOf(size: number, summarize: boolean): number[] {
  if (!summarize || size <= 2 * EDGE_ITEMS) return Array.from({ length: size }, (_, i) => i);
  const head = Array.from({ length: EDGE_ITEMS }, (_, i) => i);
  const tail = Array.from({ length: EDGE_ITEMS }, (_, i) => size - EDGE_ITEMS + i);
  return [...head, -1, ...tail];
}

function formatNested(
  t: Tensor,
  dim: number,
  offset: number,
  indent: number,
  summarize: boolean,
  formatter: Formatter,
): string {
  const ndim = t.shape.length;
  if (ndim === 0) return formatter.format(t.storage[offset]!);
  const size = t.shape[dim]!;
  const stride = t.strides[dim]!;
  const indices = indicesOf(size, summarize);
  if (dim === ndim - 1) {
    const elementLength = formatter.width + 2;
    const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / elementLength));
    const items = indices.map((i) =>
      i < 0 ? " ..." : formatter.format(t.storage[offset + i * stride]!),
    );
    const lines: string[] = [];
    for (let i = 0; i < items.length; i += perLine)
      lines.push(items.slice(i, i + perLine).join(", "));
    return `[${lines.join(`,\n${" ".repeat(indent + 1)}`)}]`;
  }
  const slices = indices.map((i) =>
    i < 0 ? "..." : formatNested(t, dim + 1, offset + i * stride, indent + 1, summarize, formatter),
  );
  const separator = `,${"\n".repeat(ndim - dim - 1)}${" ".repeat(indent + 1)}`;
  return `[${slices.join(separator)}]`;
}

/**
 * Appends `, suffix` to the printout (prefix included), or `,\n` and the indent where torch's
 * `_add_suffixes` breaks the line: when the last line, measured 2 longer than it is
 * (`len(s) - s.rfind("\n") + 1`), would pass 80 characters with torch's spelling of the suffix.
 * Measuring torch's spellings keeps the line breaks torch's: Kindling's lines are never longer.
 */
function addSuffixes(text: string, suffixes: readonly Suffix[], indent: number): string {
  let out = text;
  let lastLineLength = text.length - text.lastIndexOf("\n") + 1;
  for (const { text: suffix, torch } of suffixes) {
    if (lastLineLength + torch.length + 2 > LINE_WIDTH) {
      out += `,\n${" ".repeat(indent)}${suffix}`;
      lastLineLength = indent + torch.length;
    } else {
      out += `, ${suffix}`;
      lastLineLength += torch.length + 2;
    }
  }
  return `${out})`;
}
