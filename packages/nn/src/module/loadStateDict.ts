import { noGrad, Tensor } from "@kindling/tensor";
import type { AnyModule } from "./module.js";
import { StateDictError } from "./stateDictError.js";

/** What {@link Module.loadStateDict} takes: a Map (as `stateDict()` returns) or a plain object. */
export type StateDictInput = ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

/** The keys that did not fit (PyTorch's `_IncompatibleKeys`). */
export interface LoadResult {
  /** Keys the module has and the state dict lacks. */
  missingKeys: string[];
  /** Keys the state dict has and the module lacks. */
  unexpectedKeys: string[];
}

/** `torch.Size([4, 5])`, as PyTorch prints shapes in its messages. */
function torchSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

interface Plan {
  copies: [Tensor, Tensor][];
  missingKeys: string[];
  unexpectedKeys: string[];
  errors: string[];
}

/** Walks the tree as PyTorch's `_load_from_state_dict` does, recording instead of copying. */
function planModule(module: AnyModule, entries: Map<string, unknown>, prefix: string, plan: Plan) {
  const local = new Map<string, Tensor>();
  for (const [name, p] of module.localParameters()) if (p !== null) local.set(name, p);
  for (const [name, b] of module.localBuffers()) {
    if (b !== null && !module.isNonPersistentBuffer(name)) local.set(name, b);
  }
  for (const [name, target] of local) {
    const key = prefix + name;
    if (!entries.has(key)) {
      plan.missingKeys.push(key);
      continue;
    }
    const raw = entries.get(key);
    if (!(raw instanceof Tensor)) {
      const type = raw === null ? "null" : typeof raw;
      plan.errors.push(
        `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${type}`,
      );
      continue;
    }
    let input: Tensor = raw;
    if (target.ndim === 0 && input.ndim === 1 && input.shape[0]! > 0) input = input.select(0, 0);
    if (!sameShape(input.shape, target.shape)) {
      plan.errors.push(
        `size mismatch for ${key}: copying a param with shape ${torchSize(input.shape)} from checkpoint, the shape in current model is ${torchSize(target.shape)}.`,
      );
      continue;
    }
    plan.copies.push([target, input]);
  }
  const children = module.localModules();
  for (const key of entries.keys()) {
    if (!key.startsWith(prefix)) continue;
    const head = key.slice(prefix.length).split(".", 1)[0]!;
    if (!children.has(head) && !local.has(head)) plan.unexpectedKeys.push(key);
  }
  for (const [name, child] of children) {
    if (child !== null) planModule(child, entries, `${prefix}${name}.`, plan);
  }
}

/**
 * Checks `stateDict` against `module` completely, then, only if nothing is wrong, copies every
 * value in place without recording gradients.
 *
 * @throws StateDictError listing all problems (missing and unexpected keys only when `strict`).
 */
export function loadIntoModule(
  module: AnyModule,
  stateDict: StateDictInput,
  strict: boolean,
): LoadResult {
  if (typeof stateDict !== "object" || stateDict === null || Array.isArray(stateDict)) {
    const got =
      stateDict === null ? "null" : Array.isArray(stateDict) ? "an array" : typeof stateDict;
    throw new StateDictError(
      `Expected state_dict to be dict-like (a Map or a plain object), got ${got}.`,
      [],
      [],
    );
  }
  const entries = new Map<string, unknown>(
    stateDict instanceof Map ? stateDict : Object.entries(stateDict),
  );
  const plan: Plan = { copies: [], missingKeys: [], unexpectedKeys: [], errors: [] };
  planModule(module, entries, "", plan);
  const messages = [...plan.errors];
  if (strict) {
    const quoted = (keys: string[]) => keys.map((k) => `"${k}"`).join(", ");
    if (plan.unexpectedKeys.length > 0) {
      messages.unshift(`Unexpected key(s) in state_dict: ${quoted(plan.unexpectedKeys)}. `);
    }
    if (plan.missingKeys.length > 0) {
      messages.unshift(`Missing key(s) in state_dict: ${quoted(plan.missingKeys)}. `);
    }
  }
  if (messages.length > 0) {
    throw new StateDictError(
      `Error(s) in loading state_dict for ${module.getName()}:\n\t${messages.join("\n\t")}`,
      plan.missingKeys,
      plan.unexpectedKeys,
    );
  }
  noGrad(() => {
    for (const [target, input] of plan.copies) target.copy_(input);
  });
  return { missingKeys: plan.missingKeys, unexpectedKeys: plan.unexpectedKeys };
}

/**
 * The `strict` flag of `loadStateDict(sd, options)`: PyTorch's positional boolean, or
 * `{ strict }` (default `true`). A misspelled key or a non-boolean value throws a
 * {@link StateDictError} rather than loading strictly by surprise.
 */
export function readStrict(options: { strict?: boolean } | boolean): boolean {
  if (typeof options === "boolean") return options;
  const bad = (what: string) =>
    new StateDictError(
      `loadStateDict expects strict as a boolean (loadStateDict(sd, false)) or { strict: boolean }, but got ${what}`,
      [],
      [],
    );
  if (typeof options !== "object" || options === null) throw bad(String(options));
  const extra = Object.keys(options).find((k) => k !== "strict");
  if (extra !== undefined) throw bad(`an unknown option "${extra}"`);
  const { strict } = options;
  if (strict !== undefined && typeof strict !== "boolean") throw bad(`strict = ${String(strict)}`);
  return strict ?? true;
}
