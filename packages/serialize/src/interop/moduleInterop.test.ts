import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { noGrad, type Tensor, tensor } from "@kindling/tensor";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithTorch, torch } from "../../../../scripts/torch/live.js";
import { load, save } from "../node/fileIO.js";
import {
  flat,
  inputs,
  predict,
  type StateEntryJson,
  seedData,
  seedNet,
  stateForSave,
  stateJson,
  trainEpoch,
} from "../testing/courseNet.js";
import { PYTHON_COURSE } from "../testing/coursePython.js";
import { TorchSession } from "../testing/torchSession.js";

/** Importing torch takes seconds, minutes on a loaded machine: one interpreter for the file. */
const LIVE_TIMEOUT = 300_000;

/**
 * Predictions of the same weights in Kindling and PyTorch agree within `2e-6 + 2e-6 |y|`.
 * Loading is exact (the state dicts are compared bit for bit below); only the forward pass can
 * differ, by rounding: 5-4-4-1 Linear layers (dot products of at most 5 float32 terms, summed in
 * an order each library chooses), two BatchNorms in eval mode (`(x - mean) / sqrt(var + eps)`)
 * and two tanh (libm's tanhf against Kindling's) give each output a few float32 roundings of
 * relative size 2^-24 ≈ 6e-8 each, amplified by weights of size ~1: a worst case of some tens of
 * ulps, about 1e-6 for outputs of size ~1. 2e-6 keeps a margin over the at most 5e-7 observed
 * (PyTorch 1.13), while a wrong or permuted weight changes outputs by 1e-2 and more.
 */
const TOLERANCE = { atol: 2e-6, rtol: 2e-6 };

/**
 * Weights after one epoch trained on each side from the same start: 14 SGD steps, each adding
 * the rounding differences of a forward and a backward pass, so they agree within `1e-5 + 1e-5
 * |w|` (observed: at most 5e-7), far below the 1e-2 the epoch moves them.
 */
const TRAINED_TOLERANCE = { atol: 1e-5, rtol: 1e-5 };

/** `|actual - expected| <= atol + rtol |expected|` elementwise; reports the worst excess. */
function expectClose(
  actual: number[],
  expected: number[],
  tolerance: { atol: number; rtol: number },
): void {
  expect(actual).toHaveLength(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const excess = Math.abs(actual[i]! - expected[i]!) - tolerance.rtol * Math.abs(expected[i]!);
    worst = Math.max(worst, excess);
  }
  expect(worst).toBeLessThanOrEqual(tolerance.atol);
}

function expectPredictionsClose(actual: number[], expected: number[]): void {
  expectClose(actual, expected, TOLERANCE);
}

