/**
 * End-to-end tests of `kindling demo`: they run the BUILT binary (dist/bin.js, rebuilt here when
 * missing or older than the sources) and compare what it prints and writes with the committed
 * PyTorch 1.13 reference of the seed's experiment (fixtures/demo.json, from
 * scripts/torch/gen_cli_demo.py).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "@kindling/serialize";
import { Resvg } from "@resvg/resvg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithTorch, runTorch } from "../../../scripts/torch/live.js";
import { ensureBuilt } from "./testing/cli.js";
import { NET_CLASS2_PY } from "./testing/netClass2.py.js";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const bin = join(appDir, "dist", "bin.js");
const folder = mkdtempSync(join(tmpdir(), "kindling-cli-"));
const out = join(folder, "demo");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/*
 * The per-epoch train and test MSE are compared with PyTorch's exactly. The data, initial weights,
 * split and batch order are PyTorch's bit for bit, and so is every float operation of a training
 * step on one thread: the products in the reference BLAS's order, tanh as SLEEF computes it, batch
 * norm as PyTorch's CPU kernel, the cascade sums of the loss and the bias gradients. Before those
 * were replayed, float32 rounding let 60 epochs × 14 steps drift by up to 1.4e-4 (relative).
 */
/** The demo, under load on a shared 2-core machine, with a rebuild when needed. */
const RUN_TIMEOUT = 600_000;

interface Run {
  name: string;
  lr: number[];
  train_mse: number[];
  test_mse: number[];
  final_lr: number;
}
interface Reference {
  features_first: number[][];
  labels_first: number[];
  param_groups_before: Record<string, unknown>[];
  param_groups_after: Record<string, unknown>[];
  lr_half: number[];
  lr_095: number[];
  runs: Run[];
}
const reference = (
  JSON.parse(readFileSync(join(appDir, "fixtures", "demo.json"), "utf8")) as { data: Reference }
).data;

interface Summary {
  out: string;
  seconds: number;
  data: { features_first: number[][]; labels_first: number[] };
  walkthrough: {
    param_groups_before: Record<string, unknown>[];
    param_groups_after: Record<string, unknown>[];
    step_lrs: number[];
    training_changed_weights: boolean;
    restored_equals_saved: boolean;
  };
  schedules: Record<"lambda-0.5" | "lambda-0.95", number[]>;
  runs: (Run & { label: string; final_train_mse: number; final_test_mse: number })[];
  winner: string;
  files: { kind: string; path: string }[];
}

function kindling(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: RUN_TIMEOUT });
}

let summary: Summary;
let stderr: string;
let status: number | null;

beforeAll(() => {
  ensureBuilt();
  const result = kindling("demo", "--out", out, "--json");
  status = result.status;
  stderr = result.stderr;
  summary = JSON.parse(result.stdout) as Summary;
}, RUN_TIMEOUT);

