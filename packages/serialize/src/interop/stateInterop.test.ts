import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LambdaLR } from "@kindling/lr-scheduler";
import { functional } from "@kindling/nn";
import { Adam, type OptimizerStateDict, SGD } from "@kindling/optim";
import { Tensor, tensor } from "@kindling/tensor";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithTorch, torch } from "../../../../scripts/torch/live.js";
import { load, save } from "../node/fileIO.js";
import {
  flat,
  type StateEntryJson,
  seedData,
  seedNet,
  stateForSave,
  stateJson,
} from "../testing/courseNet.js";
import { PYTHON_COURSE } from "../testing/coursePython.js";
import { TorchSession } from "../testing/torchSession.js";

const LIVE_TIMEOUT = 300_000;

/**
 * Parameters after the same steps continued on each side agree within `1e-6 + 1e-5 |w|`. The
 * checkpoint is exact (the state dicts match bit for bit before continuing); the steps after it
 * are float32 arithmetic done by two libraries: per step a forward and backward pass through the
 * 5-4-4-1 network (rounding differences of a few ulps, see moduleInterop.test.ts) and the update
 * (SGD: `buf = 0.9 buf + g; w -= lr buf`; Adam: `w -= lr m / (sqrt(v) / sqrt(1 - b2^t) + eps)`,
 * which divides by sqrt(v) and so amplifies the relative difference of small gradients). Over 5
 * steps of lr 0.05 / 0.01 that stays below a few 1e-7 (at most 2.4e-7 observed, PyTorch 1.13);
 * 1e-5 relative keeps a margin; a lost momentum buffer or Adam moment changes the weights by 1e-3
 * and more.
 */
const TOLERANCE = { atol: 1e-6, rtol: 1e-5 };

/**
 * The lrs continue identically up to the last bit of `0.95 ** epoch`: the factor is the user's
 * lambda, computed by each language's own `pow`, and V8's differs from glibc's (correctly rounded)
 * in the last bit for some arguments (`0.95 ** 10`: 0.5987369392383786 in JavaScript,
 * 0.5987369392383787 in Python). Everything the checkpoint carries (the lr in the param group,
 * `initial_lr`, `base_lrs`, `last_epoch`, `_last_lr`) is compared exactly; the lrs after it within
 * two ulps (4.5e-16 relative): the factor's last bit, rounded again when multiplied by `base_lr`.
 */
function expectSameLrs(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((lr, i) => {
    expect(Math.abs(lr - expected[i]!), `lr ${i}`).toBeLessThanOrEqual(4.5e-16 * expected[i]!);
  });
}

const STEPS_BEFORE = 5;
const STEPS_AFTER = 5;
const BATCH = 50;

interface Continued {
  lrs: number[];
  state: Record<string, StateEntryJson>;
}

const PYTHON_STATE = `
from torch.optim import SGD, Adam, lr_scheduler

def make(kind, net):
    # Hyper-parameters different from the checkpoint's: load_state_dict must bring them.
    opt = SGD(net.parameters(), lr=1.0) if kind == "sgd" else Adam(net.parameters(), lr=1.0)
    sched = lr_scheduler.LambdaLR(opt, lambda epoch: 0.95 ** epoch)
    return opt, sched

def opt_state_json(opt):
    """Per-parameter state as {index: {key: values}}, values exactly as stored."""
    sd = opt.state_dict()
    return {str(i): {k: flat(v) if torch.is_tensor(v) else v for k, v in s.items()} for i, s in sd["state"].items()}

def steps(net, opt, sched, data, first, count):
    x, y = torch.tensor(data["x"]), torch.tensor(data["y"])
    lrs = []
    for b in range(first, first + count):
        s = slice(b * 50, b * 50 + 50)
        loss = nn.functional.mse_loss(net(x[s]), y[s])
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        lrs.append(opt.param_groups[0]["lr"])
    return lrs
`;

type AnyOptimizer = SGD | Adam;

function makeOptimizer(kind: "sgd" | "adam", params: Tensor[]): AnyOptimizer {
  return kind === "sgd"
    ? new SGD(params, { lr: 0.05, momentum: 0.9 })
    : new Adam(params, { lr: 0.01, betas: [0.8, 0.99] });
}

