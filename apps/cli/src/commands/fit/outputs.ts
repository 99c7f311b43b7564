import { renderChart } from "../../charts/renderChart.js";
import { csvText } from "../../io/csv.js";
import type { OutputWriter } from "../../io/outputFolder.js";
import type { Curves } from "./checkpoint.js";
import type { FitConfig, Stint } from "./config.js";

/** The stint (1-based) each epoch belongs to. */
function stintOfEpochs(stints: readonly Stint[], epochs: number): number[] {
  const out: number[] = [];
  stints.forEach((s, i) => {
    for (let e = 0; e < s.epochs && out.length < epochs; e++) out.push(i + 1);
  });
  return out;
}

/** The column name of the metric: `mse` or `accuracy`. */
const column = (metric: string) => metric.toLowerCase();

/** The curves as CSV: one row per epoch (1-based), with its stint and lr. */
export function fitCurvesCsv(stints: readonly Stint[], curves: Curves, metric: string): string {
  const stintOf = stintOfEpochs(stints, curves.train.length);
  const m = column(metric);
  return csvText(
    ["epoch", "stint", "lr", `train_${m}`, `test_${m}`],
    curves.train.map((train, i) => [i + 1, stintOf[i]!, curves.lr[i]!, train, curves.test[i]!]),
  );
}

/** The curves and the settings as one JSON document. */
export function fitCurvesJson(
  config: FitConfig,
  stints: readonly Stint[],
  curves: Curves,
  metric: string,
): unknown {
  const m = column(metric);
  return {
    columns: {
      epoch: "epochs completed when the metric was measured (1-based)",
      lr: "the learning rate that epoch trained with",
      [`train_${m}`]: `${metric} on the training split, in eval mode`,
      [`test_${m}`]: `${metric} on the test split, in eval mode`,
    },
    config,
    stints,
    epoch: curves.train.map((_, i) => i + 1),
    lr: curves.lr,
    [`train_${m}`]: curves.train,
    [`test_${m}`]: curves.test,
  };
}

/** Writes curves.csv, curves.json and the metric and lr charts (SVG and PNG). */
export async function writeFitOutputs(
  writer: OutputWriter,
  config: FitConfig,
  stints: readonly Stint[],
  curves: Curves,
  metric: string,
): Promise<void> {
  await writer.write("curves-csv", "curves.csv", fitCurvesCsv(stints, curves, metric));
  await writer.write(
    "curves-json",
    "curves.json",
    `${JSON.stringify(fitCurvesJson(config, stints, curves, metric), null, 1)}\n`,
  );
  if (curves.train.length === 0) return;
  const epochs = curves.train.map((_, i) => i + 1);
  const net = `hidden ${config.hidden.join("-")}, ${config.activation}, BN ${config.batchNorm}, ${config.optimizer}`;
  const unit = metric === "MSE" ? "MSE (squared label units)" : "accuracy (share of rows)";
  const charts = [
    {
      name: column(metric),
      chart: {
        title: `${metric} by epoch`,
        subtitle: `${config.task}, ${net}, batches of ${config.batchSize}`,
        xTitle: "epoch (passes over the training set)",
        yTitle: unit,
        legendTitle: "split",
        series: [
          { name: "train", x: epochs, y: curves.train },
          { name: "test", x: epochs, y: curves.test },
        ],
      },
    },
    {
      name: "lr",
      chart: {
        title: "Learning rate by epoch",
        subtitle: config.scheduler ?? "constant within each stint",
        xTitle: "epoch (passes over the training set)",
        yTitle: "learning rate (per optimizer step)",
        legendTitle: "optimizer",
        series: [{ name: config.optimizer, x: epochs, y: curves.lr }],
      },
    },
  ];
  for (const { name, chart } of charts) {
    const rendered = await renderChart(chart);
    await writer.write("chart-svg", `${name}.svg`, rendered.svg);
    await writer.write("chart-png", `${name}.png`, rendered.png);
  }
}
