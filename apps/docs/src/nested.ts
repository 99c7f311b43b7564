import { findSchedulerInfo, type SchedulerOption } from "@kindling/lr-scheduler";

/** One nested scheduler of SequentialLR or ChainedScheduler: a catalog name and its options. */
export interface NestedScheduler {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/** `text` split at the commas outside parentheses and brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** One value of a nested scheduler's option, read as its kind says, or `undefined`. */
function readValue(option: SchedulerOption, text: string): unknown {
  const list = /^\[(.*)\]$/.exec(text);
  switch (option.kind.type) {
    case "number":
    case "integer":
    case "numbers": {
      const value = Number(text);
      if (text === "" || !Number.isFinite(value)) return undefined;
      return option.kind.type === "integer" && !Number.isInteger(value) ? undefined : value;
    }
    case "integers": {
      const items = (list?.[1] ?? text).split(",").map((item) => Number(item.trim()));
      return items.every(Number.isInteger) ? items : undefined;
    }
    case "boolean":
      return text === "true" ? true : text === "false" ? false : undefined;
    case "enum":
      return option.kind.values.includes(text) ? text : undefined;
    case "expression":
      return text === "" ? undefined : text;
    case "schedulers":
      return undefined; // one level of nesting
  }
}

/**
 * Nested schedulers written as `LinearLR(startFactor=0.1, totalIters=10), ExponentialLR(gamma=0.95)`
 * (the catalog's names and options; lists as `[30, 80]`), or `undefined` when the text is not that.
 */
export function parseNested(text: string): NestedScheduler[] | undefined {
  const result: NestedScheduler[] = [];
  for (const part of splitTopLevel(text)) {
    const call = /^([A-Za-z]\w*)\s*\((.*)\)$/s.exec(part);
    const info = call === null ? undefined : findSchedulerInfo(call[1]!);
    if (call === null || info === undefined) return undefined;
    const options: Record<string, unknown> = {};
    for (const pair of splitTopLevel(call[2]!)) {
      const [key = "", ...rest] = pair.split("=");
      const option = info.options.find((o) => o.name === key.trim());
      const value = option === undefined ? undefined : readValue(option, rest.join("=").trim());
      if (option === undefined || value === undefined) return undefined;
      options[option.name] = value;
    }
    result.push({ name: info.name, options });
  }
  return result.length === 0 ? undefined : result;
}

/** The text {@link parseNested} reads back. */
export function formatNested(schedulers: readonly NestedScheduler[]): string {
  return schedulers
    .map(({ name, options }) => {
      const args = Object.entries(options).map(
        ([key, value]) =>
          `${key}=${Array.isArray(value) ? `[${value.join(", ")}]` : String(value)}`,
      );
      return `${name}(${args.join(", ")})`;
    })
    .join(", ");
}
