import { readFileSync } from "node:fs";

/** Reads packages/tensor/fixtures/<name>.json, turning "NaN"/"Infinity"/"-Infinity" into numbers. */
export function readFixture<T = unknown>(name: string): T {
  const text = readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), "utf8");
  const parsed = JSON.parse(text, (_key, value: unknown) => {
    if (value === "NaN") return Number.NaN;
    if (value === "Infinity") return Number.POSITIVE_INFINITY;
    if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
    return value;
  }) as { data: T };
  return parsed.data;
}

/** Flattens nested arrays of numbers. */
export function flat(values: unknown): number[] {
  return Array.isArray(values) ? values.flatMap(flat) : [values as number];
}

/** The shape of nested arrays. */
export function shapeOf(values: unknown): number[] {
  const shape: number[] = [];
  let probe = values;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  return shape;
}

/** Max relative/absolute mismatch between two lists, treating equal NaNs and infinities as equal. */
export function closeTo(
  actual: readonly number[],
  expected: readonly number[],
  rtol: number,
  atol: number,
): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} vs ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e)) || a === e) continue;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) return `element ${i}: ${a} vs ${e}`;
  }
  return null;
}
