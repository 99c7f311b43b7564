import type { Scheduler } from "@kindling/lr-scheduler";
import type { CourseNet } from "@kindling/nn";
import type { Optimizer, OptimizerStateDict } from "@kindling/optim";
import {
  load,
  type PyValue,
  plainDicts,
  SerializeError,
  save,
  type TensorData,
} from "@kindling/serialize";
import { getRngState, setRngState, type Tensor } from "@kindling/tensor";
import { moduleStateForSave } from "../../demo/checkpointValues.js";
import { describeFsError, EXIT, UserError } from "../../errors.js";
import { type FitConfig, resolveConfig, type Stint } from "./config.js";

/** The value of the `format` key that marks a `kindling fit` checkpoint. */
export const FIT_CHECKPOINT_FORMAT = "kindling-fit";

/** The curves of a run so far: one entry per finished epoch. */
export interface Curves {
  /** The metric on the training data after each epoch. */
  readonly train: number[];
  /** The metric on the test data after each epoch. */
  readonly test: number[];
  /** The lr each epoch trained with. */
  readonly lr: number[];
}

/** Where a run is: which stint, and how many of its epochs are done. */
export interface Position {
  /** The stints of the run, as planned or answered so far. */
  readonly stints: readonly Stint[];
  /** The stint under way (index into `stints`). */
  readonly stint: number;
  /** Epochs of that stint already done. */
  readonly stintEpoch: number;
}

/** What a checkpoint restores. */
export interface FitState {
  /** The settings of the run. */
  readonly config: FitConfig;
  /** Where the run is. */
  readonly position: Position;
  /** The curves so far. */
  readonly curves: Curves;
  /** The module state dict. */
  readonly model: Map<string, Tensor>;
  /** The optimizer of the stint under way. */
  readonly optimizer: OptimizerStateDict;
  /** Its scheduler, when the run has one. */
  readonly scheduler: Record<string, unknown> | null;
  /** The default generator's state (PyTorch's 5056 bytes). */
  readonly rngState: Uint8Array;
}

/**
 * The checkpoint of a run at an epoch boundary, as one dict PyTorch reads: `model`, `optimizer`
 * and `scheduler` in PyTorch's layouts (so `net.load_state_dict(c["model"])` etc. work), the
 * `rng_state` as `torch.get_rng_state()` gives it (a uint8 tensor), and Kindling's `config`,
 * `position` and `curves`, which make a resumed run continue exactly where this one stopped.
 */
export function checkpointValue(
  config: FitConfig,
  position: Position,
  curves: Curves,
  net: CourseNet,
  optimizer: Optimizer,
  scheduler: Scheduler | null,
): Map<string, unknown> {
  const rng = getRngState();
  const rngState: TensorData = {
    dtype: "uint8",
    shape: [rng.length],
    strides: [1],
    storageOffset: 0,
    storage: rng,
  };
  return new Map<string, unknown>([
    ["format", FIT_CHECKPOINT_FORMAT],
    ["version", 1],
    [
      "config",
      { ...config, plan: config.plan === null ? null : config.plan.map((s) => ({ ...s })) },
    ],
    [
      "position",
      {
        stints: position.stints.map((s) => ({ ...s })),
        stint: position.stint,
        stint_epoch: position.stintEpoch,
      },
    ],
    ["epoch", curves.train.length],
    ["curves", { train: [...curves.train], test: [...curves.test], lr: [...curves.lr] }],
    ["model", moduleStateForSave(net.stateDict())],
    ["optimizer", optimizer.stateDict()], // serialize writes `state` with int keys
    ["scheduler", scheduler === null ? null : scheduler.stateDict()],
    ["rng_state", rngState],
  ]);
}

/** Writes the checkpoint atomically (the old file or the new one, never a torn file). */
export async function writeCheckpoint(path: string, value: Map<string, unknown>): Promise<void> {
  try {
    await save(value, path);
  } catch (error) {
    throw new UserError(`cannot write ${path}: ${describeFsError(error)}`, EXIT.io);
  }
}

function numbers(value: unknown, where: string): number[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "number")) {
    throw new Error(`${where} is not a list of numbers`);
  }
  return value as number[];
}

function integerAt(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new Error(`${where} is not a non-negative integer`);
  }
  return value;
}

/**
 * Reads a checkpoint `kindling fit` wrote.
 * @throws UserError (exit code 3) when the file cannot be read, is not a checkpoint, or is not
 * one of `kindling fit`'s (naming what is missing).
 */
export async function readCheckpoint(path: string): Promise<FitState> {
  let loaded: unknown;
  try {
    loaded = await load(path, { copy: true });
  } catch (error) {
    const reason =
      error instanceof SerializeError
        ? `not a valid checkpoint (${error.message.split("\n")[0]})`
        : describeFsError(error);
    throw new UserError(`cannot resume from ${path}: ${reason}`, EXIT.io);
  }
  try {
    if (!(loaded instanceof Map) || loaded.get("format") !== FIT_CHECKPOINT_FORMAT) {
      throw new Error("it is not a checkpoint of kindling fit (no format: kindling-fit)");
    }
    if (loaded.get("version") !== 1)
      throw new Error(`unknown version ${String(loaded.get("version"))}`);
    const config = resolveConfig(
      plainDicts(loaded.get("config") as PyValue) as Record<string, unknown>,
      {},
      "its config",
    );
    const position = plainDicts(loaded.get("position") as PyValue) as Record<string, unknown>;
    const stints = (position.stints as { epochs: number; lr: number }[] | undefined) ?? [];
    const curves = plainDicts(loaded.get("curves") as PyValue) as Record<string, unknown>;
    const model = loaded.get("model");
    const rng = loaded.get("rng_state") as TensorData | undefined;
    if (!(model instanceof Map)) throw new Error("it has no model state dict");
    if (rng?.dtype !== "uint8") throw new Error("it has no rng_state");
    const state: FitState = {
      config,
      position: {
        stints: stints.map((s, i) => ({
          epochs: integerAt(s.epochs, `position.stints[${i}].epochs`),
          lr: numbers([s.lr], `position.stints[${i}].lr`)[0]!,
        })),
        stint: integerAt(position.stint, "position.stint"),
        stintEpoch: integerAt(position.stint_epoch, "position.stint_epoch"),
      },
      curves: {
        train: numbers(curves.train, "curves.train"),
        test: numbers(curves.test, "curves.test"),
        lr: numbers(curves.lr, "curves.lr"),
      },
      model: model as Map<string, Tensor>,
      optimizer: plainDicts(loaded.get("optimizer") as PyValue) as unknown as OptimizerStateDict,
      scheduler:
        (plainDicts(loaded.get("scheduler") as PyValue) as Record<string, unknown> | null) ?? null,
      rngState: new Uint8Array(rng.storage as Uint8Array),
    };
    if (state.position.stint >= Math.max(1, state.position.stints.length)) {
      throw new Error("position.stint is past the last stint");
    }
    return state;
  } catch (error) {
    throw new UserError(`cannot resume from ${path}: ${(error as Error).message}`, EXIT.io);
  }
}

/** Restores the default generator from a checkpoint. */
export function restoreRng(state: FitState): void {
  setRngState(state.rngState);
}
