// Runs the built `kindling demo --json` (the seed tutorial's experiment, end to end) and
// `kindling inspect --json` on the checkpoint it wrote, at build time; the tutorial and the
// checkpoints guide show what these runs printed and drew. Nothing here is pasted.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { defineLoader } from "vitepress";
import { type RestoredCheckpoint, restoreCheckpoint } from "./restoreCheckpoint.js";

/** One 60-epoch run of the experiment, as `kindling demo --json` reports it. */
export interface DemoRun {
  name: string;
  label: string;
  lr: number[];
  train_mse: number[];
  test_mse: number[];
  final_lr: number;
  final_train_mse: number;
  final_test_mse: number;
}

/** The parts of `kindling demo --json` the guides use, plus the charts and the inspect output. */
export interface DemoData {
  settings: Record<string, unknown> & { epochs: number };
  walkthrough: {
    param_groups_before: Record<string, unknown>[];
    param_groups_after: Record<string, unknown>[];
    step_lrs: number[];
    training_changed_weights: boolean;
    restored_equals_saved: boolean;
  };
  schedules: Record<string, number[]>;
  runs: DemoRun[];
  winner: string;
  /** The demo's SVG charts, as data URLs. */
  charts: { lrSchedules: string; trainMse: string };
  /** `kindling inspect` on the checkpoint the demo wrote: its text and its JSON. */
  inspect: { text: string; json: unknown };
  /** The checkpoint restored into a new network, optimizer and scheduler (the guide's code). */
  restored: RestoredCheckpoint;
  seconds: number;
}

declare const data: DemoData;

export { data };

const bin = join(
  dirname(createRequire(import.meta.url).resolve("@kindling/cli/package.json")),
  "dist/bin.js",
);

function kindling(args: string[]): string {
  return execFileSync(process.execPath, [bin, ...args], { encoding: "utf8" });
}

const svg = (file: string) => `data:image/svg+xml;base64,${readFileSync(file).toString("base64")}`;

export default defineLoader({
  async load(): Promise<DemoData> {
    const out = mkdtempSync(join(tmpdir(), "kindling-docs-demo-"));
    try {
      const demo = JSON.parse(kindling(["demo", "--json", "--out", out])) as DemoData;
      const checkpoint = join(out, "checkpoint.pt");
      const text = kindling(["inspect", checkpoint]).replaceAll(out, "kindling-demo");
      const json: unknown = JSON.parse(kindling(["inspect", "--json", checkpoint]));
      return {
        settings: demo.settings,
        walkthrough: demo.walkthrough,
        schedules: demo.schedules,
        runs: demo.runs,
        winner: demo.winner,
        charts: {
          lrSchedules: svg(join(out, "lr-schedules.svg")),
          trainMse: svg(join(out, "train-mse.svg")),
        },
        inspect: { text, json },
        restored: await restoreCheckpoint(checkpoint),
        seconds: demo.seconds,
      };
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
});
