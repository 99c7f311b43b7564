import { UserError } from "../errors.js";

/**
 * An option's value as written, before it is checked against the option's type: text (a number,
 * a word, an expression), a bracketed list, or a nested component such as a scheduler inside
 * SequentialLR (`LinearLR(totalIters=5)`).
 */
export type RawValue =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly RawValue[] }
  | { readonly kind: "call"; readonly spec: ComponentSpec };

/** A component as written: `Name` or `Name(key=value, ...)`. */
export interface ComponentSpec {
  /** The name as written. */
  readonly name: string;
  /** The options, in the order written. */
  readonly options: readonly (readonly [string, RawValue])[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

class Reader {
  pos = 0;
  constructor(
    readonly source: string,
    readonly isComponent: (name: string) => boolean,
  ) {}

  fail(reason: string): never {
    throw new UserError(`${reason} at position ${this.pos} of "${this.source}"`);
  }

  skipSpaces(): void {
    while (/\s/.test(this.source[this.pos] ?? "")) this.pos++;
  }

  peek(): string {
    return this.source[this.pos] ?? "";
  }

  expect(char: string): void {
    this.skipSpaces();
    if (this.peek() !== char) this.fail(`expected "${char}"`);
    this.pos++;
  }

  spec(): ComponentSpec {
    this.skipSpaces();
    const match = IDENT.exec(this.source.slice(this.pos));
    if (match === null) this.fail("expected a name");
    const name = match[0];
    this.pos += name.length;
    this.skipSpaces();
    const options: [string, RawValue][] = [];
    if (this.peek() !== "(") return { name, options };
    this.pos++;
    this.skipSpaces();
    if (this.peek() === ")") {
      this.pos++;
      return { name, options };
    }
    for (;;) {
      this.skipSpaces();
      const key = IDENT.exec(this.source.slice(this.pos));
      if (key === null) this.fail("expected an option name");
      this.pos += key[0].length;
      this.expect("=");
      options.push([key[0], this.value()]);
      this.skipSpaces();
      if (this.peek() === ",") {
        this.pos++;
        continue;
      }
      this.expect(")");
      return { name, options };
    }
  }

  value(): RawValue {
    this.skipSpaces();
    const char = this.peek();
    if (char === '"' || char === "'") return { kind: "text", text: this.quoted(char) };
    if (char === "[") {
      this.pos++;
      const items: RawValue[] = [];
      this.skipSpaces();
      if (this.peek() === "]") {
        this.pos++;
        return { kind: "list", items };
      }
      for (;;) {
        items.push(this.value());
        this.skipSpaces();
        if (this.peek() === ",") {
          this.pos++;
          continue;
        }
        this.expect("]");
        return { kind: "list", items };
      }
    }
    const ident = IDENT.exec(this.source.slice(this.pos));
    if (ident !== null && this.isComponent(ident[0])) return { kind: "call", spec: this.spec() };
    return { kind: "text", text: this.bare() };
  }

  quoted(quote: string): string {
    const end = this.source.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail(`unterminated ${quote} quote`);
    const text = this.source.slice(this.pos + 1, end);
    this.pos = end + 1;
    return text;
  }

  /** Text up to a `,` `)` or `]` outside parentheses (so `min(1, epoch / 5)` stays whole). */
  bare(): string {
    const start = this.pos;
    let depth = 0;
    for (; this.pos < this.source.length; this.pos++) {
      const char = this.source[this.pos]!;
      if (char === "(") depth++;
      else if (char === ")" && depth > 0) depth--;
      else if (depth === 0 && (char === "," || char === ")" || char === "]")) break;
    }
    const text = this.source.slice(start, this.pos).trim();
    if (text === "") this.fail("expected a value");
    return text;
  }
}

/**
 * Parses a component specification such as `StepLR(stepSize=10, gamma=0.5)`,
 * `LambdaLR(lrLambda="0.95 ** epoch")` or
 * `SequentialLR(schedulers=[LinearLR(totalIters=5), ExponentialLR(gamma=0.9)], milestones=[5])`.
 * `isComponent` tells which names start a nested component (other names are expression text).
 * @throws UserError naming the position of the first problem.
 */
export function parseSpec(source: string, isComponent: (name: string) => boolean): ComponentSpec {
  const reader = new Reader(source, isComponent);
  const spec = reader.spec();
  reader.skipSpaces();
  if (reader.pos < source.length) reader.fail("unexpected text");
  return spec;
}

/**
 * Parses `key=value` (from `--set`): a list (`[30, 60]`) or a nested component is parsed, anything
 * else is kept whole as text, so `--set "lrLambda=0.95 ** epoch"` and `--set milestones=30,60`
 * need no quoting inside the value.
 * @throws UserError when there is no `=` or no key.
 */
export function parseAssignment(
  source: string,
  isComponent: (name: string) => boolean,
): [string, RawValue] {
  const eq = source.indexOf("=");
  const key = eq < 0 ? "" : source.slice(0, eq).trim();
  if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
    throw new UserError(`expected key=value, got "${source}"`);
  }
  const text = source.slice(eq + 1).trim();
  const ident = IDENT.exec(text);
  if (text.startsWith("[") || (ident !== null && isComponent(ident[0]) && text.includes("("))) {
    const reader = new Reader(text, isComponent);
    const value = reader.value();
    reader.skipSpaces();
    if (reader.pos < text.length) reader.fail("unexpected text");
    return [key, value];
  }
  const unquoted = /^(["'])(.*)\1$/.exec(text);
  return [key, { kind: "text", text: unquoted === null ? text : unquoted[2]! }];
}

/** The value as it would be written in a specification (for labels and messages). */
export function formatRaw(value: RawValue): string {
  switch (value.kind) {
    case "text":
      return /[,()[\]=]/.test(value.text) || /\s/.test(value.text)
        ? JSON.stringify(value.text)
        : value.text;
    case "list":
      return `[${value.items.map(formatRaw).join(", ")}]`;
    case "call":
      return formatSpec(value.spec);
  }
}

/** The specification as text: `Name(key=value, ...)`, or `Name` without options. */
export function formatSpec(spec: ComponentSpec): string {
  if (spec.options.length === 0) return spec.name;
  return `${spec.name}(${spec.options.map(([k, v]) => `${k}=${formatRaw(v)}`).join(", ")})`;
}
