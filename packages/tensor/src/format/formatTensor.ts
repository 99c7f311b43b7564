import { isFloatingPoint } from "../dtype.js";
import type { Tensor } from "../tensor.js";

const LINE_WIDTH = 80;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const PREFIX = "tensor(";

/**
 * Prints a tensor as PyTorch's `repr` does (`torch/_tensor_str.py`, default print options):
 * 4 decimals, or integers with a trailing dot, or scientific notation when magnitudes differ
 * by more than 1000×; right-aligned columns; more than 1000 elements are summarized with `...`;
 * suffixes for non-default dtypes, `gradFn` and `requiresGrad` (JavaScript spellings).
 *
 * @example
 * ```ts
 * formatTensor(tensor([[0.2365, -0.1118]], { requiresGrad: true }));
 * // "tensor([[ 0.2365, -0.1118]], requiresGrad=true)"
 * ```
 */
export function formatTensor(t: Tensor): string {
  const suffixes: string[] = [];
  const defaultDtype = t.dtype !== "float64";
  let body: string;
  if (t.numel() === 0) {
    if (t.shape.length !== 1) suffixes.push(`size=[${t.shape.join(", ")}]`);
    body = "[]";
  } else {
    const summarize = t.numel() > THRESHOLD;
    const formatter = makeFormatter(t, summarize);
    body = formatNested(t, 0, t.storageOffset, PREFIX.length, summarize, formatter);
  }
  if (!defaultDtype) suffixes.push(`dtype=${t.dtype}`);
  if (t.gradFn !== null) suffixes.push(`gradFn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) suffixes.push("requiresGrad=true");
  return PREFIX + addSuffixes(body, suffixes, PREFIX.length);
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
    for (const v of finite) {
      const s = sciMode ? sci(v) : intMode ? `${v.toFixed(0)}.` : v.toFixed(4);
      width = Math.max(width, s.length);
    }
  }
  const format = (raw: number | bigint | boolean): string => {
    const v = Number(raw);
    let s: string;
    if (Number.isNaN(v)) s = "nan";
    else if (!Number.isFinite(v)) s = v > 0 ? "inf" : "-inf";
    else if (sciMode) s = sci(v);
    else if (intMode) s = `${v.toFixed(0)}.`;
    else s = v.toFixed(4);
    return pad(s, width);
  };
  return { width, format };
}

/** Python's `'{:.4e}'`: two-digit signed exponent. */
function sci(v: number): string {
  const [mantissa, exponent] = v.toExponential(4).split("e") as [string, string];
  const sign = exponent.startsWith("-") ? "-" : "+";
  const digits = exponent.replace(/^[+-]/, "").padStart(2, "0");
  return `${mantissa}e${sign}${digits}`;
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : " ".repeat(width - s.length) + s;
}

/** The values the formatter sizes itself on: all, or the summarized edges. */
function collect(t: Tensor, summarize: boolean): (number | bigint | boolean)[] {
  const out: (number | bigint | boolean)[] = [];
  const walk = (dim: number, offset: number): void => {
    if (dim === t.shape.length) {
      out.push(t.storage[offset]!);
      return;
    }
    for (const i of indicesOf(t.shape[dim]!, summarize))
      walk(dim + 1, offset + i * t.strides[dim]!);
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

function addSuffixes(body: string, suffixes: readonly string[], indent: number): string {
  let out = body;
  let lastLineLength = body.length - body.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > LINE_WIDTH) {
      out += `,\n${" ".repeat(indent)}${suffix}`;
      lastLineLength = indent + suffix.length;
    } else {
      out += `, ${suffix}`;
      lastLineLength += suffix.length + 2;
    }
  }
  return `${out})`;
}
