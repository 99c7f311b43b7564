/**
 * End-to-end tests of `kindling fit`, on the built binary: the seed's runs against the committed
 * PyTorch reference (fixtures/demo.json), the hand-driven loop from piped answers, kill-and-resume,
 * PyTorch reading the checkpoint, and every user error.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "@kindling/serialize";
import { rand, setRngState } from "@kindling/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COURSE_PY, describeWithTorch, runTorch } from "../../../../../scripts/torch/live.js";
import { appDir, ensureBuilt, kindling, stderrLines } from "../../testing/cli.js";
import { NET_CLASS2_PY } from "../../testing/netClass2.py.js";

const folder = mkdtempSync(join(tmpdir(), "kindling-fit-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
beforeAll(() => ensureBuilt(), 300_000);

interface FitJson {
  config: Record<string, unknown>;
  resumedAfterEpoch: number | null;
  stints: { epochs: number; lr: number }[];
  metric: string;
  lr: number[];
  train: number[];
  test: number[];
  finalLr: number;
  files: { kind: string; path: string }[];
}

interface ReferenceRun {
  name: string;
  lr: number[];
  train_mse: number[];
  test_mse: number[];
  final_lr: number;
}
const reference = (
  JSON.parse(readFileSync(join(appDir, "fixtures", "demo.json"), "utf8")) as {
    data: { runs: ReferenceRun[] };
  }
).data.runs;
const referenceRun = (name: string) => reference.find((r) => r.name === name)!;

/** An LBFGS run on the default data and network: short steps, no scheduler. */
const LBFGS_ARGS = [
  "--optimizer",
  "LBFGS(max_iter=2, history_size=5)",
  "--lr",
  "0.1",
  "--scheduler",
  "none",
];

function fitJson(args: string[], input?: string): FitJson {
  const result = kindling(["fit", ...args, "--json"], input === undefined ? {} : { input });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as FitJson;
}

