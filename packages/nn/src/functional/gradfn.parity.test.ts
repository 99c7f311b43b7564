/**
 * Backward-node names of the functional ops and the Linear layer against PyTorch (fixture from
 * scripts/torch/gen_nn_gradfn.py): each id builds the same tensor as the generator's case of that
 * id and compares `gradFn.name` with PyTorch's `type(t.grad_fn).__name__`, and the names of
 * `gradFn.next` with those of `grad_fn.next_functions`.
 */
import { type DType, manualSeed, type Tensor, type TensorData, tensor } from "@kindling/tensor";
import {
  describeGradFnParity,
  type GradFnExpected,
  type KnownDifference,
} from "../../../../scripts/torch/gradFnParity.js";
import { ReLU } from "../activations/relu.js";
import { BatchNorm1d } from "../layers/batchNorm1d.js";
import { Flatten } from "../layers/flatten.js";
import { Identity } from "../layers/identity.js";
import { Linear } from "../layers/linear.js";
import { Sequential } from "../layers/sequential.js";
import { loadFixture } from "../testing/fixtures.js";
import * as F from "./index.js";
import type { Reduction } from "./losses/reduction.js";

type Expected = GradFnExpected;

interface Fixture {
  inputs: Record<string, TensorData>;
  cases: Record<string, Expected>;
}

const fixture = loadFixture<Fixture>("gradfn");

function make(key: string, dtype: DType, requiresGrad: boolean): Tensor {
  const data = fixture.inputs[key];
  if (data === undefined) throw new Error(`no input ${key} in the fixture`);
  return tensor(data, { dtype, requiresGrad });
}

/** A float32 tensor that requires grad. */
const leaf = (key: string) => make(key, "float32", true);
/** A tensor that does not require grad. */
const konst = (key: string, dtype: DType = "float32") => make(key, dtype, false);

const cases: Record<string, () => Tensor> = {};
function c(id: string, fn: () => Tensor): void {
  cases[id] = fn;
}

// --- linear, functional and the layer -----------------------------------------------------------

const LINEAR_INPUTS: Record<string, string> = { "1d": "X3", "2d": "X23", "3d": "B223" };
for (const [dims, key] of Object.entries(LINEAR_INPUTS)) {
  c(`linear/${dims}`, () => F.linear(leaf(key), leaf("W23"), leaf("X2")));
  c(`linear/${dims}/no-bias`, () => F.linear(leaf(key), leaf("W23")));
  c(`linear/${dims}/const-input`, () => F.linear(konst(key), leaf("W23"), leaf("X2")));
}
c("linear/2d/const-weight", () => F.linear(leaf("X23"), konst("W23"), leaf("X2")));
c("linear/2d/const-bias", () => F.linear(leaf("X23"), leaf("W23"), konst("X2")));
c("linear/2d/noncontiguous", () => F.linear(leaf("X23").t(), leaf("W23").t(), leaf("W3")));
c("linear/3d/noncontiguous", () => F.linear(leaf("B223").transpose(0, 1), leaf("W23"), leaf("X2")));
c("linear/3d/noncontiguous-no-bias", () => F.linear(leaf("B223").transpose(0, 1), leaf("W23")));

function layer(bias: boolean, key: string): () => Tensor {
  return () => {
    manualSeed(0);
    return new Linear(3, 2, { bias }).call(konst(key));
  };
}
for (const [dims, key] of Object.entries(LINEAR_INPUTS)) {
  c(`layer/Linear/${dims}`, layer(true, key));
  c(`layer/Linear/${dims}/no-bias`, layer(false, key));
}

function batchNorm(mode: "train" | "eval", key: string, affine = true, track = true) {
  return () => {
    manualSeed(0);
    const bn = new BatchNorm1d(3, { affine, trackRunningStats: track });
    bn.train(mode === "train");
    return bn.call(leaf(key));
  };
}
const BN_INPUTS: Record<string, string> = { "2d": "X23", "3d": "B232" };
for (const mode of ["train", "eval"] as const) {
  for (const [dims, key] of Object.entries(BN_INPUTS)) {
    c(`layer/BatchNorm1d/${mode}/${dims}`, batchNorm(mode, key));
    c(`layer/BatchNorm1d/${mode}/${dims}/no-affine`, batchNorm(mode, key, false));
  }
  c(`layer/BatchNorm1d/${mode}/no-running-stats`, batchNorm(mode, "X23", true, false));
}
c("layer/Flatten", () => new Flatten().call(leaf("B223")));
c("layer/Flatten/2d", () => new Flatten().call(leaf("X23")));
c("layer/Identity", () => new Identity().call(leaf("X23")));
c("layer/Sequential", () => {
  manualSeed(0);
  return new Sequential(new Linear(3, 2), new ReLU()).call(leaf("X23"));
});

// --- Activations and dropout --------------------------------------------------------------------

