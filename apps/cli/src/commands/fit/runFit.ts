import { join, resolve } from "node:path";
import { fitRec, fitRecSc } from "@kindling/data";
import type { Scheduler } from "@kindling/lr-scheduler";
import type { Optimizer } from "@kindling/optim";
import type { Tensor } from "@kindling/tensor";
import { EXIT } from "../../errors.js";
import { OutputWriter, prepareFolder } from "../../io/outputFolder.js";
import {
  type Curves,
  checkpointValue,
  type FitState,
  restoreRng,
  writeCheckpoint,
} from "./checkpoint.js";
import { type FitConfig, type Stint, stintsOf } from "./config.js";
import { writeFitOutputs } from "./outputs.js";
import type { Progress } from "./progress.js";
import type { NextStint } from "./prompter.js";
import {
  checkLastBatch,
  makeFitData,
  makeFitNet,
  optimizerFactory,
  schedulerFactory,
  stepsWithMetric,
  taskOf,
} from "./setup.js";

/** Options of {@link runFit}. */
export interface FitRunOptions {
  /** The run's settings (from the checkpoint when resuming). */
  readonly config: FitConfig;
  /** The state to continue from (`--resume`). */
  readonly resume: FitState | null;
  /** The output folder. */
  readonly out: string;
  /** Write a checkpoint after every this many epochs (null: only at the end). */
  readonly checkpointEvery: number | null;
  /** Asks for more stints once the planned ones are done (`--interactive`), or null. */
  readonly nextStint: NextStint | null;
  /** Shows the progress. */
  readonly progress: Progress;
  /** Asked after every epoch: true stops the run there (Ctrl-C), checkpointed and written. */
  readonly shouldStop?: () => boolean;
}

/** What a finished run gives. */
export interface FitResult {
  /** The stints run. */
  readonly stints: readonly Stint[];
  /** The curves, one entry per epoch. */
  readonly curves: Curves;
  /** The lr after the last epoch (what the next epoch would train with). */
  readonly finalLr: number;
  /** The metric's name (`MSE` or `accuracy`). */
  readonly metric: string;
  /** The files written. */
  readonly files: { kind: string; path: string }[];
  /** The exit code. */
  readonly exitCode: number;
  /** True when `shouldStop` ended the run before its last epoch. */
  readonly interrupted: boolean;
  /** Set when the run stopped because a weight became NaN or infinite, or null. */
  readonly diverged: Divergence | null;
}

/** Where a run diverged: the epoch (1-based) after which the first non-finite weight was found. */
export interface Divergence {
  /** The epoch (1-based, counted over the whole run) that produced it. */
  readonly epoch: number;
  /** The parameter's dotted name, e.g. `linear1.weight`. */
  readonly parameter: string;
  /** The lr that epoch trained with. */
  readonly lr: number;
}

/** The name of the first parameter holding a NaN or an infinity, or null when all are finite. */
function nonFiniteParameter(net: { namedParameters(): Iterable<[string, Tensor]> }): string | null {
  for (const [name, p] of net.namedParameters()) {
    const values = p.toTypedArray() as Float32Array | Float64Array;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return name;
  }
  return null;
}

/**
 * Runs `kindling fit`: builds the data and the network from their seeds, then runs each stint with
 * a fresh optimizer (and scheduler) on the same network, with the course's `fitRec`/`fitRecSc` one
 * epoch at a time, writing a checkpoint every `checkpointEvery` epochs and at the end. Resuming
 * rebuilds the same data and network, loads model, optimizer, scheduler and generator state, and
 * continues so that the result is bit for bit that of an uninterrupted run.
 */