function steps(
  net: ReturnType<typeof seedNet>,
  optimizer: AnyOptimizer,
  scheduler: LambdaLR,
  data: { x: number[][]; y: number[][] },
  first: number,
  count: number,
): number[] {
  const lrs: number[] = [];
  net.train();
  for (let b = first; b < first + count; b++) {
    const range = [b * BATCH, b * BATCH + BATCH] as const;
    const loss = functional.mseLoss(
      net.call(tensor(data.x.slice(...range))),
      tensor(data.y.slice(...range)),
    );
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    scheduler.step();
    lrs.push(optimizer.paramGroups[0]!.lr);
  }
  return lrs;
}

/**
 * The biases of the Linear layers that BatchNorm follows (`'pre'`) have a true gradient of exactly
 * zero (BatchNorm subtracts the batch mean, so they cannot change the output); what backward
 * computes for them is rounding noise of each library, about 1e-9. SGD moves them by lr × noise,
 * nothing; Adam divides the noise by its own running RMS, so each step moves them by up to ±lr in
 * a direction that is noise: after Adam's steps they can only be compared within the distance
 * Adam may move them, 2 × lr × steps, and so can the BatchNorm running means that track them.
 * Their optimizer state at the checkpoint is still compared bit for bit, and everything else
 * (weights, BatchNorm affine parameters, running variances, the output layer) within TOLERANCE.
 */
const ADAM_NOISE_DRIVEN = new Set([
  "linear1.bias",
  "linear2.bias",
  "normalize1.running_mean",
  "normalize2.running_mean",
]);

function expectClose(
  actual: Record<string, StateEntryJson>,
  expected: Record<string, StateEntryJson>,
  kind: "sgd" | "adam",
) {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [key, entry] of Object.entries(expected)) {
    const values = actual[key]!.values;
    const noise = kind === "adam" && ADAM_NOISE_DRIVEN.has(key);
    const { atol, rtol } = noise ? { atol: 2 * 0.01 * STEPS_AFTER, rtol: 0 } : TOLERANCE;
    const worst = Math.max(
      0,
      ...entry.values.map((e, i) => Math.abs(values[i]! - e) - rtol * Math.abs(e)),
    );
    expect(worst, key).toBeLessThanOrEqual(atol);
  }
}

/** An optimizer's per-parameter state as the Python helper `opt_state_json` gives it. */
function optimizerStateJson(optimizer: AnyOptimizer): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [index, state] of Object.entries(optimizer.stateDict().state)) {
    const entry: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(state)) {
      entry[key] = value instanceof Tensor ? flat(value) : value;
    }
    out[index] = entry;
  }
  return out;
}

