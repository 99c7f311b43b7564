import { join } from "node:path";
import { save, writeFileAtomic } from "@kindling/serialize";
import { type LineChart, PNG_SCALE, renderChart } from "../charts/renderChart.js";
import { moduleStateForSave } from "./checkpointValues.js";
import type { RunResult } from "./experiment.js";

/** The lr sequences of the tutorial's two LambdaLR plots. */
export interface Schedules {
  /** LambdaLR(0.5 ** epoch) at 0.05: the lr at epochs 0..10. */
  readonly half: number[];
  /** LambdaLR(0.95 ** epoch) at 0.05: the lr at epochs 0..100. */
  readonly slow: number[];
}

/** A file the demo wrote, with its role. */
export interface WrittenFile {
  /** What the file holds. */
  readonly kind: string;
  /** Its path. */
  readonly path: string;
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);

/** The CSV of every run's curves: one row per run and epoch. */
export function curvesCsv(runs: readonly RunResult[]): string {
  const lines = ["run,epoch,lr,train_mse,test_mse"];
  for (const run of runs) {
    run.train.forEach((train, i) => {
      lines.push(`${run.spec.name},${i + 1},${run.lrs[i]},${train},${run.test[i]}`);
    });
  }
  return `${lines.join("\n")}\n`;
}

/** The JSON of every run's curves and the two schedules. */
export function curvesJson(runs: readonly RunResult[], schedules: Schedules): unknown {
  return {
    columns: {
      epoch: "epochs completed when the MSE was measured (1-based)",
      lr: "the learning rate that epoch trained with",
      train_mse: "mean squared error on the 700 training rows, in eval mode",
      test_mse: "mean squared error on the 300 test rows, in eval mode",
    },
    runs: runs.map((run) => ({
      name: run.spec.name,
      label: run.spec.label,
      epoch: range(run.train.length, 1),
      lr: run.lrs,
      train_mse: run.train,
      test_mse: run.test,
      final_lr: run.finalLr,
    })),
    schedules: { "lambda-0.5": schedules.half, "lambda-0.95": schedules.slow },
  };
}

function charts(runs: readonly RunResult[], schedules: Schedules): [string, LineChart][] {
  return [
    [
      "lr-schedules",
      {
        title: "LambdaLR: learning rate by epoch",
        subtitle: "lr = lr_lambda(epoch) × initial_lr, initial_lr 0.05",
        xTitle: "epoch (scheduler.step() calls)",
        yTitle: "learning rate (per SGD step)",
        legendTitle: "lr_lambda",
        series: [
          { name: "0.5 ** epoch (10 epochs)", x: range(schedules.half.length), y: schedules.half },
          {
            name: "0.95 ** epoch (100 epochs)",
            x: range(schedules.slow.length),
            y: schedules.slow,
          },
        ],
      },
    ],
    [
      "train-mse",
      {
        title: "Train MSE of the seed network, by learning-rate schedule",
        subtitle: "net_class2(tanh, 5, BN 'pre'), SGD, 700 rows, batches of 50",
        xTitle: "epoch (passes over the training set)",
        yTitle: "train MSE (squared label units)",
        legendTitle: "run",
        series: runs.map((run) => ({
          name: run.spec.label,
          x: range(run.train.length, 1),
          y: run.train,
        })),
      },
    ],
  ];
}

/** The checkpoint of a trained run: model, optimizer and scheduler state, as PyTorch keeps them. */
export function checkpointValue(run: RunResult): Map<string, unknown> {
  return new Map<string, unknown>([
    ["model", moduleStateForSave(run.net.stateDict())],
    // @kindling/serialize writes `state` with PyTorch's int keys
    ["optimizer", run.optimizer.stateDict()],
    ["scheduler", run.scheduler === null ? null : run.scheduler.stateDict()],
    ["epoch", run.train.length],
  ]);
}

/**
 * Writes the curves (CSV, JSON), the charts (SVG, PNG) and the trained run's checkpoint into
 * `outDir`, each file atomically.
 */
export async function writeOutputs(
  outDir: string,
  runs: readonly RunResult[],
  schedules: Schedules,
  trained: RunResult,
): Promise<WrittenFile[]> {
  const files: WrittenFile[] = [];
  const write = async (kind: string, name: string, data: string | Uint8Array) => {
    const path = join(outDir, name);
    await writeFileAtomic(path, data);
    files.push({ kind, path });
  };
  await write("curves-csv", "curves.csv", curvesCsv(runs));
  await write(
    "curves-json",
    "curves.json",
    `${JSON.stringify(curvesJson(runs, schedules), null, 1)}\n`,
  );
  for (const [name, chart] of charts(runs, schedules)) {
    const rendered = await renderChart(chart);
    await write(`chart-svg`, `${name}.svg`, rendered.svg);
    await write(`chart-png`, `${name}.png`, rendered.png);
  }
  const checkpoint = join(outDir, "checkpoint.pt");
  await save(checkpointValue(trained), checkpoint);
  files.push({ kind: "checkpoint", path: checkpoint });
  return files;
}

/** PNG pixels per SVG pixel in the charts. */
export const CHART_PNG_SCALE = PNG_SCALE;