describe("kindling demo --json against PyTorch's run of the seed experiment", () => {
  it("exits 0 with nothing on stderr, and the scheduled run wins as in the tutorial", () => {
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(summary.winner).toBe("lambda-0.95");
    expect(summary.runs.map((r) => r.name)).toEqual(reference.runs.map((r) => r.name));
  });

  it("generates the seed's features and labels bit for bit", () => {
    expect(summary.data.features_first).toEqual(reference.features_first);
    expect(summary.data.labels_first).toEqual(reference.labels_first);
  });

  it("shows the optimizer's param groups before and after LambdaLR is attached, as PyTorch", () => {
    expect(summary.walkthrough.param_groups_before).toEqual(reference.param_groups_before);
    expect(summary.walkthrough.param_groups_after).toEqual(reference.param_groups_after);
    expect(reference.param_groups_before[0]).not.toHaveProperty("initial_lr");
    expect(summary.walkthrough.param_groups_after[0]!.initial_lr).toBe(0.05);
    const expected = [1, 2, 3].map((k) => 0.5 ** k * 0.05);
    expect(summary.walkthrough.step_lrs).toEqual(expected);
    expect(summary.walkthrough.training_changed_weights).toBe(true);
    expect(summary.walkthrough.restored_equals_saved).toBe(true);
  });

  it("gives PyTorch's lrs bit for bit: the two LambdaLR plots and every epoch of every run", () => {
    // The same double operations as PyTorch's, and `**` computed as Python does (lr-scheduler's
    // pyPow; V8's own ** is a last bit off for about one power in ten).
    expect(summary.schedules["lambda-0.5"]).toEqual(reference.lr_half);
    expect(summary.schedules["lambda-0.95"]).toEqual(reference.lr_095);
    reference.runs.forEach((ref, i) => {
      const run = summary.runs[i]!;
      expect(run.lr, ref.name).toEqual(ref.lr);
      expect(run.final_lr, ref.name).toBe(ref.final_lr);
    });
  });

  it("matches PyTorch's per-epoch train and test MSE bit for bit, every epoch of every run", () => {
    reference.runs.forEach((ref, i) => {
      const run = summary.runs[i]!;
      expect(run.train_mse, `${ref.name} train`).toEqual(ref.train_mse);
      expect(run.test_mse, `${ref.name} test`).toEqual(ref.test_mse);
      expect(run.final_train_mse).toBe(run.train_mse.at(-1));
    });
  });
});

describe("kindling demo's files", () => {
  const charts = ["lr-schedules", "train-mse"];

  it("writes every file, atomically (no temporary file left behind)", () => {
    const names = readdirSync(out).sort();
    expect(names).toEqual(
      [
        "checkpoint.pt",
        "curves.csv",
        "curves.json",
        "lr-schedules.png",
        "lr-schedules.svg",
        "tanh1.pt",
        "train-mse.png",
        "train-mse.svg",
      ].sort(),
    );
    expect(summary.files.map((f) => f.path).sort()).toEqual(names.map((n) => join(out, n)));
  });

  it.each(charts)("%s.svg parses and has a title, axis titles with units and a legend", (name) => {
    const svg = readFileSync(join(out, `${name}.svg`), "utf8");
    const parsed = new Resvg(svg); // throws on malformed SVG
    expect(parsed.width).toBeGreaterThan(300);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    if (name === "train-mse") {
      expect(texts).toContain("Train MSE of the seed network, by learning-rate schedule");
      expect(texts).toContain("epoch (passes over the training set)");
      expect(texts).toContain("train MSE (squared label units)");
      expect(texts).toContain("run");
      expect(texts).toContain("LambdaLR 0.95 ** epoch, lr 0.05");
      expect(texts).toContain("30 epochs at 0.03, then 30 at 0.01");
    } else {
      expect(texts).toContain("LambdaLR: learning rate by epoch");
      expect(texts).toContain("learning rate (per SGD step)");
      expect(texts).toContain("0.5 ** epoch (10 epochs)");
      expect(texts).toContain("0.95 ** epoch (100 epochs)");
    }
  });

  it.each(charts)("%s.png is a PNG twice the SVG's size", (name) => {
    const svg = readFileSync(join(out, `${name}.svg`), "utf8");
    const [, w, h] = /<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"/.exec(svg)!;
    const png = readFileSync(join(out, `${name}.png`));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.toString("ascii", 12, 16)).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * Number(w), 2 * Number(h)]);
  });

  it("curves.csv has one row per run and epoch, with the JSON output's numbers", () => {
    const lines = readFileSync(join(out, "curves.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("run,epoch,lr,train_mse,test_mse");
    expect(lines).toHaveLength(1 + 4 * 60);
    const rows = lines.slice(1).map((l) => l.split(","));
    summary.runs.forEach((run, r) => {
      run.train_mse.forEach((train, e) => {
        const row = rows[r * 60 + e]!;
        expect(row[0]).toBe(run.name);
        expect(Number(row[1])).toBe(e + 1);
        expect([Number(row[2]), Number(row[3]), Number(row[4])]).toEqual([
          run.lr[e],
          train,
          run.test_mse[e],
        ]);
      });
    });
  });

  it("curves.json holds every curve and both schedules", () => {
    const json = JSON.parse(readFileSync(join(out, "curves.json"), "utf8")) as {
      runs: Record<string, unknown>[];
      schedules: Record<string, number[]>;
    };
    expect(json.runs.map((r) => Object.keys(r))).toEqual(
      Array(4).fill(["name", "label", "epoch", "lr", "train_mse", "test_mse", "final_lr"]),
    );
    json.runs.forEach((r, i) => {
      expect(r.train_mse).toEqual(summary.runs[i]!.train_mse);
      expect(r.lr).toEqual(summary.runs[i]!.lr);
    });
    expect(json.schedules).toEqual(summary.schedules);
  });

  it("checkpoint.pt holds the trained run's model, optimizer and scheduler state", async () => {
    const checkpoint = (await load(join(out, "checkpoint.pt"))) as Map<string, unknown>;
    expect([...checkpoint.keys()]).toEqual(["model", "optimizer", "scheduler", "epoch"]);
    const model = checkpoint.get("model") as Map<string, unknown>;
    expect(model.size).toBe(16);
    const optimizer = checkpoint.get("optimizer") as Map<string, unknown>;
    const group = (optimizer.get("param_groups") as Map<string, unknown>[])[0]!;
    expect(group.get("initial_lr")).toBe(0.05);
    expect(group.get("lr")).toBe(reference.runs[0]!.final_lr);
    const scheduler = checkpoint.get("scheduler") as Map<string, unknown>;
    expect(scheduler.get("last_epoch")).toBe(60);
  });
});

