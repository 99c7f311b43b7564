import { type AnyModule, Module } from "../module/module.js";

/**
 * Holds child modules in a list, registered as `"0"`, `"1"`, ... (`torch.nn.ModuleList`). It has
 * no forward of its own: iterate it in the owner's forward.
 *
 * @example
 * ```ts
 * const layers = new ModuleList([new Linear(4, 4), new Linear(4, 4)]);
 * for (const layer of layers) x = layer.call(x);
 * ```
 */
export class ModuleList<M extends AnyModule = AnyModule> extends Module<[], never> {
  /** @param modules The initial children, in order. */
  constructor(modules: Iterable<M> = []) {
    super();
    for (const m of modules) this.append(m);
  }

  /** Number of children. */
  get length(): number {
    return this.localModules().size;
  }

  /** The child at `index` (negative counts from the end). @throws RangeError when out of range. */
  at(index: number): M {
    const entries = [...this.localModules().values()];
    const m = entries[index < 0 ? index + entries.length : index];
    if (!Number.isInteger(index) || m === undefined || m === null) {
      throw new RangeError(`index ${index} is out of range`);
    }
    return m as M;
  }

  /** Adds a child at the end; returns this. */
  append(module: M): this {
    this.registerModule(String(this.length), module);
    return this;
  }

  /** Adds several children at the end; returns this. */
  extend(modules: Iterable<M>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  /** The children in order. */
  *[Symbol.iterator](): Iterator<M> {
    for (const m of this.localModules().values()) if (m !== null) yield m as M;
  }

  /** A container has no forward; calling it throws. */
  forward(): never {
    throw new TypeError("ModuleList is a container: iterate it and call its modules instead");
  }
}
