import type { Tensor } from "@kindling/tensor";
import { Module } from "../module/module.js";

/** A module that maps one tensor to one tensor: what {@link Sequential} chains. */
export type TensorModule = Module<[Tensor], Tensor>;

/**
 * Runs its children in order, each on the previous one's output (`torch.nn.Sequential`). Children
 * are named `"0"`, `"1"`, ... (so state-dict keys are `0.weight`, ...), or by the keys of a Map.
 *
 * @example
 * ```ts
 * const net = new Sequential(new Linear(5, 4), new Tanh(), new Linear(4, 1));
 * [...net.stateDict().keys()]; // ["0.weight", "0.bias", "2.weight", "2.bias"]
 * net.at(-1); // the last Linear
 * ```
 */
export class Sequential extends Module {
  /** @param modules The children in order, or a Map from names to children (an OrderedDict). */
  constructor(...modules: TensorModule[] | [ReadonlyMap<string, TensorModule>]) {
    super();
    const [first] = modules;
    if (first instanceof Map) {
      for (const [name, m] of first as ReadonlyMap<string, TensorModule>)
        this.registerModule(name, m);
    } else {
      (modules as TensorModule[]).forEach((m, i) => {
        this.registerModule(String(i), m);
      });
    }
  }

  /** Number of children. */
  get length(): number {
    return this.localModules().size;
  }

  /**
   * The child at `index` (negative counts from the end).
   *
   * @throws RangeError when out of range, in PyTorch's words.
   */
  at(index: number): TensorModule {
    const entries = [...this.localModules().values()];
    const i = index < 0 ? index + entries.length : index;
    const m = entries[i];
    if (!Number.isInteger(index) || m === undefined || m === null) {
      throw new RangeError(`index ${index} is out of range`);
    }
    return m as TensorModule;
  }

  /** Adds a child at the end, named by its position; returns this. */
  append(module: TensorModule): this {
    this.registerModule(String(this.length), module);
    return this;
  }

  /** The children in order. */
  *[Symbol.iterator](): Iterator<TensorModule> {
    for (const m of this.localModules().values()) if (m !== null) yield m as TensorModule;
  }

  /** Feeds `x` through every child in order. */
  forward(x: Tensor): Tensor {
    let out = x;
    for (const m of this) out = m.call(out);
    return out;
  }
}
