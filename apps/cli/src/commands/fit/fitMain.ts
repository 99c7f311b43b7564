import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describeFsError, EXIT, UserError } from "../../errors.js";
import { readCheckpoint } from "./checkpoint.js";
import { CONFIG_KEYS, type FitConfig, flagOf, resolveConfig } from "./config.js";
import { createProgress } from "./progress.js";
import { stintPrompter } from "./prompter.js";
import { type FitResult, runFit } from "./runFit.js";

/** The streams `kindling fit` uses. */
export interface FitIo {
  /** Answers to `--interactive`'s questions. */
  readonly stdin: NodeJS.ReadableStream;
  /** Results (text or JSON), and per-epoch lines when not on a terminal. */
  readonly stdout: NodeJS.WriteStream;
  /** The progress bar on a terminal. */
  readonly stderr: NodeJS.WriteStream;
}

async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UserError(`cannot read the config file ${path}: ${describeFsError(error)}`, EXIT.io);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UserError(`the config file ${path} must hold one JSON object of settings`);
  }
  return value as Record<string, unknown>;
}

function positiveInteger(text: string | boolean | undefined, flag: string): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (typeof text !== "string" || !/^\d+$/.test(text.trim()) || n < 1) {
    throw new UserError(`${flag} must be an integer from 1 up, got ${JSON.stringify(text)}`);
  }
  return n;
}

const figure = (x: number) =>
  Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x);

function summary(config: FitConfig, result: FitResult, resumedAt: number | null): string[] {
  const { curves, metric } = result;
  const n = curves.train.length;
  const lines = [
    `${config.task}: ${n} epochs in ${result.stints.length} stint${result.stints.length === 1 ? "" : "s"} (${result.stints.map((s) => `${s.epochs}@${s.lr}`).join(", ")})` +
      (resumedAt === null ? "" : `, resumed after epoch ${resumedAt}`),
  ];
  if (n > 0) {
    lines.push(
      `final train ${metric} ${figure(curves.train[n - 1]!)}, test ${metric} ${figure(curves.test[n - 1]!)}, final lr ${figure(result.finalLr)}`,
    );
  }
  lines.push(...result.files.map((f) => `wrote ${f.path}`));
  return lines;
}

/**
 * `kindling fit`: settings from the defaults (the seed's run), a `--config` file and the flags, or
 * from the checkpoint with `--resume`; then {@link runFit}. Resolves to the exit code.
 */
export async function fitMain(
  opts: Record<string, string | boolean | undefined>,
  io: FitIo,
): Promise<number> {
  const flags: Partial<Record<keyof FitConfig, unknown>> = {};
  for (const key of CONFIG_KEYS) if (opts[key] !== undefined) flags[key] = opts[key];
  const checkpointEvery = positiveInteger(opts.checkpointEvery, "--checkpoint-every");
  const interactive = opts.interactive === true;
  const json = opts.json === true;
  const quiet = opts.quiet === true;
  let config: FitConfig;
  let resume = null;
  let out = typeof opts.out === "string" ? opts.out : "./kindling-fit";
  if (typeof opts.resume === "string") {
    const given = [
      ...Object.keys(flags).map(flagOf),
      ...(opts.config === undefined ? [] : ["--config"]),
    ];
    if (given.length > 0) {
      throw new UserError(
        `--resume continues with the checkpoint's own settings; drop ${given.join(", ")}`,
      );
    }
    resume = await readCheckpoint(opts.resume);
    config = resume.config;
    if (opts.out === undefined) out = dirname(opts.resume);
  } else {
    const file = typeof opts.config === "string" ? await readConfigFile(opts.config) : undefined;
    config = resolveConfig(file, flags, typeof opts.config === "string" ? opts.config : undefined);
    const schedulerChosen = flags.scheduler !== undefined || file?.scheduler !== undefined;
    if ((config.plan !== null || interactive) && !schedulerChosen) {
      config = { ...config, scheduler: null }; // the seed's hand-driven stints keep a constant lr
    }
  }
  const progress = createProgress({
    mode: quiet || json ? "none" : io.stderr.isTTY ? "bar" : "lines",
    metric: config.task === "regression" ? "MSE" : "accuracy",
    stream: io.stderr,
    lines: (text) => io.stdout.write(text),
  });
  // Before the run: it appends to the resumed curves.
  const resumedAt = resume === null ? null : resume.curves.train.length;
  const promptTo = json ? io.stderr : io.stdout;
  // Piped answers are not shown by a terminal: echo them, so the transcript reads as a dialogue.
  const echo = (io.stdin as { isTTY?: boolean }).isTTY !== true;
  const prompter = interactive ? stintPrompter(io.stdin, (t) => promptTo.write(t), echo) : null;
  // Ctrl-C (or SIGTERM) stops after the current epoch, with the checkpoint and the results
  // written; a second one ends the process at once.
  let stopRequested = false;
  const onSignal = () => {
    if (stopRequested) process.exit(EXIT.interrupted);
    stopRequested = true;
    prompter?.close(); // a pending question ends as the end of the input does
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let result: FitResult;
  try {
    result = await runFit({
      config,
      resume,
      out,
      checkpointEvery,
      nextStint: prompter?.next ?? null,
      progress,
      shouldStop: () => stopRequested,
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    progress.stop();
    prompter?.close();
  }
  if (result.interrupted) {
    io.stderr.write(
      `kindling: interrupted after epoch ${result.curves.train.length}; continue with: kindling fit --resume ${join(out, "checkpoint.pt")}\n`,
    );
  }
  if (result.diverged !== null) {
    const { epoch, parameter, lr } = result.diverged;
    const resumable = checkpointEvery !== null && epoch > checkpointEvery;
    io.stderr.write(
      `kindling: training diverged in epoch ${epoch} (lr ${lr}): ${parameter} is no longer finite (NaN or infinite), so the run stopped; the curves up to it are written${resumable ? `, and ${join(out, "checkpoint.pt")} holds the last checkpoint before it` : ""}. Try a lower --lr.\n`,
    );
  }
  if (json) {
    const doc = {
      command: "fit",
      config,
      resumedAfterEpoch: resumedAt,
      stints: result.stints,
      metric: result.metric,
      epochs: result.curves.train.map((_, i) => i + 1),
      lr: result.curves.lr,
      train: result.curves.train,
      test: result.curves.test,
      finalLr: result.finalLr,
      diverged: result.diverged,
      files: result.files,
    };
    io.stdout.write(`${JSON.stringify(doc)}\n`);
  } else if (!quiet) {
    io.stdout.write(`${summary(config, result, resumedAt).join("\n")}\n`);
  }
  return result.exitCode;
}
