import { noGrad, type Tensor } from "@kindling/tensor";
import { Buffer } from "./buffer.js";
import {
  type LoadResult,
  loadIntoModule,
  readStrict,
  type StateDictInput,
} from "./loadStateDict.js";
import type { Parameter } from "./parameter.js";
import { moduleRepr } from "./repr.js";
import { collectStateDict, type StateDict, type StateDictOptions } from "./stateDict.js";

/** Any module, whatever its forward signature: what containers and traversals hold. */
// biome-ignore lint/suspicious/noExplicitAny: forward's arguments differ between modules; `any[]` lets every module be held in one collection.
export type AnyModule = Module<any[], unknown>;

/** Options of {@link Module.registerBuffer}. */
export interface BufferOptions {
  /** Whether `stateDict()` includes the buffer. Default true (or the Buffer's own flag). */
  persistent?: boolean;
}

function checkName(kind: string, name: string): void {
  if (name === "") throw new RangeError(`${kind} name can't be empty string ""`);
  if (name.includes(".")) throw new RangeError(`${kind} name can't contain "."`);
}

/**
 * The base of every layer and network (`torch.nn.Module`).
 *
 * **Writing a module.** TypeScript has no `__setattr__`, so a module registers its parts
 * explicitly, in definition order, with helpers that return what they register, so that
 * registration and the field are one line:
 *
 * ```ts
 * class Net extends Module {
 *   readonly linear1 = this.module("linear1", new Linear(5, 4));
 *   readonly scale = this.param("scale", new Parameter(ones([1])));
 *   readonly steps = this.buffer("steps", zeros([], { dtype: "int64" }));
 *   forward(x: Tensor): Tensor {
 *     return this.linear1.call(x).mul(this.scale);
 *   }
 * }
 * ```
 *
 * Fields initialise in source order after the base constructor, so the order of parameters,
 * buffers and children (and so of `parameters()` and `stateDict()`) is the source order, as in
 * PyTorch. The register methods (`registerParameter`, ...) do the same without returning.
 *
 * **Calling a module.** Override `forward`; call a module with `model.call(x)` (PyTorch's
 * `model(x)`), which runs `forward`. `forward` itself may also be called directly; `call` is the
 * documented idiom and the single place where future hooks will run.
 *
 * @typeParam In The arguments of `forward`.
 * @typeParam Out What `forward` returns.
 */
export abstract class Module<In extends unknown[] = [Tensor], Out = Tensor> {
  /** True in training mode (the default), false after `eval()`. Changed by `train`/`eval`. */
  training = true;
  private readonly parameterMap = new Map<string, Parameter | null>();
  private readonly bufferMap = new Map<string, Tensor | null>();
  private readonly nonPersistent = new Set<string>();
  private readonly moduleMap = new Map<string, AnyModule | null>();

  /** The computation of this module; call it through {@link Module.call}. */
  abstract forward(...args: In): Out;

  /** Runs {@link Module.forward} (PyTorch's `module(*args)`). */
  call(...args: In): Out {
    return this.forward(...args);
  }

  /** The name printed by `toString()` and error messages: the class name (`_get_name`). */
  getName(): string {
    return this.constructor.name;
  }

  /** Extra text inside the parentheses of `toString()`, e.g. `in_features=5, out_features=4`. */
  extraRepr(): string {
    return "";
  }

  /** The module tree, exactly as PyTorch's `repr(module)` prints it. */
  toString(): string {
    return moduleRepr(this);
  }

  /** Node's `console.log` shows the PyTorch-style tree. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  private checkFree(kind: string, name: string, own: Map<string, unknown>): void {
    checkName(kind, name);
    for (const map of [this.parameterMap, this.bufferMap, this.moduleMap] as Map<
      string,
      unknown
    >[]) {
      if (map !== own && map.has(name)) throw new RangeError(`attribute '${name}' already exists`);
    }
  }

  /** Adds (or replaces, keeping its position) a parameter (`register_parameter`). */
  registerParameter(name: string, param: Parameter | null): void {
    this.checkFree("parameter", name, this.parameterMap);
    this.parameterMap.set(name, param);
  }

