import type { Tensor } from "@kindling/tensor";
import type { AnyModule } from "./module.js";

/** A state dict: PyTorch's dotted keys (`linear1.weight`) to tensors, in insertion order. */
export type StateDict = Map<string, Tensor>;

/** Options of {@link Module.stateDict}. */
export interface StateDictOptions {
  /** Prepended to every key. Default "". */
  prefix?: string;
  /** Detached views sharing storage with the module (PyTorch's default) instead of copies. */
  share?: boolean;
  /** The live tensors themselves, graph and all (PyTorch's `keep_vars=True`). */
  keepVars?: boolean;
}

/**
 * Each module's parameters, then its persistent buffers, then its children recursively, skipping
 * empty slots: the order of PyTorch's `Module.state_dict()`.
 */
export function collectStateDict(
  module: AnyModule,
  options: StateDictOptions,
  into: StateDict = new Map(),
): StateDict {
  const prefix = options.prefix ?? "";
  const value = (t: Tensor): Tensor =>
    options.keepVars === true ? t : options.share === true ? t.detach() : t.detach().clone();
  for (const [name, p] of module.localParameters()) {
    if (p !== null) into.set(prefix + name, value(p));
  }
  for (const [name, b] of module.localBuffers()) {
    if (b !== null && !module.isNonPersistentBuffer(name)) into.set(prefix + name, value(b));
  }
  for (const [name, child] of module.localModules()) {
    if (child !== null) collectStateDict(child, { ...options, prefix: `${prefix}${name}.` }, into);
  }
  return into;
}
