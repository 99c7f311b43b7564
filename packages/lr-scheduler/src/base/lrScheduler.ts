import type { OptimizerLike, ParamGroupLike } from "../optimizerLike.js";
import { SchedulerError } from "./errors.js";
import { printLr } from "./printLr.js";
import { requireStateDict } from "./requireStateDict.js";
import type { SteppingScheduler } from "./scheduler.js";
import {
  decodeFields,
  encodeFields,
  readBoolean,
  readInteger,
  readNumbers,
  type StateDict,
  type StateSchema,
} from "./state.js";
import { attachStepCounter, optimizerStepState, resetStepCount } from "./stepCounter.js";
import { defaultWarningHandler, type WarningHandler, warning } from "./warnings.js";

/**
 * Options every {@link LRScheduler} takes (PyTorch's `last_epoch` and `verbose`), plus the
 * warning channel.
 */
export interface LRSchedulerOptions {
  /**
   * The index of the last epoch (PyTorch's `last_epoch`). Default `-1`: start a new schedule and
   * write `initial_lr` into every group. Any integer `>= 0` resumes, and then every group must
   * already hold `initial_lr`.
   */
  lastEpoch?: number;
  /** Print each lr change, as PyTorch's `verbose=True` does. Default `false`. */
  verbose?: boolean;
  /** Receives this scheduler's warnings instead of the default handler (see `setWarningHandler`). */
  warn?: WarningHandler;
}

/**
 * The base class of every epoch- or batch-stepped scheduler, with PyTorch's semantics.
 *
 * It owns everything but the rule: construction (`initial_lr`, the initial step), `step()`,
 * writing lrs into the param groups, PyTorch's warnings, and the state dict. A subclass supplies
 *
 * - {@link LRScheduler.chainableLr}: the next lrs from the current ones (PyTorch's `get_lr`), and
 * - optionally {@link LRScheduler.closedFormLr}: the lrs as a function of `lastEpoch` alone
 *   (PyTorch's `_get_closed_form_lr`, used by the deprecated `step(epoch)`),
 *
 * plus its own typed state record `S` and the {@link StateSchema} that names its keys. Everything
 * the rule reads lives in `this.state` (passed to `super`), because the base takes the initial step
 * inside its constructor, before a subclass's own field initialisers run.
 *
 * @typeParam S - The scheduler's own state (e.g. `{ stepSize: number; gamma: number }`).
 *
 * @example
 * ```ts
 * // lr = base_lr * 0.5 ** floor(epoch / 2)
 * class Halving extends LRScheduler<{ every: number }> {
 *   constructor(optimizer: OptimizerLike, every: number) {
 *     super(optimizer, {}, { every }, { every: field.integer("every") });
 *   }
 *   protected chainableLr(out: number[]): void {
 *     const groups = this.optimizer.paramGroups;
 *     const decay = this.lastEpoch > 0 && this.lastEpoch % this.state.every === 0;
 *     for (let i = 0; i < out.length; i++) out[i] = groups[i]!.lr * (decay ? 0.5 : 1);
 *   }
 * }
 * const optimizer = { paramGroups: [{ lr: 1 }], step() {} };
 * const s = new Halving(optimizer, 2);
 * // epoch 0..5: 1, 1, 0.5, 0.5, 0.25, 0.25
 * ```
 */