const folder = mkdtempSync(join(tmpdir(), "kindling-state-interop-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeWithTorch(
  `optimizer and LambdaLR state between Kindling and PyTorch ${torch?.version ?? ""}`,
  () => {
    let python: TorchSession;
    beforeAll(async () => {
      python = new TorchSession(torch!.python);
      await python.run(PYTHON_COURSE + PYTHON_STATE, null, LIVE_TIMEOUT);
    }, LIVE_TIMEOUT);
    afterAll(() => python?.close());
    const data = seedData(700, 420);

    for (const kind of ["sgd", "adam"] as const) {
      const label = kind === "sgd" ? "SGD(momentum=0.9)" : "Adam(betas=(0.8, 0.99))";

      it(
        `${label} + LambdaLR saved by Kindling continue in PyTorch with the same lrs and weights`,
        async () => {
          const net = seedNet(24);
          const optimizer = makeOptimizer(kind, net.parameters());
          const scheduler = new LambdaLR(optimizer, { lrLambda: (epoch) => 0.95 ** epoch });
          steps(net, optimizer, scheduler, data, 0, STEPS_BEFORE);
          const path = join(folder, `kindling-${kind}.pt`);
          await save(
            new Map<string, unknown>([
              ["model", stateForSave(net.stateDict())],
              ["optimizer", optimizer.stateDict()], // int keys in state: see pickleEntries
              ["scheduler", scheduler.stateDict()],
            ]),
            path,
          );
          const savedLr = optimizer.paramGroups[0]!.lr;
          const savedState = optimizerStateJson(optimizer);
          const lrs = steps(net, optimizer, scheduler, data, STEPS_BEFORE, STEPS_AFTER);
          const out = await python.run<
            Continued & { lr: number; last_epoch: number; loaded: unknown; matched: boolean }
          >(
            `
c = torch.load(args["path"])
net = seed_net()
net.load_state_dict(c["model"], strict=True)
opt, sched = make(args["kind"], net)
opt.load_state_dict(c["optimizer"])
sched.load_state_dict(c["scheduler"])
lr, last_epoch, loaded = opt.param_groups[0]["lr"], sched.last_epoch, opt_state_json(opt)
# Every loaded state entry found its parameter (str keys would be kept apart, silently).
matched = len(opt.state) == len(c["optimizer"]["state"]) and all(torch.is_tensor(k) for k in opt.state)
lrs = steps(net, opt, sched, args["data"], args["first"], args["count"])
result = {"lr": lr, "last_epoch": last_epoch, "loaded": loaded, "matched": matched, "lrs": lrs, "state": state_json(net.state_dict())}
`,
            { path, kind, data, first: STEPS_BEFORE, count: STEPS_AFTER },
          );
          expect(out.lr).toBe(savedLr);
          expect(out.last_epoch).toBe(STEPS_BEFORE);
          expect(out.matched).toBe(true);
          expect(out.loaded).toEqual(savedState); // momentum buffers, moments, step: bit for bit
          expectSameLrs(out.lrs, lrs);
          expectClose(stateJson(net.stateDict()), out.state, kind);
        },
        LIVE_TIMEOUT,
      );

      it(
        `${label} + LambdaLR saved by torch.save continue in Kindling with the same lrs and weights`,
        async () => {
          const path = join(folder, `torch-${kind}.pt`);
          const out = await python.run<Continued & { lr: number; saved: unknown }>(
            `
torch.manual_seed(24)
net = seed_net()
opt = SGD(net.parameters(), lr=0.05, momentum=0.9) if args["kind"] == "sgd" else Adam(net.parameters(), lr=0.01, betas=(0.8, 0.99))
sched = lr_scheduler.LambdaLR(opt, lambda epoch: 0.95 ** epoch)
steps(net, opt, sched, args["data"], 0, args["first"])
torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict()}, args["path"])
lr, saved = opt.param_groups[0]["lr"], opt_state_json(opt)
lrs = steps(net, opt, sched, args["data"], args["first"], args["count"])
result = {"lr": lr, "saved": saved, "lrs": lrs, "state": state_json(net.state_dict())}
`,
            { path, kind, data, first: STEPS_BEFORE, count: STEPS_AFTER },
          );
          // Plain objects for dicts: what optim's and lr-scheduler's loadStateDict read.
          const checkpoint = await load<{
            model: Record<string, Tensor>;
            optimizer: OptimizerStateDict;
            scheduler: Parameters<LambdaLR["loadStateDict"]>[0];
          }>(path, { dicts: "object" });
          const net = seedNet(0);
          expect(net.loadStateDict(checkpoint.model)).toEqual({
            missingKeys: [],
            unexpectedKeys: [],
          });
          // Other hyper-parameters than the checkpoint's: loadStateDict must bring them.
          const optimizer =
            kind === "sgd"
              ? new SGD(net.parameters(), { lr: 1 })
              : new Adam(net.parameters(), { lr: 1 });
          const scheduler = new LambdaLR(optimizer, { lrLambda: (epoch) => 0.95 ** epoch });
          optimizer.loadStateDict(checkpoint.optimizer);
          scheduler.loadStateDict(checkpoint.scheduler);
          expect(optimizer.paramGroups[0]!.lr).toBe(out.lr);
          expect(scheduler.lastEpoch).toBe(STEPS_BEFORE);
          const lrs = steps(net, optimizer, scheduler, data, STEPS_BEFORE, STEPS_AFTER);
          expectSameLrs(lrs, out.lrs);
          expectClose(stateJson(net.stateDict()), out.state, kind);
        },
        LIVE_TIMEOUT,
      );
    }
  },
);