c("act/relu", () => F.relu(leaf("X23")));
c("act/sigmoid", () => F.sigmoid(leaf("X23")));
c("act/tanh", () => F.tanh(leaf("X23")));
c("act/softmax", () => F.softmax(leaf("X23"), 1));
c("act/log-softmax", () => F.logSoftmax(leaf("X23"), 1));
c("act/gelu", () => F.gelu(leaf("X23")));
c("act/gelu-tanh", () => F.gelu(leaf("X23"), "tanh"));
c("act/elu", () => F.elu(leaf("X23")));
c("act/elu-alpha", () => F.elu(leaf("X23"), 0.5));
c("act/silu", () => F.silu(leaf("X23")));
c("act/softplus", () => F.softplus(leaf("X23")));
c("act/softplus-beta", () => F.softplus(leaf("X23"), 2, 1));
c("act/leaky-relu", () => F.leakyRelu(leaf("X23")));
c("act/leaky-relu-slope", () => F.leakyRelu(leaf("X23"), 0.2));
c("dropout/train", () => F.dropout(leaf("X23"), 0.5, true));
c("dropout/p0", () => F.dropout(leaf("X23"), 0, true));
c("dropout/p1", () => F.dropout(leaf("X23"), 1, true));
c("dropout/eval", () => F.dropout(leaf("X23"), 0.5, false));

// --- Losses -------------------------------------------------------------------------------------

const cls = () => konst("CLS2", "int64");
const weight3 = () => konst("W3").abs();
for (const r of ["mean", "sum", "none"] as const satisfies readonly Reduction[]) {
  const reduction = { reduction: r };
  c(`loss/mse/${r}`, () => F.mseLoss(leaf("X23"), konst("W23"), reduction));
  c(`loss/mse/${r}/both`, () => F.mseLoss(leaf("X23"), leaf("W23"), reduction));
  c(`loss/l1/${r}`, () => F.l1Loss(leaf("X23"), konst("W23"), reduction));
  c(`loss/smooth-l1/${r}`, () => F.smoothL1Loss(leaf("X23"), konst("W23"), reduction));
  c(`loss/huber/${r}`, () => F.huberLoss(leaf("X23"), konst("W23"), { ...reduction, delta: 0.5 }));
  c(`loss/nll/${r}`, () => F.nllLoss(leaf("X23"), cls(), reduction));
  c(`loss/nll/${r}/weight`, () =>
    F.nllLoss(leaf("X23"), cls(), { ...reduction, weight: weight3() }),
  );
  c(`loss/cross-entropy/${r}`, () => F.crossEntropy(leaf("X23"), cls(), reduction));
  c(`loss/cross-entropy/${r}/probabilities`, () =>
    F.crossEntropy(leaf("X23"), konst("P23"), reduction),
  );
  c(`loss/cross-entropy/${r}/label-smoothing`, () =>
    F.crossEntropy(leaf("X23"), cls(), { ...reduction, labelSmoothing: 0.1 }),
  );
  c(`loss/bce/${r}`, () => F.binaryCrossEntropy(leaf("P23"), konst("T23"), reduction));
  c(`loss/bce-logits/${r}`, () =>
    F.binaryCrossEntropyWithLogits(leaf("X23"), konst("T23"), reduction),
  );
}
c("loss/smooth-l1/mean/beta-0", () => F.smoothL1Loss(leaf("X23"), konst("W23"), { beta: 0 }));
c("loss/nll/mean/ignore-index", () => F.nllLoss(leaf("X23"), konst("CLS2I", "int64")));
c("loss/nll/1d", () => F.nllLoss(leaf("X3"), tensor(1n)));
c("loss/cross-entropy/mean/weight", () =>
  F.crossEntropy(leaf("X23"), cls(), { weight: weight3() }),
);
c("loss/bce/mean/weight", () =>
  F.binaryCrossEntropy(leaf("P23"), konst("T23"), { weight: konst("X3").abs() }),
);
c("loss/bce/mean/target-grad", () => F.binaryCrossEntropy(leaf("P23"), leaf("T23")));
c("loss/bce-logits/mean/pos-weight", () =>
  F.binaryCrossEntropyWithLogits(leaf("X23"), konst("T23"), { posWeight: weight3() }),
);
c("loss/bce-logits/mean/weight", () =>
  F.binaryCrossEntropyWithLogits(leaf("X23"), konst("T23"), { weight: weight3() }),
);
c("loss/bce-logits/mean/target-grad", () =>
  F.binaryCrossEntropyWithLogits(leaf("X23"), leaf("T23")),
);

// --- Comparing ----------------------------------------------------------------------------------

/**
 * Cases where Kindling's graph is knowingly not PyTorch's, each with what Kindling records instead
 * and why: asserted, so an entry fails once either side changes. Empty: every case matches; add
 * an entry only where matching PyTorch is impractical.
 */
const KNOWN_DIFFERENCES: Record<string, KnownDifference> = {};

describeGradFnParity(
  "gradFn names of nn's functions match PyTorch's grad_fn",
  fixture.cases,
  cases,
  KNOWN_DIFFERENCES,
);