export abstract class LRScheduler<S extends object = Record<never, never>>
  implements SteppingScheduler
{
  /** The optimizer whose param groups this scheduler writes. */
  readonly optimizer: OptimizerLike;
  /** Each group's `initial_lr` (PyTorch's `base_lrs`). */
  baseLrs: number[];
  /** PyTorch's `last_epoch`: the number of steps taken since epoch 0 (`0` after construction). */
  lastEpoch: number;
  /** Whether each lr change is printed. */
  verbose: boolean;
  /** The scheduler's own state, declared by its {@link StateSchema}. */
  protected readonly state: S;
  readonly #schema: StateSchema<S>;
  readonly #warn: WarningHandler;
  readonly #values: number[];
  readonly #lastLr: number[];
  #stepCount = 0;
  #withinStep = false;

  /**
   * @param optimizer - The optimizer to drive.
   * @param options - `lastEpoch` (default -1), `verbose` (default false), `warn`.
   * @param state - The subclass's own state, read by its rule from the initial step on.
   * @param schema - The state-dict keys of `state`, in PyTorch's order.
   */
  constructor(
    optimizer: OptimizerLike,
    options: LRSchedulerOptions,
    state: S,
    schema: StateSchema<S>,
  ) {
    const lastEpoch = options.lastEpoch ?? -1;
    if (!Number.isInteger(lastEpoch) || lastEpoch < -1) {
      throw new SchedulerError(
        `Expected integer lastEpoch >= -1 (-1 starts a new schedule), but got ${lastEpoch}`,
      );
    }
    this.optimizer = optimizer;
    this.state = state;
    this.#schema = schema;
    this.#warn = options.warn ?? defaultWarningHandler;
    const groups = optimizer.paramGroups;
    groups.forEach((group, i) => {
      if (lastEpoch === -1) {
        if (!("initial_lr" in group)) group["initial_lr"] = group.lr;
      } else if (!("initial_lr" in group)) {
        throw new SchedulerError(
          `param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`,
          "KeyError",
        );
      }
    });
    this.baseLrs = groups.map((group, i) => {
      const lr = group["initial_lr"];
      if (typeof lr !== "number") {
        throw new SchedulerError(`param_groups[${i}]['initial_lr'] must be a number`, "TypeError");
      }
      return lr;
    });
    this.lastEpoch = lastEpoch;
    attachStepCounter(optimizer);
    this.verbose = options.verbose ?? false;
    this.#values = groups.map((group) => group.lr);
    this.#lastLr = groups.map((group) => group.lr);
    this.initialStep();
  }

  /**
   * The chainable form (PyTorch's `get_lr`): writes into `out[i]` the lr of group `i` at
   * `this.lastEpoch`, usually from the group's current `lr`. Called by `step()` after `lastEpoch`
   * has advanced. `out` is a reused buffer of one entry per group: write every entry.
   */
  protected abstract chainableLr(out: number[]): void;

  /**
   * The closed form (PyTorch's `_get_closed_form_lr`), optional: the lr of each group as a function
   * of `this.lastEpoch` and `this.baseLrs` alone. Used by `step(epoch)` when defined.
   */
  protected closedFormLr?(out: number[]): void;

  /**
   * How `step(epoch?)` moves `lastEpoch` and which form computes the lrs. The default is PyTorch's:
   * `step()` adds one and uses the chainable form; `step(epoch)` sets `lastEpoch = epoch` and uses
   * the closed form where there is one. CosineAnnealingWarmRestarts overrides it.
   *
   * @returns `"closed"` to use {@link LRScheduler.closedFormLr}, `"chainable"` otherwise.
   */
  protected advanceEpoch(epoch: number | undefined): "chainable" | "closed" {
    if (epoch === undefined) {
      this.lastEpoch += 1;
      return "chainable";
    }
    this.lastEpoch = epoch;
    return "closed";
  }

  /**
   * Whether `step()` counts its calls (`_step_count`), checks that the optimizer stepped first, and
   * warns that `step(epoch)` is deprecated: `true`, as in PyTorch's base class.
   * CosineAnnealingWarmRestarts, whose PyTorch `step()` does none of this, returns `false`.
   */
  protected get stepChecks(): boolean {
    return true;
  }

  /** PyTorch's `_step_count`: the number of `step()` calls, the initial step included. */
  get stepCount(): number {
    return this.#stepCount;
  }

  /** Whether this scheduler has a closed form (so `step(epoch)` does not fall back to the chainable form). */
  get hasClosedForm(): boolean {
    return this.closedFormLr !== undefined;
  }

  /**
   * Advances the schedule and writes the new lr into every param group. Call it after
   * `optimizer.step()`.
   *
   * @param epoch - Deprecated, as in PyTorch: jump to this epoch, using the closed form where the
   *   scheduler has one (warns `"epoch-deprecated"`).
   */
  step(epoch?: number): void {
    this.#step(epoch, true);
  }

  /**
   * PyTorch's `step(epoch)` without the deprecation warning: sets `lastEpoch = epoch` and applies
   * the closed form (or the chainable form when there is none). SequentialLR uses it at milestones.
   */
  stepToEpoch(epoch: number): void {
    this.#step(epoch, false);
  }

  /**
   * PyTorch's `_initial_step`: resets the step counters and takes one step. The constructor calls
   * it; SequentialLR calls it to restart its first scheduler.
   */
  initialStep(): void {
    resetStepCount(this.optimizer);
    this.#stepCount = 0;
    this.step();
  }

  #step(epoch: number | undefined, deprecationWarning: boolean): void {
    const checks = this.stepChecks;
    if (checks) {
      if (this.#stepCount === 1) {
        const found = optimizerStepState(this.optimizer);
        if (found === "overridden") this.#warn(warning("optimizer-step-overridden"));
        else if (found === "not-stepped") this.#warn(warning("step-before-optimizer"));
      }
      this.#stepCount += 1;
    }
    const values = this.#values;
    this.#withinStep = true;
    try {
      if (epoch !== undefined && checks && deprecationWarning) {
        this.#warn(warning("epoch-deprecated"));
      }
      const form = this.advanceEpoch(epoch);
      if (form === "closed" && this.closedFormLr !== undefined) this.closedFormLr(values);
      else this.chainableLr(values);
    } finally {
      this.#withinStep = false;
    }
    const groups: ParamGroupLike[] = this.optimizer.paramGroups;
    const lastLr = this.#lastLr;
    for (let i = 0; i < values.length; i++) {
      const lr = values[i]!;
      groups[i]!.lr = lr;
      lastLr[i] = lr;
      if (this.verbose) printLr(i, lr, this.printedEpoch(epoch));
    }
  }

  /**
   * The epoch `verbose` prints after a step given `epoch` (`undefined` prints PyTorch's no-epoch
   * form): the argument itself, as PyTorch's base `step()` passes it to `print_lr`.
   */
  protected printedEpoch(epoch: number | undefined): number | undefined {
    return epoch;
  }

  /** The lr of every group as last written by this scheduler (PyTorch's `get_last_lr()`), a copy. */
  getLastLr(): number[] {
    return this.#lastLr.slice();
  }

  /**
   * The chainable form at the current `lastEpoch`, as PyTorch's public `get_lr()`. Outside `step()`
   * it warns `"get-lr-outside-step"`: use {@link LRScheduler.getLastLr} to read the lrs.
   */
  getLr(): number[] {
    if (!this.#withinStep) this.#warn(warning("get-lr-outside-step"));
    const out = this.#lastLr.slice();
    this.chainableLr(out);
    return out;
  }

  /** Raises a warning through this scheduler's channel (for subclasses with warnings of their own). */
  protected warn(code: Parameters<typeof warning>[0]): void {
    this.#warn(warning(code));
  }

  /**
   * The state in PyTorch's layout: the scheduler's own keys (declared by its schema), then
   * `base_lrs`, `last_epoch`, `verbose`, `_step_count`, `_get_lr_called_within_step`, `_last_lr`.
   */
  stateDict(): StateDict {
    const dict: StateDict = {};
    encodeFields(dict, this.#schema, this.state, false);
    dict["base_lrs"] = [...this.baseLrs];
    dict["last_epoch"] = this.lastEpoch;
    dict["verbose"] = this.verbose;
    dict["_step_count"] = this.#stepCount;
    dict["_get_lr_called_within_step"] = this.#withinStep;
    dict["_last_lr"] = [...this.#lastLr];
    encodeFields(dict, this.#schema, this.state, true);
    return dict;
  }

  /**
   * Restores a state dict saved by {@link LRScheduler.stateDict} or by PyTorch, after checking every
   * key's type and every per-group list's length (nothing changes if a check fails). Restore the
   * optimizer's lrs too: chainable forms continue from the groups' current `lr`, as in PyTorch.
   */
  loadStateDict(state: StateDict): void {
    requireStateDict(state, this.constructor.name);
    const groups = this.optimizer.paramGroups.length;
    const baseLrs = readNumbers(state["base_lrs"], "base_lrs", groups);
    const lastEpoch = readInteger(state["last_epoch"], "last_epoch");
    const stepCount = readInteger(state["_step_count"], "_step_count");
    const lastLr = readNumbers(state["_last_lr"], "_last_lr", groups);
    const verbose =
      state["verbose"] === undefined ? this.verbose : readBoolean(state["verbose"], "verbose");
    decodeFields(state, this.#schema, this.state, groups, this.constructor.name);
    this.baseLrs = baseLrs;
    this.lastEpoch = lastEpoch;
    this.#stepCount = stepCount;
    this.verbose = verbose;
    for (let i = 0; i < groups; i++) this.#lastLr[i] = lastLr[i]!;
  }
}

/**
 * PyTorch 1.x's name for {@link LRScheduler}, kept as PyTorch 2.x keeps it.
 *
 * @deprecated Use {@link LRScheduler}.
 */
export const _LRScheduler = LRScheduler;