const folder = mkdtempSync(join(tmpdir(), "kindling-module-interop-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeWithTorch(
  `net_class2 state dicts between Kindling and PyTorch ${torch?.version ?? ""}`,
  () => {
    let python: TorchSession;
    beforeAll(async () => {
      python = new TorchSession(torch!.python);
      await python.run(PYTHON_COURSE, null, LIVE_TIMEOUT);
    }, LIVE_TIMEOUT);
    afterAll(() => python?.close());
    const x = inputs(32, 7);
    const data = seedData(700, 420);

    it(
      "Kindling save -> torch.load -> load_state_dict(strict=True) -> the same predictions",
      async () => {
        const net = seedNet(24);
        trainEpoch(net, data, 0.05, 50); // running statistics and num_batches_tracked move too
        const path = join(folder, "kindling.pt");
        await save(stateForSave(net.stateDict()), path);
        const out = await python.run<{
          keys: string[];
          state: Record<string, StateEntryJson>;
          predictions: number[];
          train_predictions: number[];
        }>(
          `
net = seed_net()
incompatible = net.load_state_dict(torch.load(args["path"], weights_only=True), strict=True)
assert not incompatible.missing_keys and not incompatible.unexpected_keys
result = {"keys": list(net.state_dict().keys()), "state": state_json(net.state_dict()),
          "predictions": predict(net, args["x"])}
net.train()  # a forward pass in training mode moves the running statistics: after state_json
with torch.no_grad():
    result["train_predictions"] = flat(net(torch.tensor(args["x"], dtype=torch.float32)))
`,
          { path, x },
        );
        const expected = stateJson(net.stateDict());
        expect(out.keys).toEqual(Object.keys(expected));
        expect(out.state).toEqual(expected); // bit for bit, int64 num_batches_tracked included
        expectPredictionsClose(predict(net, x), out.predictions);
        net.train();
        // Training mode: BatchNorm on the batch's own statistics, the same on both sides.
        expectPredictionsClose(flat(noGrad(() => net.call(tensor(x)))), out.train_predictions);
      },
      LIVE_TIMEOUT,
    );

    it(
      "torch.save -> Kindling load -> loadStateDict -> the same predictions",
      async () => {
        const path = join(folder, "torch.pt");
        const out = await python.run<{
          state: Record<string, StateEntryJson>;
          predictions: number[];
        }>(
          `
torch.manual_seed(24)
net = seed_net()
opt = torch.optim.SGD(net.parameters(), lr=0.05)
x, y = torch.tensor(args["data"]["x"]), torch.tensor(args["data"]["y"])
for start in range(0, len(x), 50):
    loss = nn.functional.mse_loss(net(x[start:start + 50]), y[start:start + 50])
    opt.zero_grad(); loss.backward(); opt.step()
torch.save(net.state_dict(), args["path"])
result = {"state": state_json(net.state_dict()), "predictions": predict(net, args["x"])}
`,
          { path, x, data },
        );
        const net = seedNet(0);
        const loaded = await load<Map<string, Tensor>>(path);
        expect(net.loadStateDict(loaded)).toEqual({ missingKeys: [], unexpectedKeys: [] });
        expect(stateJson(net.stateDict())).toEqual(out.state);
        expectPredictionsClose(predict(net, x), out.predictions);
      },
      LIVE_TIMEOUT,
    );

    it(
      "the seed's scenario: save tanh1.pt, train an epoch, load it back (Kindling and PyTorch, both ways)",
      async () => {
        // Kindling runs the scenario; PyTorch reads the tanh1.pt it saved.
        const net = seedNet(24);
        const initial = stateJson(net.stateDict());
        const kindlingFile = join(folder, "tanh1.kindling.pt");
        await save(stateForSave(net.stateDict()), kindlingFile);
        trainEpoch(net, data, 0.05, 50);
        const trained = stateJson(net.stateDict());
        expect(trained["linear1.weight"]).not.toEqual(initial["linear1.weight"]);
        expect(trained["normalize1.num_batches_tracked"]!.values).toEqual([14]);
        net.loadStateDict(await load<Map<string, Tensor>>(kindlingFile));
        expect(stateJson(net.stateDict())).toEqual(initial);

        // PyTorch runs it too, reads Kindling's file, and Kindling reads PyTorch's.
        const torchFile = join(folder, "tanh1.torch.pt");
        const out = await python.run<{
          initial: Record<string, StateEntryJson>;
          trained: Record<string, StateEntryJson>;
          restored: Record<string, StateEntryJson>;
          kindling_file: Record<string, StateEntryJson>;
          predictions: number[];
        }>(
          `
torch.manual_seed(24)
net = seed_net()
initial = state_json(net.state_dict())
torch.save(net.state_dict(), args["torch_file"])
opt = torch.optim.SGD(net.parameters(), lr=0.05)
x, y = torch.tensor(args["data"]["x"]), torch.tensor(args["data"]["y"])
for start in range(0, len(x), 50):
    loss = nn.functional.mse_loss(net(x[start:start + 50]), y[start:start + 50])
    opt.zero_grad(); loss.backward(); opt.step()
trained = state_json(net.state_dict())
net.load_state_dict(torch.load(args["torch_file"]), strict=True)
restored = state_json(net.state_dict())
other = seed_net()
other.load_state_dict(torch.load(args["kindling_file"], weights_only=True), strict=True)
result = {"initial": initial, "trained": trained, "restored": restored,
          "kindling_file": state_json(other.state_dict()), "predictions": predict(other, args["x"])}
`,
          { torch_file: torchFile, kindling_file: kindlingFile, data, x },
        );
        // manual_seed(24) gives the same initial weights in both, so the two tanh1.pt agree.
        expect(out.initial).toEqual(initial);
        expect(out.restored).toEqual(out.initial);
        expect(out.kindling_file).toEqual(initial);
        const fromTorch = seedNet(0);
        fromTorch.loadStateDict(await load<Map<string, Tensor>>(torchFile));
        expect(stateJson(fromTorch.stateDict())).toEqual(initial);
        expectPredictionsClose(predict(fromTorch, x), out.predictions);
        // One epoch trained on each side from the same weights and batches: float32 rounding
        // differences accumulate over 14 steps, so the weights agree closely but not bit for bit.
        for (const [key, entry] of Object.entries(out.trained)) {
          expectClose(trained[key]!.values, entry.values, TRAINED_TOLERANCE);
        }
      },
      LIVE_TIMEOUT,
    );
  },
);
