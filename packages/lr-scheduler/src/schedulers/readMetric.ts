import { SchedulerError } from "../base/errors.js";

function describe(value: unknown): string {
  if (value === undefined) return "undefined (no metric was passed)";
  if (value === null) return "null";
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "object") {
    try {
      return `an object (${JSON.stringify(value)})`;
    } catch {
      return "an object";
    }
  }
  return `a ${typeof value} (${String(value)})`;
}

/**
 * The metric given to `ReduceLROnPlateau.step`, read as PyTorch's `float(metrics)` reads it: a
 * number, a boolean, a numeric string or a one-element tensor (anything with `item()`); anything
 * else throws a {@link SchedulerError} naming the value, instead of silently counting a bad epoch.
 * @internal
 */
export function readMetric(metrics: unknown): number {
  if (typeof metrics === "number") return metrics;
  if (typeof metrics === "boolean") return metrics ? 1 : 0;
  if (typeof metrics === "bigint") return Number(metrics);
  if (typeof metrics === "string") {
    const text = metrics.trim();
    const value = /^[+-]?(inf|infinity)$/i.test(text)
      ? (text.startsWith("-") ? -1 : 1) * Number.POSITIVE_INFINITY
      : /^[+-]?nan$/i.test(text)
        ? Number.NaN
        : text === ""
          ? Number.NaN
          : Number(text);
    if (Number.isNaN(value) && !/^[+-]?nan$/i.test(text)) {
      throw new SchedulerError(
        `ReduceLROnPlateau.step expects a number metric, but got the string ${describe(metrics)} (PyTorch: could not convert string to float: '${metrics}')`,
      );
    }
    return value;
  }
  if (typeof metrics === "object" && metrics !== null) {
    const item = (metrics as { item?: unknown }).item;
    if (typeof item === "function") {
      const value: unknown = item.call(metrics);
      if (typeof value === "number") return value;
    }
  }
  throw new SchedulerError(
    `ReduceLROnPlateau.step expects a number metric (such as the validation loss), but got ${describe(metrics)}`,
    "TypeError",
  );
}
