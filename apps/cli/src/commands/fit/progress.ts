import cliProgress from "cli-progress";

/** One finished epoch, as the progress display shows it. */
export interface EpochLine {
  /** Epochs finished in the whole run. */
  readonly done: number;
  /** Epochs planned so far in the whole run. */
  readonly total: number;
  /** The lr the epoch trained with. */
  readonly lr: number;
  /** The metric on the training data. */
  readonly train: number;
  /** The metric on the test data. */
  readonly test: number;
}

/** Shows a run's progress. */
export interface Progress {
  /** After each epoch. */
  epoch(line: EpochLine): void;
  /** A message between epochs (a checkpoint written, a stint started). */
  note(text: string): void;
  /** Before prompting, printing the summary, or exiting. */
  stop(): void;
}

const figure = (x: number) =>
  Math.abs(x) >= 1000 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toPrecision(5);

/**
 * The progress display: on a terminal a bar with the epoch, the metric, the lr and the ETA
 * (cli-progress, on `stream`); otherwise one plain line per epoch on `lines`; nothing when quiet.
 */
export function createProgress(options: {
  readonly mode: "bar" | "lines" | "none";
  readonly metric: string;
  readonly stream: NodeJS.WriteStream;
  readonly lines: (text: string) => void;
}): Progress {
  const { metric } = options;
  if (options.mode === "none") return { epoch() {}, note() {}, stop() {} };
  if (options.mode === "lines") {
    return {
      epoch: (l) =>
        options.lines(
          `epoch ${l.done}/${l.total}  lr ${figure(l.lr)}  train ${metric} ${figure(l.train)}  test ${metric} ${figure(l.test)}\n`,
        ),
      note: (text) => options.lines(`${text}\n`),
      stop() {},
    };
  }
  let bar: cliProgress.SingleBar | null = null;
  const payload = (l: EpochLine) => ({
    lr: figure(l.lr),
    train: figure(l.train),
    test: figure(l.test),
  });
  return {
    epoch(l) {
      if (bar === null) {
        bar = new cliProgress.SingleBar(
          {
            stream: options.stream,
            format: `epoch {value}/{total} {bar} ${metric} train {train} test {test} | lr {lr} | ETA {eta_formatted}`,
            etaBuffer: 20,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(l.total, 0, payload(l));
      }
      bar.setTotal(l.total);
      bar.update(l.done, payload(l));
    },
    // The bar stays on one line: notes (checkpoints written) appear in the summary instead.
    note() {},
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
