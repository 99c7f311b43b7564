import { FactorExpression } from "@kindling/lr-scheduler";
import { UserError } from "../errors.js";
import { didYouMean } from "../util/nearest.js";
import type { ComponentSpec, RawValue } from "./rawValue.js";

/** The type of a component's option, which decides how its written value is read. */
export type OptionType =
  | { readonly type: "number" }
  | { readonly type: "integer" }
  | { readonly type: "boolean" }
  /** A number for every param group, or a list of one per group. */
  | { readonly type: "numbers" }
  /** A list of integers (milestones). */
  | { readonly type: "integers" }
  /** Exactly two numbers (Adam's betas). */
  | { readonly type: "pair" }
  | { readonly type: "enum"; readonly values: readonly string[] }
  /** A factor expression of one variable, compiled safely (never run as code). */
  | { readonly type: "expression"; readonly variable: string }
  /** A list of nested components (SequentialLR's schedulers). */
  | { readonly type: "components" };

/** One option of a component (a scheduler or an optimizer), as the package's options object names it. */
export interface OptionSpec {
  /** The camelCase name of the package's options object, e.g. `stepSize`. */
  readonly name: string;
  /** PyTorch's keyword, when it is not simply the snake_case of `name` (`T_max`). */
  readonly torch?: string;
  /** How the value is read. */
  readonly kind: OptionType;
  /** Whether the component cannot be built without it. */
  readonly required?: boolean;
  /** One line: what it is, its range and its default. */
  readonly doc: string;
  /** True for options of Kindling's own presets, which PyTorch does not have (no PyTorch name shown). */
  readonly kindlingOnly?: boolean;
}

/** ` (PyTorch step_size)`, or nothing for an option PyTorch does not have. */
function torchNote(option: OptionSpec, open = " (", close = ")"): string {
  return option.kindlingOnly === true ? "" : `${open}PyTorch ${torchName(option)}${close}`;
}

/** PyTorch's keyword for an option: `torch`, or the snake_case of its name. */
export function torchName(option: OptionSpec): string {
  return option.torch ?? option.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function normalize(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, "");
}

/** The option `key` names, in camelCase or PyTorch's snake_case (case and `_` ignored). */
export function findOption(options: readonly OptionSpec[], key: string): OptionSpec | undefined {
  const wanted = normalize(key);
  return options.find((o) => normalize(o.name) === wanted || normalize(torchName(o)) === wanted);
}

function describeKind(kind: OptionType): string {
  switch (kind.type) {
    case "number":
      return "a number";
    case "integer":
      return "an integer";
    case "boolean":
      return "true or false";
    case "numbers":
      return "a number or a list of numbers (one per param group)";
    case "integers":
      return "a list of integers such as 30,60";
    case "pair":
      return "two numbers such as 0.9,0.999";
    case "enum":
      return `one of ${kind.values.join(", ")}`;
    case "expression":
      return `an expression of ${kind.variable} such as "0.95 ** ${kind.variable}"`;
    case "components":
      return "a list of schedulers such as [LinearLR(totalIters=5), ExponentialLR(gamma=0.9)]";
  }
}

function readNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === "inf" || t === "infinity") return Number.POSITIVE_INFINITY;
  if (t === "-inf" || t === "-infinity") return Number.NEGATIVE_INFINITY;
  if (t === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** The items of a list value: a bracketed list, or comma-separated text. */
function items(value: RawValue): RawValue[] {
  if (value.kind === "list") return [...value.items];
  if (value.kind === "text") {
    return value.text
      .replace(/^\[|\]$/g, "")
      .split(",")
      .filter((t) => t.trim() !== "")
      .map((text) => ({ kind: "text", text: text.trim() }));
  }
  return [value];
}

function text(value: RawValue): string | undefined {
  return value.kind === "text" ? value.text : undefined;
}

/** Reads the value of one option; `undefined` when it does not fit the option's type. */
function coerce(
  kind: OptionType,
  value: RawValue,
  nested: (spec: ComponentSpec) => unknown,
): unknown {
  switch (kind.type) {
    case "number": {
      const t = text(value);
      return t === undefined ? undefined : readNumber(t);
    }
    case "integer": {
      const t = text(value);
      const n = t === undefined ? undefined : readNumber(t);
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    }
    case "boolean": {
      const t = text(value)?.toLowerCase();
      if (t === "true" || t === "1" || t === "yes") return true;
      if (t === "false" || t === "0" || t === "no") return false;
      return undefined;
    }
    case "numbers": {
      const list = items(value).map((v) => coerce({ type: "number" }, v, nested) as number);
      if (list.length === 0 || list.some((n) => n === undefined)) return undefined;
      return value.kind === "list" || list.length > 1 ? list : list[0];
    }
    case "integers": {
      const list = items(value).map((v) => coerce({ type: "integer" }, v, nested) as number);
      return list.some((n) => n === undefined) ? undefined : list;
    }
    case "pair": {
      const list = items(value).map((v) => coerce({ type: "number" }, v, nested) as number);
      return list.length === 2 && list.every((n) => n !== undefined) ? list : undefined;
    }
    case "enum": {
      const t = text(value);
      return kind.values.find((v) => v.toLowerCase() === t?.toLowerCase());
    }
    case "expression": {
      const t = text(value);
      if (t === undefined) return undefined;
      // Python's `lambda epoch: 0.95 ** epoch` reads as its body.
      const body = t.replace(new RegExp(`^\\s*lambda\\s+${kind.variable}\\s*:`), "").trim();
      try {
        return new FactorExpression(body, kind.variable);
      } catch (error) {
        const reason = (error as Error).message.split("\n")[0];
        throw new UserError(`invalid expression "${body}": ${reason}`);
      }
    }
    case "components": {
      const list = value.kind === "list" ? value.items : [value];
      if (list.some((v) => v.kind !== "call")) return undefined;
      return list.map((v) => nested((v as { spec: ComponentSpec }).spec));
    }
  }
}

/**
 * Reads the options written for component `label` against its declared options: each key is
 * matched in camelCase or snake_case, each value read by its type, and required options checked.
 * @returns The options object for the package's constructor (camelCase keys).
 * @throws UserError for an unknown option (with the nearest name), a value of the wrong type (with
 * what is expected), or a missing required option.
 */
export function resolveOptions(
  label: string,
  specs: readonly OptionSpec[],
  written: readonly (readonly [string, RawValue])[],
  nested: (spec: ComponentSpec) => unknown = () => undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of written) {
    const option = findOption(specs, key);
    if (option === undefined) {
      const names = specs.map((o) => o.name);
      const list = names.length === 0 ? "it takes no options" : `its options: ${names.join(", ")}`;
      throw new UserError(`${label} has no option "${key}"${didYouMean(key, names)}; ${list}`);
    }
    let read: unknown;
    try {
      read = coerce(option.kind, value, nested);
    } catch (error) {
      if (error instanceof UserError) {
        throw new UserError(`${label} option ${option.name}: ${error.message}`, error.exitCode);
      }
      throw error;
    }
    if (read === undefined) {
      const shown = value.kind === "text" ? JSON.stringify(value.text) : "a list";
      throw new UserError(
        `${label} option ${option.name}${torchNote(option)} must be ${describeKind(option.kind)}, got ${shown}`,
      );
    }
    out[option.name] = read;
  }
  for (const option of specs) {
    if (option.required === true && !(option.name in out)) {
      throw new UserError(
        `${label} needs ${option.name}${torchNote(option)}: ${option.doc}; e.g. --set ${option.name}=...`,
      );
    }
  }
  return out;
}

/** One line per option, for `--help` and `--list`: name, PyTorch's name, and what it is. */
export function describeOptions(specs: readonly OptionSpec[]): string[] {
  return specs.map(
    (o) =>
      `${o.name}${o.required === true ? " (required)" : ""}${torchNote(o, " [", "]")}: ${o.doc}`,
  );
}