describeWithTorch("PyTorch reads the demo's checkpoints", () => {
  it("torch.load restores net_class2, SGD and LambdaLR from checkpoint.pt, and tanh1.pt", () => {
    const code = `
${NET_CLASS2_PY}net = net_class2()
c = torch.load(args["checkpoint"])
net.load_state_dict(c["model"])
opt = SGD(net.parameters(), lr=0.05)
sched = lr_scheduler.LambdaLR(opt, lambda epoch: 0.95 ** epoch)
opt.load_state_dict(c["optimizer"])
sched.load_state_dict(c["scheduler"])
net.load_state_dict(torch.load(args["model"]))
print(json.dumps({"lr": opt.param_groups[0]["lr"], "last_epoch": sched.last_epoch,
  "tracked": int(c["model"]["normalize1.num_batches_tracked"])}))
`;
    const result = runTorch(code, {
      checkpoint: join(out, "checkpoint.pt"),
      model: join(out, "tanh1.pt"),
    }) as { lr: number; last_epoch: number; tracked: number };
    expect(result).toEqual({
      lr: reference.runs[0]!.final_lr,
      last_epoch: 60,
      tracked: 60 * 14,
    });
  }, 300_000);
});

describe("kindling's user errors", () => {
  it("an unknown option prints one line on stderr and exits 2", () => {
    const result = kindling("demo", "--outt", out);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^kindling: unknown option '--outt'/);
  });

  it("an unknown command prints one line on stderr and exits 2", () => {
    const result = kindling("dmeo");
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^kindling: unknown command 'dmeo'/);
  });

  it("an output folder that cannot be created prints one line and exits 3", () => {
    const file = join(folder, "a-file");
    writeFileSync(file, "not a folder");
    const result = kindling("demo", "--out", join(file, "sub"), "--quiet");
    expect(result.status).toBe(3);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^kindling: cannot create the output folder .*a-file\/sub: /);
  });

  it("--version prints the package's version and exits 0", () => {
    const result = kindling("--version");
    const manifest = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8"));
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);
  });
});