describe("kindling fit", () => {
  it("with no flags runs the seed's LambdaLR run and gives PyTorch's curves", () => {
    const out = join(folder, "default");
    const run = fitJson(["--out", out]);
    const ref = referenceRun("lambda-0.95");
    expect(run.stints).toEqual([{ epochs: 60, lr: 0.05 }]);
    expect(run.metric).toBe("MSE");
    expect(run.lr).toEqual(ref.lr); // bit for bit, as the demo's
    expect(run.train).toEqual(ref.train_mse); // bit for bit, as the demo's
    expect(run.test).toEqual(ref.test_mse);
    expect(run.finalLr).toBe(ref.final_lr);
    expect(run.files.map((f) => f.kind)).toEqual([
      "curves-csv",
      "curves-json",
      "chart-svg",
      "chart-png",
      "chart-svg",
      "chart-png",
      "checkpoint",
    ]);
    const csv = readFileSync(join(out, "curves.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe("epoch,stint,lr,train_mse,test_mse");
    expect(csv).toHaveLength(61);
    expect(readFileSync(join(out, "mse.svg"), "utf8")).toContain("MSE by epoch");
  });

  it("--plan runs the tutorial's hand-tuned stints, each with a fresh SGD, as PyTorch does", () => {
    const run = fitJson(["--plan", "30@0.03,30@0.01", "--out", join(folder, "plan")]);
    const ref = referenceRun("hand-tuned");
    expect(run.config.scheduler).toBeNull();
    expect(run.lr).toEqual(ref.lr); // bit for bit, as the demo's
    expect(run.train).toEqual(ref.train_mse); // bit for bit, as the demo's
    expect(run.test).toEqual(ref.test_mse);
  });

  it("--interactive reads the seed's answers from piped input, re-asking after bad ones", () => {
    const planned = fitJson(["--plan", "3@0.03,2@0.01", "--out", join(folder, "planned")]);
    const answers = ["maybe", "y", "three", "0", "3", "-1", "0.03", "yes", "2", "0.01", "n", ""];
    const result = kindling(["fit", "--interactive", "--out", join(folder, "asked")], {
      input: answers.join("\n"),
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    const text = result.stdout;
    // Each piped answer is echoed after its question, one question a line, as on a terminal.
    expect(text.split("\n").slice(0, 4)).toEqual([
      "Do you want to continue the iteration? [y/n] maybe",
      'please answer y or n, got "maybe"',
      "Do you want to continue the iteration? [y/n] y",
      "Number of epochs: three",
    ]);
    expect(text).toContain('the number of epochs is an integer from 1 to 1000000, got "three"');
    expect(text).toContain('the learning rate is a number > 0, got "-1"');
    expect(text).toContain("5 epochs in 2 stints (3@0.03, 2@0.01)");
    const curves = JSON.parse(readFileSync(join(folder, "asked", "curves.json"), "utf8"));
    expect(curves.train_mse).toEqual(planned.train);
    expect(curves.test_mse).toEqual(planned.test);
    expect(curves.lr).toEqual(planned.lr);
  });

  it("--interactive stops cleanly at the end of the input and still writes the results", () => {
    const out = join(folder, "eof");
    const result = kindling(["fit", "--interactive", "--out", out, "--json"], {
      input: "y\n2\n0.02\ny\n",
    });
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout) as FitJson;
    expect(doc.stints).toEqual([{ epochs: 2, lr: 0.02 }]);
    expect(doc.train).toHaveLength(2);
    expect(readFileSync(join(out, "curves.csv"), "utf8").trimEnd().split("\n")).toHaveLength(3);
  });

  it("trains a classifier with Adam, a scheduler of any kind and a JSON config", () => {
    const config = join(folder, "cla.json");
    writeFileSync(
      config,
      JSON.stringify({
        task: "classification",
        hidden: [8, 8],
        activation: "relu",
        optimizer: "Adam(betas=[0.9, 0.99])",
        lr: 0.01,
        scheduler: "StepLR(step_size=4, gamma=0.5)",
        epochs: 10,
      }),
    );
    const run = fitJson(["--config", config, "--epochs", "8", "--out", join(folder, "cla")]);
    expect(run.metric).toBe("accuracy");
    expect(run.train).toHaveLength(8);
    expect(run.lr).toEqual([0.01, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.005]);
    expect(run.train.at(-1)!).toBeGreaterThan(0.8);
    expect(run.train.every((a) => a >= 0 && a <= 1)).toBe(true);
  });

  it("ReduceLROnPlateau is stepped with each epoch's test metric", () => {
    const run = fitJson([
      "--scheduler",
      "ReduceLROnPlateau(patience=0, factor=0.5, threshold=0.5)",
      "--epochs",
      "6",
      "--out",
      join(folder, "plateau"),
    ]);
    // The first epoch improves on +inf; with threshold 0.5 no later one improves by half, so
    // from the second epoch on every step halves the lr (patience 0).
    expect(run.lr).toEqual([0.05, 0.05, 0.025, 0.0125, 0.00625, 0.003125]);
  });
});

describe("kindling fit --checkpoint-every / --resume", () => {
  const args = [
    "--rows",
    "20000",
    "--epochs",
    "16",
    "--optimizer",
    "SGD(momentum=0.9)",
    "--scheduler",
    "CosineAnnealingLR(T_max=16)",
    "--lr",
    "0.02",
  ];

  it("a run killed (SIGKILL) at random points and resumed ends bit for bit as an uninterrupted one", async () => {
    const whole = join(folder, "whole");
    const uninterrupted = fitJson([...args, "--out", whole]);
    const out = join(folder, "killed");
    const { spawn } = await import("node:child_process");
    const { bin } = await import("../../testing/cli.js");
    let resumes = 0;
    let finished = "";
    let command = ["fit", ...args, "--out", out, "--checkpoint-every", "1"];
    for (let attempt = 0; attempt < 10 && finished === ""; attempt++) {
      // Kill after a random number of checkpoints and a random delay: mid-epoch, and sometimes
      // in the middle of writing the next checkpoint.
      const afterCheckpoints = 1 + Math.floor(Math.random() * 4);
      const delayMs = Math.floor(Math.random() * 80);
      const child = spawn(process.execPath, [bin, ...command], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      let armed = false;
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        const written = stdout.split("checkpoint after epoch").length - 1;
        if (!armed && written >= afterCheckpoints) {
          armed = true;
          setTimeout(() => child.kill("SIGKILL"), delayMs);
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(stderr).toBe(""); // killed or finished, never failed
      if (code === 0) {
        finished = stdout;
      } else {
        resumes++;
        command = ["fit", "--resume", join(out, "checkpoint.pt"), "--checkpoint-every", "1"];
      }
    }
    expect(finished).not.toBe("");
    expect(resumes).toBeGreaterThan(0);
    expect(finished).toMatch(/resumed after epoch \d+/);
    const curves = JSON.parse(readFileSync(join(out, "curves.json"), "utf8"));
    expect(curves.train_mse).toEqual(uninterrupted.train);
    expect(curves.test_mse).toEqual(uninterrupted.test);
    expect(curves.lr).toEqual(uninterrupted.lr);
    // Weights, BatchNorm statistics, momentum buffers, scheduler and generator: the same bytes.
    const resumed = readFileSync(join(out, "checkpoint.pt"));
    expect(resumed.equals(readFileSync(join(whole, "checkpoint.pt")))).toBe(true);
  }, 240_000);

  it("--resume refuses settings flags, and files that are not its checkpoints, in one line", () => {
    const demoLike = join(folder, "not-fit.pt");
    writeFileSync(demoLike, readFileSync(join(folder, "default", "checkpoint.pt")));
    const cases: [string[], RegExp, number][] = [
      [
        ["--resume", demoLike, "--epochs", "3"],
        /--resume continues with the checkpoint's own settings; drop --epochs$/,
        2,
      ],
      [
        ["--resume", join(folder, "missing.pt")],
        /cannot resume from .*missing\.pt: no such file or directory$/,
        3,
      ],
      [
        ["--resume", join(folder, "cla.json")],
        /cannot resume from .*cla\.json: not a valid checkpoint/,
        3,
      ],
    ];
    for (const [argv, message, code] of cases) {
      const result = kindling(["fit", ...argv]);
      expect(result.status).toBe(code);
      expect(stderrLines(result)).toHaveLength(1);
      expect(stderrLines(result)[0]).toMatch(message);
    }
  });
});

describe("kindling fit's user errors", () => {
  const cases: [string[], RegExp][] = [
    [["--optimizer", "Adma"], /unknown optimizer "Adma" \(did you mean Adam\?\)/],
    [
      ["--optimizer", "SGD(momentun=0.9)"],
      /SGD has no option "momentun" \(did you mean momentum\?\)/,
    ],
    [["--optimizer", "SGD(momentum=-1)"], /^kindling: SGD: Invalid momentum value: -1/],
    [["--optimizer", "SGD(lr=0.1)"], /set the learning rate with --lr/],
    [["--scheduler", "StepRL(stepSize=3)"], /unknown scheduler "StepRL" \(did you mean StepLR\?\)/],
    [["--scheduler", "StepLR(stepSize=0)"], /^kindling: StepLR: /],
    [["--scheduler", "StepLR(gamma=0.5)"], /StepLR needs stepSize/],
    [["--lr", "-0.1"], /--lr must be a number > 0, got "-0.1"/],
    [["--epochs", "0"], /--epochs must be an integer from 1 to 1000000, got "0"/],
    [["--hidden", "4,4,4,4,4"], /--hidden must be 1 to 4 layer sizes/],
    [["--activation", "tahn"], /--activation must be one of .*\(did you mean tanh\?\)/],
    [["--rate", "1.5"], /--rate must be a number in \(0, 1\), got "1.5"/],
    [["--plan", "30at0.03"], /--plan must be stints of epochs@lr/],
    [["--checkpoint-every", "x"], /--checkpoint-every must be an integer from 1 up/],
    [["--epochz", "3"], /unknown option '--epochz' \(did you mean --epochs\?\)/],
    [
      ["--scheduler", "OneCycleLR(maxLr=0.1, totalSteps=10)", "--epochs", "20"],
      /--scheduler OneCycleLR cannot last 20 epochs: Tried to step 12 times/,
    ],
    [["--rows", "73"], /a training batch would hold 1 row \(51 training rows in batches of 50\)/],
  ];
  it.each(cases)("kindling fit %j: one line, exit 2", (argv, message) => {
    const result = kindling(["fit", ...argv, "--out", join(folder, "never")]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const lines = stderrLines(result);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it("a config file with an unknown key or bad JSON is refused in one line", () => {
    const bad = join(folder, "bad.json");
    writeFileSync(bad, JSON.stringify({ epoch: 3 }));
    let result = kindling(["fit", "--config", bad]);
    expect(result.status).toBe(2);
    expect(stderrLines(result)[0]).toMatch(
      /bad\.json has an unknown key "epoch" \(did you mean epochs\?\)/,
    );
    writeFileSync(bad, "{ epochs: 3 ");
    result = kindling(["fit", "--config", bad]);
    expect(result.status).toBe(2);
    expect(stderrLines(result)[0]).toMatch(/bad\.json is not valid JSON/);
  });
});

describe("kindling fit, diverging", () => {
  it("stops at the first epoch whose weights are not finite, exit 4, writing the curves so far", () => {
    const out = join(folder, "diverged");
    const result = kindling(["fit", "--lr", "1e10", "--epochs", "5", "--out", out, "--quiet"]);
    expect(result.status).toBe(4);
    expect(stderrLines(result)).toEqual([
      "kindling: training diverged in epoch 1 (lr 10000000000): linear1.weight is no longer finite (NaN or infinite), so the run stopped; the curves up to it are written. Try a lower --lr.",
    ]);
    const curves = JSON.parse(readFileSync(join(out, "curves.json"), "utf8"));
    expect(curves.train_mse).toHaveLength(1);
    expect(existsSync(join(out, "checkpoint.pt"))).toBe(false);
  });

  it("keeps the last good checkpoint, and says so", () => {
    const out = join(folder, "diverged-later");
    const args = ["--lr", "0.5", "--epochs", "10", "--checkpoint-every", "1", "--out", out];
    const result = kindling(["fit", ...args, "--json"]);
    expect(result.status).toBe(4);
    const doc = JSON.parse(result.stdout) as FitJson & { diverged: { epoch: number } };
    const { epoch } = doc.diverged;
    expect(epoch).toBeGreaterThan(1);
    expect(doc.train).toHaveLength(epoch);
    expect(result.stderr).toContain("checkpoint.pt holds the last checkpoint before it");
    const resumed = kindling(["fit", "--resume", join(out, "checkpoint.pt"), "--json"]);
    expect(JSON.parse(resumed.stdout).resumedAfterEpoch).toBe(epoch - 1);
  });
});

describe("kindling fit, stopped by the user", () => {
  it("Ctrl-C stops after the epoch, writes the checkpoint and results, and says how to resume", async () => {
    const out = join(folder, "interrupted");
    const { spawn } = await import("node:child_process");
    const { bin } = await import("../../testing/cli.js");
    const args = ["fit", "--rows", "20000", "--epochs", "30", "--out", out];
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (!sent && /epoch 2\/30/.test(stdout)) {
        sent = true; // once: a second Ctrl-C ends the process at once, by design
        child.kill("SIGINT");
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(130);
    const stopped = Number(
      /interrupted after epoch (\d+); continue with: kindling fit --resume .*checkpoint\.pt/.exec(
        stderr,
      )?.[1],
    );
    expect(stopped).toBeGreaterThanOrEqual(2);
    expect(stopped).toBeLessThan(30);
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const curves = JSON.parse(readFileSync(join(out, "curves.json"), "utf8"));
    expect(curves.train_mse).toHaveLength(stopped);
    const resumed = fitJson(["--resume", join(out, "checkpoint.pt")]);
    expect(resumed.resumedAfterEpoch).toBe(stopped);
    expect(resumed.train).toHaveLength(30);
  }, 120_000);

  it("an LBFGS run (its history in the optimizer's state) killed after a checkpoint resumes bit for bit", async () => {
    const lbfgs = [...LBFGS_ARGS, "--epochs", "5"];
    const whole = fitJson([...lbfgs, "--out", join(folder, "lbfgs-whole")]);
    const out = join(folder, "lbfgs-killed");
    const { spawn } = await import("node:child_process");
    const { bin } = await import("../../testing/cli.js");
    const child = spawn(
      process.execPath,
      [bin, "fit", ...lbfgs, "--out", out, "--checkpoint-every", "1"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (/checkpoint after epoch 2/.test(stdout)) child.kill("SIGKILL");
    });
    await new Promise((resolve) => child.on("exit", resolve));
    const resumed = fitJson(["--resume", join(out, "checkpoint.pt")]);
    expect(resumed.resumedAfterEpoch).toBeGreaterThanOrEqual(2);
    expect(resumed.resumedAfterEpoch).toBeLessThan(5);
    expect(resumed.train).toEqual(whole.train);
    expect(resumed.test).toEqual(whole.test);
  }, 60_000);

  it("an output folder Node's own recursive mkdir would spin on (/proc) is refused at once", () => {
    if (!existsSync("/proc/self")) return;
    const result = kindling(["fit", "--out", "/proc/kindling-nope", "-q"], { timeout: 20_000 });
    expect(result.status).toBe(3);
    expect(stderrLines(result)[0]).toMatch(/cannot create the output folder \/proc\/kindling-nope/);
  });
});

describeWithTorch("kindling fit with LBFGS against PyTorch", () => {
  it("steps LBFGS with a closure per batch, as PyTorch's loop does, and tracks its curves", () => {
    const run = fitJson([...LBFGS_ARGS, "--epochs", "3", "--out", join(folder, "lbfgs")]);
    const code = `${COURSE_PY}
import json
import torch
from torch.optim import LBFGS
torch.manual_seed(420)
features, labels = course.tensorGenReg(w=[2, -1, 3, 1, 2], bias=False, deg=2)
train_loader, test_loader = course.split_loader(features, labels, batch_size=50)
torch.manual_seed(24)
net = course.net_class2(act_fun=torch.tanh, in_features=5, BN_model='pre')
opt = LBFGS(net.parameters(), lr=0.1, max_iter=2, history_size=5)
criterion = torch.nn.MSELoss()
train, test = [], []
for epoch in range(3):
    net.train()
    for X, y in train_loader:
        def closure():
            opt.zero_grad()
            loss = criterion(net(X), y)
            loss.backward()
            return loss
        opt.step(closure)
    net.eval()
    train.append(course.mse_cal(train_loader, net).item())
    test.append(course.mse_cal(test_loader, net).item())
print(json.dumps({"train": train, "test": test, "evals": opt.state[opt._params[0]]["func_evals"]}))
`;
    const torch = runTorch(code) as { train: number[]; test: number[]; evals: number };
    // every float32 operation of the 42 LBFGS steps is PyTorch's (netClass.test.ts): the same bits
    expect(run.train).toEqual(torch.train);
    expect(run.test).toEqual(torch.test);
    expect(torch.evals).toBe(42 * 2);
  }, 120_000);
});

describeWithTorch("PyTorch reads kindling fit's checkpoint", () => {
  it("restores net_class2, SGD, LambdaLR and the generator state, and continues with the same lr", () => {
    const code = `
${NET_CLASS2_PY}net = net_class2()
c = torch.load(args["checkpoint"])
net.load_state_dict(c["model"])
opt = SGD(net.parameters(), lr=0.05)
sched = lr_scheduler.LambdaLR(opt, lambda epoch: 0.95 ** epoch)
opt.load_state_dict(c["optimizer"])
sched.load_state_dict(c["scheduler"])
torch.set_rng_state(c["rng_state"])
opt.step(); sched.step()
print(json.dumps({"epoch": c["epoch"], "next_lr": opt.param_groups[0]["lr"], "draw": torch.rand(1).item()}))
`;
    const result = runTorch(code, {
      checkpoint: join(folder, "default", "checkpoint.pt"),
    }) as { epoch: number; next_lr: number; draw: number };
    expect(result.epoch).toBe(60);
    expect(Math.abs(result.next_lr - 0.05 * 0.95 ** 61)).toBeLessThan(1e-15);
    // The generator state is PyTorch's own: Kindling's next draw from it is PyTorch's, bit for bit.
    return load<Map<string, unknown>>(join(folder, "default", "checkpoint.pt"), {
      copy: true,
    }).then((checkpoint) => {
      const rng = checkpoint.get("rng_state") as { storage: Uint8Array };
      setRngState(rng.storage);
      expect(rand([1]).item()).toBe(result.draw);
    });
  }, 300_000);
});