export async function runFit(options: FitRunOptions): Promise<FitResult> {
  const { config, resume, progress } = options;
  const out = resolve(options.out);
  const data = makeFitData(config);
  checkLastBatch(config, data.train.dataset.length);
  const net = makeFitNet(config, data);
  const newOptimizer = optimizerFactory(config, net.parameters());
  const newScheduler = schedulerFactory(config);
  await prepareFolder(out); // after the settings are known to be valid
  const task = taskOf(config);
  const stints: Stint[] = resume === null ? stintsOf(config) : [...resume.position.stints];
  if (resume === null && options.nextStint !== null && config.plan === null) stints.length = 0;
  const curves: Curves = resume === null ? { train: [], test: [], lr: [] } : resume.curves;
  let stint = resume?.position.stint ?? 0;
  let stintEpoch = resume?.position.stintEpoch ?? 0;
  if (resume !== null) net.loadStateDict(resume.model);
  const checkpointPath = join(out, "checkpoint.pt");
  let optimizer: Optimizer | null = null;
  let scheduler: Scheduler | null = null;
  let restoring = resume;
  const checkpoint = (at: number, epochsDone: number) =>
    writeCheckpoint(
      checkpointPath,
      checkpointValue(
        config,
        { stints, stint: at, stintEpoch: epochsDone },
        curves,
        net,
        optimizer!,
        scheduler,
      ),
    );
  const planned = () => stints.reduce((n, s) => n + s.epochs, 0);

  const stop = options.shouldStop ?? (() => false);
  let interrupted = false;
  let diverged: Divergence | null = null;
  run: for (;;) {
    if (stint >= stints.length) {
      if (options.nextStint === null) break;
      progress.stop();
      const more = await options.nextStint();
      if (more === null) break;
      stints.push(more);
    }
    const { epochs, lr } = stints[stint]!;
    optimizer = newOptimizer(lr);
    scheduler = newScheduler?.(optimizer) ?? null;
    if (restoring !== null) {
      // PyTorch's order: build both, then load the optimizer (its lr, initial_lr), then the scheduler.
      optimizer.loadStateDict(restoring.optimizer);
      if (scheduler !== null && restoring.scheduler !== null) {
        scheduler.loadStateDict(restoring.scheduler as never);
      }
      restoreRng(restoring);
      restoring = null;
    }
    for (; stintEpoch < epochs; stintEpoch++) {
      const common = {
        net,
        criterion: task.criterion,
        optimizer,
        trainData: data.train,
        testData: data.test,
        epochs: 1,
        cla: task.cla,
        eva: task.eva,
      };
      const plateau = stepsWithMetric(scheduler);
      const record =
        scheduler === null || plateau
          ? fitRec(common)
          : fitRecSc({ ...common, scheduler: scheduler as unknown as { step(): void } });
      if (plateau) (scheduler as unknown as { step(m: number): void }).step(record.test[0]!);
      curves.train.push(record.train[0]!);
      curves.test.push(record.test[0]!);
      curves.lr.push(record.lrs[0]!);
      progress.epoch({
        done: curves.train.length,
        total: planned(),
        lr: record.lrs[0]!,
        train: record.train[0]!,
        test: record.test[0]!,
      });
      const done = curves.train.length;
      // Past a NaN or infinite weight every later epoch is NaN too: stop, keeping the last good
      // checkpoint on disk (it is not overwritten) and writing the curves so far.
      const bad = nonFiniteParameter(net);
      if (bad !== null) {
        diverged = { epoch: done, parameter: bad, lr: record.lrs[0]! };
        break run;
      }
      if (options.checkpointEvery !== null && done % options.checkpointEvery === 0) {
        await checkpoint(stint, stintEpoch + 1);
        progress.note(`checkpoint after epoch ${done}: ${checkpointPath}`);
      }
      // Let signal handlers run (Ctrl-C): they need a turn of the event loop between epochs.
      await new Promise((resolve) => setImmediate(resolve));
      if (stop()) {
        interrupted = true;
        stintEpoch++;
        break run;
      }
    }
    stint++;
    stintEpoch = 0;
  }
  progress.stop();
  // A diverged run writes no checkpoint of NaN weights: the last one written stays the one to
  // resume from.
  const checkpointed = diverged === null && optimizer !== null;
  if (checkpointed && interrupted) {
    // Where the run stopped: a resume continues from this epoch.
    await checkpoint(stint, stintEpoch);
  } else if (checkpointed) {
    // The final checkpoint sits at the end of the last stint.
    await checkpoint(stints.length - 1, stints.at(-1)!.epochs);
  }
  const writer = new OutputWriter(out);
  await writeFitOutputs(writer, config, stints, curves, task.metric);
  if (checkpointed) writer.files.push({ kind: "checkpoint", path: checkpointPath });
  return {
    stints,
    curves,
    finalLr: optimizer?.paramGroups[0]?.lr ?? Number.NaN,
    metric: task.metric,
    files: writer.files,
    exitCode: diverged !== null ? EXIT.diverged : interrupted ? EXIT.interrupted : EXIT.ok,
    interrupted,
    diverged,
  };
}
