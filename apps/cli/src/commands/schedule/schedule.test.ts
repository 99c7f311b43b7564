/** End-to-end tests of `kindling schedule`, on the built binary. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, kindling, stderrLines } from "../../testing/cli.js";

const folder = mkdtempSync(join(tmpdir(), "kindling-schedule-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
beforeAll(() => ensureBuilt(), 300_000);

interface ScheduleJson {
  steps: number;
  lr: number;
  curves: { label: string; scheduler: string; lr: number[] }[];
  files: { kind: string; path: string }[];
}

function json(args: string[]): ScheduleJson {
  const result = kindling(["schedule", ...args, "--json"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as ScheduleJson;
}

describe("kindling schedule", () => {
  it("draws StepLR in the terminal and writes CSV, SVG and PNG", () => {
    const out = join(folder, "step");
    const result = kindling([
      "schedule",
      "StepLR",
      "--set",
      "stepSize=3",
      "--set",
      "gamma=0.5",
      "--steps",
      "10",
      "--out",
      out,
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/[\u2801-\u28ff]/); // Braille dots of the plot
    expect(result.stdout).toContain("StepLR(stepSize=3, gamma=0.5): start 0.1, end 0.0125");
    const csv = readFileSync(join(out, "schedule.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe("scheduler,step,lr");
    expect(csv).toHaveLength(12);
    expect(csv[4]).toBe('"StepLR(stepSize=3, gamma=0.5)",3,0.05');
    const svg = readFileSync(join(out, "schedule.svg"), "utf8");
    expect(svg).toContain("learning rate by step");
    const width = Number(/<svg[^>]*\bwidth="(\d+)/.exec(svg)?.[1]);
    const png = readFileSync(join(out, "schedule.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(width * 2); // IHDR width: twice the SVG's, for sharpness
  });

  it("gives PyTorch's lrs for LambdaLR expressions, snake_case and Python lambdas included", () => {
    const doc = json([
      "LambdaLR",
      "--set",
      "lr_lambda=lambda epoch: 0.5 ** epoch",
      "--lr",
      "0.05",
      "--steps",
      "3",
      "--no-files",
    ]);
    expect(doc.curves[0]!.lr).toEqual([0.05, 0.025, 0.0125, 0.00625]);
    expect(doc.curves[0]!.label).toBe('LambdaLR(lrLambda="lambda epoch: 0.5 ** epoch")');
    expect(doc.files).toEqual([]);
  });

  it("overlays --compare specifications, nested schedulers included", () => {
    const doc = json([
      "ExponentialLR",
      "--set",
      "gamma=0.5",
      "--steps",
      "6",
      "--lr",
      "1",
      "--no-files",
      "--compare",
      "SequentialLR(schedulers=[ConstantLR(factor=0.5, totalIters=2), ExponentialLR(gamma=0.5)], milestones=[2])",
      "--compare",
      "MultiStepLR(milestones=[2, 4], gamma=0.1)",
    ]);
    expect(doc.curves.map((c) => c.scheduler)).toEqual([
      "ExponentialLR",
      "SequentialLR",
      "MultiStepLR",
    ]);
    expect(doc.curves[0]!.lr).toEqual([1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625]);
    expect(doc.curves[1]!.lr).toEqual([0.5, 0.5, 1, 0.5, 0.25, 0.125, 0.0625]);
    expect(doc.curves[2]!.lr.map((v) => Number(v.toPrecision(12)))).toEqual([
      1, 1, 0.1, 0.1, 0.01, 0.01, 0.01,
    ]);
  });

  it("steps ReduceLROnPlateau with --metrics (the last value repeats)", () => {
    const doc = json([
      "ReduceLROnPlateau",
      "--set",
      "patience=1",
      "--set",
      "factor=0.5",
      "--metrics",
      "3,2,1,1",
      "--steps",
      "6",
      "--lr",
      "1",
      "--no-files",
    ]);
    expect(doc.curves[0]!.lr).toEqual([1, 1, 1, 1, 1, 0.5, 0.5]);
  });

  it("--list names every scheduler with its options", () => {
    const result = kindling(["schedule", "--list"]);
    expect(result.status).toBe(0);
    for (const name of [
      "LambdaLR",
      "OneCycleLR",
      "CosineAnnealingWarmRestarts",
      "SequentialLR",
      "linearWarmupCosine",
    ]) {
      expect(result.stdout).toContain(`${name}: `);
    }
    expect(result.stdout).toContain("tMax (required) [PyTorch T_max]");
    // PyTorch's defaults, from @kindling/lr-scheduler's catalog
    expect(result.stdout).toContain(
      "patience [PyTorch patience]: bad epochs tolerated, default 10",
    );
    // Kindling's presets: no PyTorch names for options PyTorch does not have
    expect(result.stdout).toContain("warmupSteps (required): steps of linear warmup");
    expect(result.stdout).not.toContain("[PyTorch warmup_steps]");
  });

  it("stops quietly when the reader closes the pipe early (| head)", async () => {
    const { spawn } = await import("node:child_process");
    const { bin } = await import("../../testing/cli.js");
    // Megabytes of JSON: more than a pipe holds, so writes are still pending when it closes.
    const args = ["schedule", "StepLR", "--set", "stepSize=3", "--steps", "100000", "--json"];
    const child = spawn(process.execPath, [bin, ...args, "--no-files"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  const errors: [string, string[], RegExp][] = [
    [
      "an unknown scheduler suggests the nearest name",
      ["StpLR"],
      /^kindling: unknown scheduler "StpLR" \(did you mean StepLR\?\)/,
    ],
    [
      "an unknown option suggests the nearest option",
      ["StepLR", "--set", "stepsze=3"],
      /^kindling: StepLR has no option "stepsze" \(did you mean stepSize\?\); its options: stepSize, gamma$/,
    ],
    [
      "a missing required option names it",
      ["CosineAnnealingLR"],
      /^kindling: CosineAnnealingLR needs tMax \(PyTorch T_max\)/,
    ],
    [
      "an out-of-range value gives the valid range",
      ["StepLR", "--set", "stepSize=0"],
      /^kindling: StepLR: Expected positive integer step_size, but got 0$/,
    ],
    [
      "a value of the wrong type says what is expected",
      ["CyclicLR", "--set", "baseLr=0.01", "--set", "maxLr=0.1", "--set", "mode=foo"],
      /must be one of triangular, triangular2, exp_range, got "foo"$/,
    ],
    [
      "an expression that does not parse shows where",
      ["LambdaLR", "--set", "lrLambda=0.95 **"],
      /invalid expression "0.95 \*\*": Expected .* at position 7$/,
    ],
    [
      "stepping past OneCycleLR's end is reported",
      ["OneCycleLR", "--set", "maxLr=0.1", "--set", "totalSteps=5", "--steps", "9"],
      /^kindling: OneCycleLR: Tried to step 7 times/,
    ],
    [
      "a bad --steps is a usage error",
      ["StepLR", "--set", "stepSize=2", "--steps", "ten"],
      /^kindling: --steps must be an integer/,
    ],
    [
      "a bad --compare spec shows the position",
      ["StepLR", "--set", "stepSize=2", "--compare", "StepLR(stepSize=2"],
      /^kindling: expected "\)" at position 17/,
    ],
  ];
  for (const [name, args, message] of errors) {
    it(`${name}: one stderr line, exit 2`, () => {
      const result = kindling(["schedule", ...args, "--no-files"]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(stderrLines(result)).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
    });
  }
});
