import { resolve } from "node:path";
import { renderChart } from "../../charts/renderChart.js";
import { terminalPlot } from "../../charts/terminalPlot.js";
import { EXIT, UserError } from "../../errors.js";
import { csvText } from "../../io/csv.js";
import { OutputWriter, prepareFolder } from "../../io/outputFolder.js";
import { specFromSets, specFromText } from "../../schedulers/build.js";
import { listSchedulers } from "./listSchedulers.js";
import { type ScheduleCurve, scheduleCurve } from "./preview.js";

/** Options of `kindling schedule`. */
export interface ScheduleOptions {
  /** The scheduler's name (absent with `list`). */
  readonly name: string | undefined;
  /** `key=value` options of the scheduler. */
  readonly set: readonly string[];
  /** Further specifications to overlay, such as `StepLR(stepSize=10)`. */
  readonly compare: readonly string[];
  /** `step()` calls to draw. */
  readonly steps: string;
  /** The initial lr. */
  readonly lr: string;
  /** ReduceLROnPlateau's metric at each step (comma-separated; the last repeats). */
  readonly metrics: string | undefined;
  /** The output folder. */
  readonly out: string;
  /** Write no files. */
  readonly files: boolean;
  /** Print one JSON document. */
  readonly json: boolean;
  /** Print nothing but errors. */
  readonly quiet: boolean;
  /** List the schedulers and their options. */
  readonly list: boolean;
  /** Where text goes. */
  readonly stdout: NodeJS.WriteStream;
}

function parseSteps(text: string): number {
  const steps = Number(text);
  if (!/^\d+$/.test(text.trim()) || steps < 1 || steps > 100_000) {
    throw new UserError(`--steps must be an integer from 1 to 100000, got "${text}"`);
  }
  return steps;
}

function parseLr(text: string): number {
  const lr = Number(text);
  if (text.trim() === "" || !Number.isFinite(lr) || lr <= 0) {
    throw new UserError(`--lr must be a positive number, got "${text}"`);
  }
  return lr;
}

function parseMetrics(text: string | undefined): number[] {
  if (text === undefined) return [];
  const values = text.split(",").map((t) => Number(t.trim()));
  if (values.some((v, i) => !Number.isFinite(v) || text.split(",")[i]!.trim() === "")) {
    throw new UserError(`--metrics must be comma-separated numbers, got "${text}"`);
  }
  return values;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function writeFiles(out: string, curves: readonly ScheduleCurve[], lr: number) {
  await prepareFolder(out);
  const writer = new OutputWriter(out);
  const rows = curves.flatMap((c) => c.lr.map((v, step) => [c.label, step, v]));
  await writer.write("curves-csv", "schedule.csv", csvText(["scheduler", "step", "lr"], rows));
  const chart = await renderChart({
    title:
      curves.length === 1 ? `${curves[0]!.label}: learning rate by step` : "Learning rate by step",
    subtitle: `initial lr ${lr}; step 0 is the lr before the first scheduler.step()`,
    xTitle: "step (scheduler.step() calls)",
    yTitle: "learning rate (per optimizer step)",
    legendTitle: "scheduler",
    series: curves.map((c) => ({ name: c.label, x: range(c.lr.length), y: c.lr })),
  });
  await writer.write("chart-svg", "schedule.svg", chart.svg);
  await writer.write("chart-png", "schedule.png", chart.png);
  return writer.files;
}

/** `kindling schedule`: draws and writes the lr curve of any scheduler. Resolves to the exit code. */
export async function runSchedule(options: ScheduleOptions): Promise<number> {
  const say = (line = "") => {
    if (!options.json && !options.quiet) options.stdout.write(`${line}\n`);
  };
  if (options.list) {
    for (const line of listSchedulers()) say(line);
    return EXIT.ok;
  }
  if (options.name === undefined) {
    throw new UserError("missing the scheduler's NAME (`kindling schedule --list` lists them)");
  }
  const steps = parseSteps(options.steps);
  const lr = parseLr(options.lr);
  const metrics = parseMetrics(options.metrics);
  const specs = [specFromSets(options.name, options.set), ...options.compare.map(specFromText)];
  const curves = specs.map((spec) => scheduleCurve(spec, steps, lr, metrics));

  const color = options.stdout.isTTY === true && process.env["NO_COLOR"] === undefined;
  say(`learning rate over ${steps} steps, initial lr ${lr}`);
  for (const line of terminalPlot(
    curves.map((c) => ({ name: c.label, y: c.lr })),
    { color, xTitle: "step" },
  )) {
    say(line);
  }
  say();
  for (const c of curves) {
    const min = Math.min(...c.lr);
    const max = Math.max(...c.lr);
    say(`${c.label}: start ${c.lr[0]}, end ${c.lr.at(-1)}, min ${min}, max ${max}`);
  }
  const out = resolve(options.out);
  const files = options.files ? await writeFiles(out, curves, lr) : [];
  if (files.length > 0) say(`wrote ${files.map((f) => f.path).join(", ")}`);
  if (options.json) {
    options.stdout.write(`${JSON.stringify({ command: "schedule", steps, lr, curves, files })}\n`);
  }
  return EXIT.ok;
}
