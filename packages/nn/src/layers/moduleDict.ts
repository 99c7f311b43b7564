import { type AnyModule, Module } from "../module/module.js";

/**
 * Holds child modules by name, in insertion order (`torch.nn.ModuleDict`). It has no forward of
 * its own.
 *
 * @example
 * ```ts
 * const heads = new ModuleDict({ mean: new Linear(4, 1), logVar: new Linear(4, 1) });
 * heads.get("mean"); // the first Linear
 * ```
 */
export class ModuleDict<M extends AnyModule = AnyModule> extends Module<[], never> {
  /** @param modules The initial children: a Map or a plain object, in insertion order. */
  constructor(modules: ReadonlyMap<string, M> | Readonly<Record<string, M>> = {}) {
    super();
    const entries = modules instanceof Map ? modules.entries() : Object.entries(modules);
    for (const [name, m] of entries) this.set(name, m as M);
  }

  /** The child called `name`, or undefined. */
  get(name: string): M | undefined {
    return (this.localModules().get(name) ?? undefined) as M | undefined;
  }

  /** Adds or replaces the child `name`; returns this. */
  set(name: string, module: M): this {
    this.registerModule(name, module);
    return this;
  }

  /** Whether a child is called `name`. */
  has(name: string): boolean {
    return this.localModules().has(name);
  }

  /** Number of children. */
  get size(): number {
    return this.localModules().size;
  }

  /** The names in insertion order. */
  keys(): string[] {
    return [...this.localModules().keys()];
  }

  /** The children in insertion order. */
  values(): M[] {
    return this.namedChildren().map(([, m]) => m as M);
  }

  /** Names and children in insertion order. */
  entries(): [string, M][] {
    return this.namedChildren().map(([k, m]) => [k, m as M]);
  }

  /** A container has no forward; calling it throws. */
  forward(): never {
    throw new TypeError("ModuleDict is a container: call its modules instead");
  }
}
