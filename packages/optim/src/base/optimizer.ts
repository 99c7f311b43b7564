import { enableGrad, noGrad, Tensor } from "@kindling/tensor";
import { type HookHandle, HookList, type StepHook } from "./hooks.js";
import { OptimizerError } from "./optimizerError.js";
import type { ParamGroup, ParamGroupInput, ParamsInput } from "./paramGroup.js";
import type { OptimizerStateDict, PackedParamGroup, ParamState, StateValue } from "./stateDict.js";

/** What `step(closure)` accepts: a function that re-evaluates the model and returns the loss. */
export type Closure = () => Tensor | number;

/** Options of {@link Optimizer.zeroGrad}. */
export interface ZeroGradOptions {
  /**
   * Drop gradients (`grad = null`) instead of filling them with zeros. Default `false`, as in
   * PyTorch 1.13 (PyTorch 2.x changed its default to `true`). With `null` gradients a later
   * `step()` skips those parameters entirely (no weight decay, no momentum).
   */
  setToNone?: boolean;
}

/**
 * The base of every optimizer, with PyTorch's semantics: parameter groups filled from defaults,
 * per-parameter state, `zeroGrad`, `step(closure?)`, and state dicts in PyTorch's layout.
 *
 * To write an optimizer, extend it and implement the one update method, {@link Optimizer.update},
 * which receives each parameter that has a gradient, its gradient, its state and its group:
 *
 * @example
 * ```ts
 * interface SignSGDGroup extends ParamGroup { lr: number }
 * class SignSGD extends Optimizer<SignSGDGroup> {
 *   constructor(params: ParamsInput, options: { lr: number }) {
 *     super(params, { lr: options.lr });
 *   }
 *   protected update(param: Tensor, grad: Tensor, _state: ParamState, group: SignSGDGroup) {
 *     param.sub_(grad.gt(0).float().sub(grad.lt(0).float()), group.lr);
 *   }
 * }
 * ```
 */
export abstract class Optimizer<G extends ParamGroup = ParamGroup> {
  /** The hyper-parameters every new group starts from, under PyTorch's keys. */
  readonly defaults: Readonly<Omit<G, "params">>;
  /** The parameter groups: plain objects that schedulers and users may change between steps. */
  paramGroups: G[] = [];
  /** Per-parameter state, keyed by the parameter tensor itself. */
  state = new Map<Tensor, ParamState>();
  /**
   * Whether `step()` must be given a closure that re-evaluates the loss (true for `LBFGS`, which
   * evaluates it several times a step; false for the rest, which use the gradients already
   * computed). Generic training loops read it to choose how to step; PyTorch has no such flag.
   */
  get requiresClosure(): boolean {
    return false;
  }
  private readonly preHooks = new HookList<this>();
  private readonly postHooks = new HookList<this>();

  /**
   * @param params The tensors to optimize, or parameter-group objects with per-group options.
   * @param defaults Every hyper-parameter's default, under PyTorch's keys.
   */
  protected constructor(params: ParamsInput, defaults: Omit<G, "params">) {
    this.defaults = defaults;
    const list = [...params] as (Tensor | ParamGroupInput)[];
    if (list.length === 0) throw new OptimizerError("optimizer got an empty parameter list");
    if (list[0] instanceof Tensor) {
      this.addParamGroup({ params: list as Tensor[] });
    } else {
      for (const group of list as ParamGroupInput[]) this.addParamGroup(group);
    }
  }

  /**
   * Adds a parameter group, filling missing hyper-parameters from the defaults (PyTorch's
   * `add_param_group`). A parameter may belong to one group only.
   */
  addParamGroup(input: ParamGroupInput): void {
    const params = input.params instanceof Tensor ? [input.params] : [...input.params];
    for (const param of params) {
      if (!(param instanceof Tensor)) {
        throw new OptimizerError(
          "optimizer can only optimize Tensors, but one of the params is not a Tensor",
        );
      }
      if (!param.isLeaf) throw new OptimizerError("can't optimize a non-leaf Tensor");
    }
    if (new Set(params).size !== params.length) {
      throw new OptimizerError(
        "optimizer contains a parameter group with duplicate parameters; each parameter may appear once",
      );
    }
    const seen = new Set(this.paramGroups.flatMap((group) => group.params));
    if (params.some((param) => seen.has(param))) {
      throw new OptimizerError("some parameters appear in more than one parameter group");
    }
    const group: Record<string, unknown> = { params };
    for (const [key, value] of Object.entries(input)) {
      if (key !== "params") group[key] = value;
    }
    for (const [key, value] of Object.entries(this.defaults)) {
      if (!(key in group)) group[key] = Array.isArray(value) ? [...value] : value;
    }
    this.validateGroup(group as G);
    this.paramGroups.push(group as G);
  }

