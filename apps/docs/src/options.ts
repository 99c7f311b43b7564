import { parseNested } from "./nested.js";

/** The kinds of option a playground control can edit, and how each is read from a string. */
export type OptionKind =
  | {
      readonly type: "number";
      readonly min?: number | undefined;
      readonly max?: number | undefined;
      readonly step?: number | undefined;
    }
  | {
      readonly type: "integer";
      readonly min?: number | undefined;
      readonly max?: number | undefined;
    }
  | { readonly type: "enum"; readonly values: readonly string[] }
  | { readonly type: "boolean" }
  | { readonly type: "expression"; readonly variable: string }
  | { readonly type: "integers" }
  /** SequentialLR's and ChainedScheduler's `schedulers`, as text (see {@link parseNested}). */
  | { readonly type: "schedulers" };

/** A value an option holds: numbers, strings (enums, expressions), booleans, integer lists. */
export type OptionValue = number | string | boolean | readonly number[];

/** The option values of one schedule, by option name. */
export type OptionValues = Readonly<Record<string, OptionValue>>;

/** One option of a scheduler, as the playground shows it. */
export interface OptionField {
  /** The name in the package's options object (camelCase). */
  readonly name: string;
  readonly kind: OptionKind;
  /** The value the playground starts from; none for an optional option left to the scheduler. */
  readonly initial?: OptionValue;
  /** Whether the scheduler cannot be built without it (it then always has an initial value). */
  readonly required: boolean;
  /** One line: what it means and its valid range. */
  readonly doc: string;
}

/** `value` as the text a URL or an input holds. */
export function formatOption(value: OptionValue): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}

/** `text` read as an option of `kind`, or `undefined` when it is not one. */
export function parseOption(kind: OptionKind, text: string): OptionValue | undefined {
  switch (kind.type) {
    case "number":
    case "integer": {
      const value = Number(text);
      if (text.trim() === "" || !Number.isFinite(value)) return undefined;
      return kind.type === "integer" && !Number.isInteger(value) ? undefined : value;
    }
    case "enum":
      return kind.values.includes(text) ? text : undefined;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : undefined;
    case "expression":
      return text.trim() === "" ? undefined : text;
    case "schedulers":
      return parseNested(text) === undefined ? undefined : text.trim();
    case "integers": {
      const items = text.split(",").map((item) => Number(item.trim()));
      return text.trim() !== "" && items.every(Number.isInteger) ? items : undefined;
    }
  }
}
