import { resolve } from "node:path";
import { EXIT } from "../errors.js";
import { prepareFolder, withFsErrors } from "../io/outputFolder.js";
import { lambdaSequence, makeData, type RunResult, runExperiment } from "./experiment.js";
import { type Schedules, writeOutputs } from "./outputs.js";
import { DEMO, RUNS } from "./settings.js";
import { resultsTable, winnerOf } from "./table.js";
import { walkthrough } from "./walkthrough.js";

/** Options of `kindling demo`. */
export interface DemoOptions {
  /** The output folder. */
  readonly out: string;
  /** Print one JSON document instead of text. */
  readonly json: boolean;
  /** Print nothing but errors. */
  readonly quiet: boolean;
  /** Where text goes (standard output). */
  readonly stdout: NodeJS.WriteStream;
}

function firstRows(
  t: { toTypedArray(): ArrayLike<number | bigint>; shape: readonly number[] },
  n: number,
) {
  const width = t.shape[1] ?? 1;
  const values = Array.from(t.toTypedArray() as Float32Array, Number);
  return Array.from({ length: n }, (_, r) => values.slice(r * width, (r + 1) * width));
}

/** `kindling demo`: the seed tutorial end to end. Resolves to the exit code. */
export async function runDemo(options: DemoOptions): Promise<number> {
  const started = performance.now();
  const out = resolve(options.out);
  const text = !options.json && !options.quiet;
  const say = (line = "") => {
    if (text) options.stdout.write(`${line}\n`);
  };
  const tty = text && options.stdout.isTTY === true;
  await prepareFolder(out);

  say("kindling demo: the seed tutorial (PyTorch lr scheduling, 15.2) end to end");
  say(
    `data: manual_seed(${DEMO.dataSeed}), tensorGenReg(w=[${DEMO.w.join(", ")}], bias=False, deg=${DEMO.deg}), ` +
      `${DEMO.rows} rows, split ${DEMO.rate * 100}/${100 - DEMO.rate * 100}, batches of ${DEMO.batchSize}`,
  );
  say(
    `network: manual_seed(${DEMO.netSeed}), net_class2(${DEMO.activation}, in_features=${DEMO.inFeatures}, BN_model='${DEMO.bnModel}'), MSELoss, SGD`,
  );
  const data = makeData();

  const walk = await withFsErrors(out, () => walkthrough(data, out));
  for (const step of walk.steps) {
    say();
    say(`== ${step.title}`);
    for (const line of step.lines) say(`   ${line}`);
  }

  const schedules: Schedules = { half: lambdaSequence(0.5, 10), slow: lambdaSequence(0.95, 100) };
  say();
  say("== 3 LambdaLR lr curves (charts lr-schedules.svg/.png)");
  say(
    `   0.5 ** epoch:  ${schedules.half[0]} -> ${schedules.half.at(-1)!.toPrecision(4)} after 10 epochs`,
  );
  say(
    `   0.95 ** epoch: ${schedules.slow[0]} -> ${schedules.slow.at(-1)!.toPrecision(4)} after 100 epochs`,
  );

  say();
  say(`== 3.2 the experiment: ${DEMO.epochs} epochs per run`);
  const runs: RunResult[] = [];
  for (const spec of RUNS) {
    const runStart = performance.now();
    const result = runExperiment(
      spec,
      data,
      tty
        ? (report, done, total) => {
            options.stdout.write(
              `\r   ${spec.name.padEnd(14)} epoch ${String(done).padStart(2)}/${total}  ` +
                `train MSE ${report.train.toFixed(4)}  lr ${report.lr.toPrecision(4)}   `,
            );
          }
        : undefined,
    );
    runs.push(result);
    if (tty) options.stdout.write("\r\x1b[2K");
    say(
      `   ${spec.name.padEnd(14)} ${result.train.length} epochs in ${((performance.now() - runStart) / 1000).toFixed(2)} s, ` +
        `train MSE ${result.train.at(-1)!.toFixed(4)}`,
    );
  }

  say();
  say("== results (after 60 epochs)");
  for (const line of resultsTable(runs)) say(`   ${line}`);

  const trained = runs[0]!;
  const files = await withFsErrors(out, () => writeOutputs(out, runs, schedules, trained));
  const allFiles = [{ kind: "model", path: walk.savedFile }, ...files];
  const seconds = (performance.now() - started) / 1000;
  say();
  say(`== files in ${out}`);
  for (const f of allFiles) say(`   ${f.path}`);
  say(`done in ${seconds.toFixed(1)} s`);

  if (options.json) {
    const winner = winnerOf(runs);
    const summary = {
      command: "demo",
      out,
      seconds,
      settings: { ...DEMO, runs: RUNS },
      data: {
        features_first: firstRows(data.features, 5),
        labels_first: firstRows(data.labels, 5).flat(),
      },
      walkthrough: {
        param_groups_before: walk.paramGroupsBefore,
        param_groups_after: walk.paramGroupsAfter,
        step_lrs: walk.stepLrs,
        training_changed_weights: walk.trainingChangedWeights,
        restored_equals_saved: walk.restoredEqualsSaved,
      },
      schedules: { "lambda-0.5": schedules.half, "lambda-0.95": schedules.slow },
      runs: runs.map((run) => ({
        name: run.spec.name,
        label: run.spec.label,
        lr: run.lrs,
        train_mse: run.train,
        test_mse: run.test,
        final_lr: run.finalLr,
        final_train_mse: run.train.at(-1),
        final_test_mse: run.test.at(-1),
      })),
      winner: winner.spec.name,
      files: allFiles,
    };
    options.stdout.write(`${JSON.stringify(summary)}\n`);
  }
  return EXIT.ok;
}