  /**
   * Adds (or replaces, keeping its position) a buffer (`register_buffer`). A non-persistent buffer
   * is left out of `stateDict()`.
   */
  registerBuffer(name: string, tensor: Tensor | null, options: BufferOptions = {}): void {
    this.checkFree("buffer", name, this.bufferMap);
    const persistent = options.persistent ?? (tensor instanceof Buffer ? tensor.persistent : true);
    this.bufferMap.set(name, tensor);
    if (persistent) this.nonPersistent.delete(name);
    else this.nonPersistent.add(name);
  }

  /** Adds (or replaces, keeping its position) a child module (`register_module`/`add_module`). */
  registerModule(name: string, module: AnyModule | null): void {
    this.checkFree("module", name, this.moduleMap);
    this.moduleMap.set(name, module);
  }

  /** Registers `param` under `name` and returns it, for `readonly w = this.param("w", ...)`. */
  protected param<P extends Parameter | null>(name: string, param: P): P {
    this.registerParameter(name, param);
    return param;
  }

  /** Registers `tensor` as a buffer under `name` and returns it. */
  protected buffer<T extends Tensor | null>(
    name: string,
    tensor: T,
    options: BufferOptions = {},
  ): T {
    this.registerBuffer(name, tensor, options);
    return tensor;
  }

  /** Registers `module` as a child under `name` and returns it. */
  protected module<M extends AnyModule | null>(name: string, module: M): M {
    this.registerModule(name, module);
    return module;
  }

  /** True when buffer `name` of this module (not a descendant) is left out of `stateDict()`. */
  isNonPersistentBuffer(name: string): boolean {
    return this.nonPersistent.has(name);
  }

  /** This module's own parameter slots in order, `null` for a slot registered empty. */
  localParameters(): ReadonlyMap<string, Parameter | null> {
    return this.parameterMap;
  }

  /** This module's own buffer slots in order, `null` for a slot registered empty. */
  localBuffers(): ReadonlyMap<string, Tensor | null> {
    return this.bufferMap;
  }

  /** This module's own child slots in order, `null` for a slot registered empty. */
  localModules(): ReadonlyMap<string, AnyModule | null> {
    return this.moduleMap;
  }

  /**
   * The parameters and persistent buffers with PyTorch's dotted keys, in PyTorch's order (each
   * module's parameters, then its persistent buffers, then its children). Values are detached
   * copies unless `share` is set, in which case they are detached views of the live tensors (as
   * PyTorch's `state_dict()` returns); `keepVars` returns the live tensors themselves.
   */
  stateDict(options: StateDictOptions = {}): StateDict {
    return collectStateDict(this, options);
  }

  /**
   * Copies the values of `stateDict` into this module's parameters and buffers, in place, without
   * recording gradients (`load_state_dict`). Every key is checked before anything is copied: a
   * shape mismatch, or with `strict` (the default) a missing or unexpected key, throws one
   * {@link StateDictError} listing every problem in PyTorch's words, and leaves the module as it
   * was. Returns the missing and unexpected keys (both empty when strict succeeds).
   *
   * `strict` may be given as PyTorch's positional argument, `loadStateDict(sd, false)`, or as
   * `{ strict: false }`; anything else (a misspelled key, a non-boolean) throws a
   * {@link StateDictError} instead of loading strictly by surprise.
   */
  loadStateDict(
    stateDict: StateDictInput,
    options: { strict?: boolean } | boolean = {},
  ): LoadResult {
    return loadIntoModule(this, stateDict, readStrict(options));
  }