  /**
   * Checks a group's hyper-parameters, throwing PyTorch's message for an invalid one. Called for
   * every group added; the default accepts everything.
   */
  protected validateGroup(_group: G): void {}

  /**
   * Resets the gradients of every parameter: zeros in place, or `null` with `setToNone`.
   * See {@link ZeroGradOptions} for the default.
   */
  zeroGrad(options: ZeroGradOptions = {}): void {
    for (const group of this.paramGroups) {
      for (const param of group.params) {
        if (param.grad === null) continue;
        if (options.setToNone) param.grad = null;
        else param.grad = param.grad.detach().zero_();
      }
    }
  }

  /**
   * Updates every parameter that has a gradient, group by group. With a closure, first calls it
   * with gradients enabled and returns what it returned (the loss).
   */
  step(closure?: Closure): Tensor | number | undefined {
    this.preHooks.run(this);
    const loss = this.takeStep(closure);
    this.postHooks.run(this);
    return loss;
  }

  /**
   * What `step()` does between its hooks: by default, calls the closure (if any) with gradients
   * enabled, then {@link Optimizer.update} for every parameter that has a gradient, with
   * gradient recording off. An optimizer that drives the closure itself (LBFGS) overrides this.
   */
  protected takeStep(closure?: Closure): Tensor | number | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const param of group.params) {
          const grad = param.grad;
          if (grad === null) continue;
          let state = this.state.get(param);
          if (state === undefined) {
            state = {};
            this.state.set(param, state);
          }
          this.update(param, grad, state, group);
        }
      }
    });
    return loss;
  }

  /**
   * The update rule: changes `param` in place from its gradient, state and group. `state` starts
   * empty for a parameter's first step; keep it under PyTorch's keys so that state dicts match.
   * Runs with gradient recording off.
   *
   * @param param The parameter to update (a leaf tensor).
   * @param grad Its gradient, same shape and dtype.
   * @param state This parameter's state, to read and update.
   * @param group The parameter's group, with the current hyper-parameters.
   */
  protected abstract update(param: Tensor, grad: Tensor, state: ParamState, group: G): void;

  /** Registers a function called at the start of every `step()`. */
  registerStepPreHook(hook: StepHook<this>): HookHandle {
    return this.preHooks.add(hook);
  }

  /** Registers a function called at the end of every `step()`. */
  registerStepPostHook(hook: StepHook<this>): HookHandle {
    return this.postHooks.add(hook);
  }

  /**
   * The optimizer's state in PyTorch's layout: per-parameter state keyed by the parameter's index
   * across all groups, and the groups with their parameters as indices (and any keys schedulers
   * added, such as `initial_lr`). Tensors are copies: later steps do not change the dict.
   */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    const param_groups: PackedParamGroup[] = this.paramGroups.map((group) => {
      const packed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(group)) {
        if (key !== "params") packed[key] = Array.isArray(value) ? [...value] : value;
      }
      packed.params = group.params.map((param) => {
        if (!index.has(param)) index.set(param, index.size);
        return index.get(param)!;
      });
      return packed as PackedParamGroup;
    });
    const state: Record<number, ParamState> = {};
    for (const [param, paramState] of this.state) {
      const id = index.get(param);
      if (id === undefined) continue;
      state[id] = copyState(paramState);
    }
    return { state, param_groups };
  }

  /**
   * Restores a state dict from {@link Optimizer.stateDict} or from PyTorch. Checks that the group
   * count, the group sizes and each state tensor's shape fit this optimizer, and changes nothing
   * when they do not. Floating-point state tensors are cast to their parameter's dtype (except
   * `step`), as PyTorch does; hyper-parameters, including `lr` and `initial_lr`, come from the dict.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    if (typeof stateDict !== "object" || stateDict === null || Array.isArray(stateDict)) {
      throw new OptimizerError(
        `loadStateDict expects a state dict object ({ state, param_groups }), but got ${stateDict === null ? "null" : Array.isArray(stateDict) ? "an array" : typeof stateDict}`,
      );
    }
    const saved = stateDict.param_groups;
    if (!Array.isArray(saved) || saved.length !== this.paramGroups.length) {
      throw new OptimizerError(
        `loaded state dict has ${Array.isArray(saved) ? saved.length : "no"} parameter groups, ` +
          `but the optimizer has ${this.paramGroups.length}`,
      );
    }
    const byIndex = new Map<number, Tensor>();
    saved.forEach((group, g) => {
      const ours = this.paramGroups[g]!;
      if (!Array.isArray(group.params) || group.params.length !== ours.params.length) {
        throw new OptimizerError(
          `loaded state dict contains a parameter group that doesn't match the size of optimizer's ` +
            `group: group ${g} has ${group.params?.length ?? 0} parameters in the dict and ` +
            `${ours.params.length} in the optimizer`,
        );
      }
      group.params.forEach((id, i) => {
        byIndex.set(id, ours.params[i]!);
      });
    });
    const newState = new Map<Tensor, ParamState>();
    for (const [key, paramState] of Object.entries(stateDict.state ?? {})) {
      const param = byIndex.get(Number(key));
      if (param === undefined) {
        throw new OptimizerError(
          `loaded state dict has state for parameter ${key}, which no group lists`,
        );
      }
      newState.set(param, this.castState(paramState, param, key));
    }
    this.state = newState;
    this.paramGroups = saved.map((group, g) => {
      const restored: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(group)) {
        if (key !== "params") restored[key] = Array.isArray(value) ? [...value] : value;
      }
      restored.params = this.paramGroups[g]!.params;
      return restored as G;
    });
  }

  /**
   * Checks a tensor of a loaded state dict against its parameter, throwing when it cannot belong
   * to it. By default a tensor with dimensions must have the parameter's shape (0-dim tensors,
   * such as Adam's `step`, are scalars); an optimizer whose state holds other shapes overrides it.
   */
  protected checkStateTensor(value: Tensor, param: Tensor, key: string, id: string): void {
    if (value.ndim > 0 && !sameShape(value.shape, param.shape)) {
      throw new OptimizerError(
        `loaded state for parameter ${id} has '${key}' of shape [${value.shape.join(", ")}], ` +
          `but the parameter has shape [${param.shape.join(", ")}]`,
      );
    }
  }

  private castState(state: ParamState, param: Tensor, id: string): ParamState {
    const cast: ParamState = {};
    for (const [key, value] of Object.entries(state)) {
      cast[key] = this.castValue(value, param, key, id);
    }
    return cast;
  }

  /** PyTorch's `_cast`: tensors copied (floating ones to the parameter's dtype, except `step`), lists walked. */
  private castValue(value: StateValue, param: Tensor, key: string, id: string): StateValue {
    if (Array.isArray(value)) return value.map((item) => this.castValue(item, param, key, id));
    if (!(value instanceof Tensor)) return value;
    this.checkStateTensor(value, param, key, id);
    const floating = value.dtype === "float32" || value.dtype === "float64";
    if (key !== "step" && floating && value.dtype !== param.dtype) return value.to(param.dtype);
    return value.detach().clone();
  }
}

function copyState(state: ParamState): ParamState {
  const copy: ParamState = {};
  for (const [key, value] of Object.entries(state)) copy[key] = copyValue(value);
  return copy;
}

/** A state value with its tensors copied (lists too, such as LBFGS's history). */
function copyValue(value: StateValue): StateValue {
  if (value instanceof Tensor) return value.detach().clone();
  return Array.isArray(value) ? value.map(copyValue) : value;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