  /** Direct children with their names, in registration order (`named_children`). */
  namedChildren(): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    const seen = new Set<AnyModule>();
    for (const [name, m] of this.moduleMap) {
      if (m !== null && !seen.has(m)) {
        seen.add(m);
        out.push([name, m]);
      }
    }
    return out;
  }

  /** Direct children in registration order (`children`). */
  children(): AnyModule[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, depth first, with dotted names (`named_modules`). */
  namedModules(prefix = ""): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    const seen = new Set<AnyModule>();
    const visit = (m: AnyModule, name: string): void => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([name, m]);
      for (const [childName, child] of m.moduleMap) {
        if (child !== null) visit(child, name === "" ? childName : `${name}.${childName}`);
      }
    };
    visit(this, prefix);
    return out;
  }

  /** This module and every descendant, depth first (`modules`). */
  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  private namedMembers<T extends Tensor>(
    local: (m: AnyModule) => ReadonlyMap<string, T | null>,
    prefix: string,
    recurse: boolean,
  ): [string, T][] {
    const modules: [string, AnyModule][] = recurse ? this.namedModules(prefix) : [[prefix, this]];
    const out: [string, T][] = [];
    const seen = new Set<T>();
    for (const [moduleName, m] of modules) {
      for (const [name, value] of local(m)) {
        if (value === null || seen.has(value)) continue;
        seen.add(value);
        out.push([moduleName === "" ? name : `${moduleName}.${name}`, value]);
      }
    }
    return out;
  }

  /** Parameters with dotted names, in registration order, each once (`named_parameters`). */
  namedParameters(options: { prefix?: string; recurse?: boolean } = {}): [string, Parameter][] {
    return this.namedMembers((m) => m.parameterMap, options.prefix ?? "", options.recurse ?? true);
  }

  /** Parameters in registration order, each once: what an optimizer takes (`parameters`). */
  parameters(recurse = true): Parameter[] {
    // The order and deduplication of namedParameters, without building the dotted names.
    const out: Parameter[] = [];
    const seen = new Set<Parameter>();
    const visited = new Set<AnyModule>();
    const visit = (m: AnyModule): void => {
      if (visited.has(m)) return;
      visited.add(m);
      for (const p of m.parameterMap.values()) {
        if (p !== null && !seen.has(p)) {
          seen.add(p);
          out.push(p);
        }
      }
      if (recurse) for (const child of m.moduleMap.values()) if (child !== null) visit(child);
    };
    visit(this);
    return out;
  }

  /** Buffers with dotted names, persistent or not, in registration order (`named_buffers`). */
  namedBuffers(options: { prefix?: string; recurse?: boolean } = {}): [string, Tensor][] {
    return this.namedMembers((m) => m.bufferMap, options.prefix ?? "", options.recurse ?? true);
  }

  /** Buffers in registration order (`buffers`). */
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers({ recurse }).map(([, b]) => b);
  }

  /** Sets training mode on this module and every descendant; returns this. */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  /** Evaluation mode: `train(false)`. Returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Calls `fn` on every descendant (children first, depth first) and then on this module. */
  apply(fn: (module: AnyModule) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Clears the gradients of every parameter. As PyTorch 1.13 (`set_to_none=False`), existing
   * gradients are zeroed in place by default; `setToNone: true` drops them instead.
   */
  zeroGrad(setToNone = false): void {
    const params = this.parameters();
    if (setToNone) {
      for (const p of params) p.grad = null;
      return;
    }
    noGrad(() => {
      for (const p of params) {
        if (p.grad === null) continue;
        const grad = p.grad.gradFn === null ? p.grad : p.grad.detach();
        p.grad = grad;
        grad.zero_();
      }
    });
  }

  /** Sets `requiresGrad` on every parameter (`requires_grad_`); returns this. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad = requiresGrad;
    return this;
  }

  /**
   * The descendant at a dotted path (`get_submodule`), e.g. `"0.linear1"`.
   *
   * @throws RangeError naming the missing part.
   */
  getSubmodule(target: string): AnyModule {
    let current: AnyModule = this;
    if (target === "") return current;
    for (const part of target.split(".")) {
      const next = current.moduleMap.get(part);
      if (next === undefined || next === null) {
        throw new RangeError(`${current.getName()} has no attribute \`${part}\``);
      }
      current = next;
    }
    return current;
  }
}
