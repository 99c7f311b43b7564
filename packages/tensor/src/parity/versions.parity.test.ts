/**
 * Saved-tensor version checks, version counters and second backwards, against PyTorch
 * (fixture from scripts/torch/gen_tensor_versions.py). Each id runs the same steps as the function
 * of that id in the generator; see its docstring for the families of ids.
 */
import { describe, expect, it } from "vitest";
import * as T from "../index.js";
import { closeTo, flat, readFixture, shapeOf } from "../testing/fixtures.js";

type Kind = "version" | "freed" | "other";

interface Expected {
  error: string | null;
  kind: Kind | null;
  grads: Record<string, unknown> | null;
  versions: Record<string, number> | null;
}

interface Fixture {
  inputs: Record<string, T.TensorData>;
  cases: Record<string, Expected>;
}

/** What a case returns when it runs to the end: leaf gradients and/or version numbers. */
interface Result {
  grads?: Record<string, T.Tensor>;
  versions?: Record<string, number>;
}

const fixture = readFixture<Fixture>("versions");

function inp(key: string, dtype: T.DType = "float32", requiresGrad = false): T.Tensor {
  const data = fixture.inputs[key];
  if (data === undefined) throw new Error(`no input ${key} in the fixture`);
  return T.tensor(data, { dtype, requiresGrad });
}

const leaf = (key: string, dtype: T.DType = "float32"): T.Tensor => inp(key, dtype, true);

// --- Ops, as OPS in the generator ---------------------------------------------------------------

type Operand = readonly [role: string, key: string];
type Aux = readonly [role: string, key: string, dtype: T.DType, fill: number | boolean];
interface OpSpec {
  operands: readonly Operand[];
  aux: readonly Aux[];
  /** Float operands in order, then aux operands in order. */
  fn: (...args: T.Tensor[]) => T.Tensor;
}

const OPS: Record<string, OpSpec> = {};
function op(
  name: string,
  operands: readonly Operand[],
  fn: OpSpec["fn"],
  aux: readonly Aux[] = [],
) {
  OPS[name] = { operands, aux, fn };
}

const A: readonly Operand[] = [["a", "X23"]];
const AP: readonly Operand[] = [["a", "P23"]];
const A13: readonly Operand[] = [["a", "X13"]];
const MASK: readonly Aux[] = [["mask", "COND23", "bool", false]];
const IDX2: readonly Aux[] = [["index", "IDX2", "int64", 0]];
const IDX22: readonly Aux[] = [["index", "IDX22", "int64", 0]];
op("neg", A, (a) => a.neg());
op("abs", A, (a) => a.abs());
op("exp", A, (a) => a.exp());
op("expm1", A, (a) => T.expm1(a));
op("log", AP, (a) => a.log());
op("log1p", AP, (a) => T.log1p(a));
op("sqrt", AP, (a) => a.sqrt());
op("rsqrt", AP, (a) => T.rsqrt(a));
op("reciprocal", A, (a) => T.reciprocal(a));
op("tanh", A, (a) => a.tanh());
op("sigmoid", A, (a) => a.sigmoid());
op("relu", A, (a) => a.relu());
op("sin", A, (a) => a.sin());
op("cos", A, (a) => a.cos());
op("square", A, (a) => T.square(a));
op("sign", A, (a) => T.sign(a));
op("floor", A, (a) => T.floor(a));
op("ceil", A, (a) => T.ceil(a));
op("round", A, (a) => T.round(a));
op("trunc", A, (a) => T.trunc(a));
op("clamp", A, (a) => a.clamp(-1, 1));
op("clamp-min", A, (a) => a.clamp(0));
op("pow-scalar", A, (a) => a.pow(3));
op("pow-half", AP, (a) => a.pow(0.5));
op("pow-scalar-base", A, (a) => T.pow(2.0, a));
op("add-scalar", A, (a) => a.add(2));
op("sub-scalar", A, (a) => a.sub(2));
op("rsub-scalar", A, (a) => T.sub(2, a));
op("mul-scalar", A, (a) => a.mul(2));
op("div-scalar", A, (a) => a.div(2));
op("rdiv-scalar", A, (a) => T.div(2, a));
op("sum", A, (a) => a.sum());
op("sum-dim", A, (a) => a.sum(1));
op("mean", A, (a) => a.mean());
op("mean-dim", A, (a) => a.mean(1));
op("var", A, (a) => a.var());
op("var-dim", A, (a) => a.var(1));
op("std", A, (a) => a.std());
op("std-dim", A, (a) => a.std(1));
op("prod", A, (a) => a.prod());
op("prod-dim", A, (a) => a.prod(1));
op("max", A, (a) => a.max());
op("max-dim", A, (a) => a.max(1).values);
op("min", A, (a) => a.min());
op("min-dim", A, (a) => a.min(1).values);
op("amax", A, (a) => T.amax(a, 1));
op("amax-all", A, (a) => T.amax(a));
op("logsumexp", A, (a) => T.logsumexp(a, 1));
op("softmax", A, (a) => a.softmax(1));
op("log-softmax", A, (a) => a.logSoftmax(1));
op("view", A, (a) => a.view(3, 2));
op("reshape", A, (a) => a.reshape(6));
op("flatten", A, (a) => a.flatten());
op("expand", A13, (a) => a.expand(2, 3));
op("transpose", A, (a) => a.transpose(0, 1));
op("t", A, (a) => a.t());
op("permute", A, (a) => a.permute(1, 0));
op("squeeze", A13, (a) => a.squeeze());
op("squeeze-dim", A13, (a) => a.squeeze(0));
op("unsqueeze", A, (a) => a.unsqueeze(0));
op("narrow", A, (a) => a.narrow(1, 0, 2));
op("slice", A, (a) => a.slice(1, 1, 3));
op("select", A, (a) => a.select(0, 1));
op("clone", A, (a) => a.clone());
op("to-float64", A, (a) => a.to("float64"));
op("masked-fill", A, (a, mask) => a.maskedFill(mask!, 0.25), MASK);
op("index-select", A, (a, index) => a.indexSelect(1, index!), IDX2);
op("gather", A, (a, index) => a.gather(1, index!), IDX22);
op("scatter-scalar", A, (a, index) => a.scatter(1, index!, 0.25), IDX22);
const B: readonly Operand[] = [
  ["a", "X23"],
  ["b", "W23"],
];
op("add", B, (a, b) => a.add(b!));
op("add-alpha", B, (a, b) => a.add(b!, 2));
op("sub", B, (a, b) => a.sub(b!));
op("mul", B, (a, b) => a.mul(b!));
op(
  "div",
  [
    ["a", "X23"],
    ["b", "P23"],
  ],
  (a, b) => a.div(b!),
);
op(
  "pow",
  [
    ["a", "P23"],
    ["b", "W23"],
  ],
  (a, b) => a.pow(b!),
);
op("maximum", B, (a, b) => a.maximum(b!));
op("minimum", B, (a, b) => a.minimum(b!));
op("where", B, (a, b, cond) => T.where(cond!, a, b!), [["cond", "COND23", "bool", true]]);
const AM: readonly Operand[] = [
  ["a", "X23"],
  ["b", "M32"],
];
op("matmul-2d-2d", AM, (a, b) => a.matmul(b!));
op(
  "matmul-2d-1d",
  [
    ["a", "X23"],
    ["b", "V3"],
  ],
  (a, b) => a.matmul(b!),
);
op("mm", AM, (a, b) => T.mm(a, b!));
op(
  "bmm",
  [
    ["a", "B223"],
    ["b", "B232"],
  ],
  (a, b) => T.bmm(a, b!),
);
op("cat", B, (a, b) => T.cat([a, b!], 0));
op("stack", B, (a, b) => T.stack([a, b!], 0));
op("mse-loss", B, (a, b) => T.mseLoss(a, b!));
const AS: readonly Operand[] = [
  ["a", "X23"],
  ["b", "S22"],
];
op("scatter", AS, (a, b, index) => a.scatter(1, index!, b!), IDX22);
op("scatter-add", AS, (a, b, index) => T.scatterAdd(a, 1, index!, b!), IDX22);
op("index-add", AS, (a, b, index) => T.indexAdd(a, 1, index!, b!), IDX2);
op(
  "linear",
  [
    ["a", "X23"],
    ["b", "W23"],
    ["c", "G2"],
  ],
  (a, b, c) => T.linear(a, b!, c!),
);
op(
  "batch-norm",
  [
    ["a", "X23"],
    ["b", "G3"],
    ["c", "H3"],
  ],
  (a, b, c) => T.batchNormTrain(a, b!, c!, 1e-5),
);

// --- The table of cases --------------------------------------------------------------------------

const cases: Record<string, () => Result> = {};

/** Operands made constant in turn: none, then each one (for ops with several operands). */
function constVariants(spec: OpSpec): (string | null)[] {
  return [null, ...(spec.operands.length > 1 ? spec.operands.map(([role]) => role) : [])];
}

/** The op's arguments: leaves (as `leaf * 1` when `nonLeaf`) or constants, then aux operands. */
function buildArgs(spec: OpSpec, constRole: string | null, nonLeaf: boolean) {
  const leaves: Record<string, T.Tensor> = {};
  const args: T.Tensor[] = [];
  const byRole: Record<string, T.Tensor> = {};
  for (const [role, key] of spec.operands) {
    let arg: T.Tensor;
    if (role === constRole) arg = inp(key);
    else {
      const l = leaf(key);
      leaves[role] = l;
      arg = nonLeaf ? l.mul(1) : l;
    }
    args.push(arg);
    byRole[role] = arg;
  }
  for (const [role, key, dtype] of spec.aux) {
    const arg = inp(key, dtype);
    args.push(arg);
    byRole[role] = arg;
  }
  return { leaves, args, byRole };
}

for (const [name, spec] of Object.entries(OPS)) {
  for (const constRole of constVariants(spec)) {
    const suffix = constRole === null ? "" : `/${constRole}-const`;
    const targets = [...spec.operands.map(([r]) => r), ...spec.aux.map(([r]) => r), "out"];
    for (const target of targets) {
      cases[`saved/${name}/modify-${target}${suffix}`] = () => {
        const { leaves, args, byRole } = buildArgs(spec, constRole, true);
        const z = spec.fn(...args);
        const aux = spec.aux.find(([r]) => r === target);
        if (target === "out") z.add_(1);
        else if (aux !== undefined) byRole[target]!.fill_(aux[3]);
        else byRole[target]!.add_(1);
        z.sum().backward();
        return { grads: leaves };
      };
    }
    cases[`twice/${name}${suffix}`] = () => {
      const { leaves, args } = buildArgs(spec, constRole, false);
      const z = spec.fn(...args);
      z.backward(T.onesLike(z));
      z.backward(T.onesLike(z));
      return { grads: leaves };
    };
  }
}

// How the modification is done.

cases["how/exp/no-grad-out"] = () => {
  const x = leaf("X3");
  const z = x.mul(1).exp();
  T.noGrad(() => z.add_(1));
  z.sum().backward();
  return { grads: { x } };
};
cases["how/exp/no-grad-input"] = () => {
  const x = leaf("X3");
  const y = x.mul(1);
  const z = y.exp();
  T.noGrad(() => y.add_(1));
  z.sum().backward();
  return { grads: { x }, versions: { y: y.version, z: z.version } };
};
cases["how/mul/no-grad-input"] = () => {
  const x = leaf("X3");
  const w = leaf("W3");
  const y = x.mul(1);
  const z = y.mul(w.mul(1));
  T.noGrad(() => y.add_(1));
  z.sum().backward();
  return { grads: { x, w } };
};
cases["how/exp/detach-out"] = () => {
  const x = leaf("X3");
  const z = x.mul(1).exp();
  z.detach().mul_(2);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/mul/detach-input"] = () => {
  const x = leaf("X3");
  const w = leaf("W3");
  const y = x.mul(1);
  const z = y.mul(w.mul(1));
  y.detach().mul_(2);
  z.sum().backward();
  return { grads: { x, w } };
};
cases["how/mul/detach-input-const-other"] = () => {
  const x = leaf("X3");
  const w = inp("W3");
  const y = x.mul(1);
  const z = y.mul(w);
  y.detach().mul_(2);
  z.sum().backward();
  return { grads: { x }, versions: { y: y.version } };
};
cases["how/exp/view-of-out"] = () => {
  const x = leaf("X23");
  const z = x.mul(1).exp();
  z.narrow(0, 0, 1).mul_(2);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/exp/view-of-out-no-grad"] = () => {
  const x = leaf("X23");
  const z = x.mul(1).exp();
  T.noGrad(() => z.select(0, 0).mul_(2));
  z.sum().backward();
  return { grads: { x } };
};
cases["how/mul/view-of-input"] = () => {
  const x = leaf("X23");
  const w = leaf("W23");
  const y = x.mul(1);
  const z = y.mul(w.mul(1));
  y.narrow(0, 0, 1).mul_(2);
  z.sum().backward();
  return { grads: { x, w } };
};
cases["how/mul/slice-of-input"] = () => {
  const x = leaf("X23");
  const w = leaf("W23");
  const y = x.mul(1);
  const z = y.mul(w.mul(1));
  y.slice(1, 1).mul_(2);
  z.sum().backward();
  return { grads: { x, w } };
};
cases["how/sin/saved-view-base-modified"] = () => {
  const x = leaf("X23");
  const y = x.mul(1);
  const v = y.select(0, 0);
  const z = v.sin();
  y.add_(1);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/sin/saved-base-view-modified"] = () => {
  const x = leaf("X23");
  const y = x.mul(1);
  const z = y.sin();
  y.select(0, 0).add_(1);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/sin/saved-view-sibling-modified"] = () => {
  const x = leaf("X23");
  const y = x.mul(1);
  const z = y.select(0, 0).sin();
  y.select(0, 1).add_(1);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/mul/leaf-step-no-grad"] = () => {
  const x = leaf("X3");
  const w = leaf("W3");
  const z = x.mul(w).sum();
  T.noGrad(() => w.sub_(0.1));
  z.backward();
  return { grads: { x, w } };
};
cases["how/mul/leaf-step-no-grad-const-x"] = () => {
  const x = inp("X3");
  const w = leaf("W3");
  const z = x.mul(w).sum();
  T.noGrad(() => w.sub_(0.1));
  z.backward();
  return { grads: { w }, versions: { w: w.version } };
};
cases["how/exp/leaf-step-no-grad"] = () => {
  const w = leaf("W3");
  const z = w.exp().sum();
  T.noGrad(() => w.sub_(0.1));
  z.backward();
  return { grads: { w }, versions: { w: w.version } };
};
cases["how/sin/leaf-step-no-grad"] = () => {
  const w = leaf("W3");
  const z = w.sin().sum();
  T.noGrad(() => w.sub_(0.1));
  z.backward();
  return { grads: { w } };
};
cases["how/sin/leaf-step-detach"] = () => {
  const w = leaf("W3");
  const z = w.sin().sum();
  w.detach().sub_(0.1);
  z.backward();
  return { grads: { w } };
};
cases["how/mul/const-leaf"] = () => {
  const x = leaf("X3");
  const w = inp("W3");
  const z = x.mul(w).sum();
  w.add_(1);
  z.backward();
  return { grads: { x } };
};
cases["how/mul/const-leaf-no-grad"] = () => {
  const x = leaf("X3");
  const w = inp("W3");
  const z = x.mul(w).sum();
  T.noGrad(() => w.mul_(2));
  z.backward();
  return { grads: { x } };
};
cases["how/mul/const-int-leaf"] = () => {
  const x = leaf("X3");
  const k = T.tensor([1, 2, 3], { dtype: "int64" });
  const z = x.mul(k).sum();
  k.add_(1);
  z.backward();
  return { grads: { x } };
};
cases["how/exp/twice"] = () => {
  const x = leaf("X3");
  const z = x.mul(1).exp();
  z.add_(1);
  z.mul_(2);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/exp/twice-no-grad"] = () => {
  const x = leaf("X3");
  const z = x.mul(1).exp();
  T.noGrad(() => {
    z.add_(1);
    z.sub_(1);
  });
  z.sum().backward();
  return { grads: { x } };
};
cases["how/exp/float64-2d"] = () => {
  const x = leaf("X23", "float64");
  const z = x.mul(1).exp();
  z.add_(1);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/exp/0d"] = () => {
  const x = leaf("SCALAR");
  const z = x.mul(1).exp();
  z.add_(1);
  z.backward();
  return { grads: { x } };
};
cases["how/mul/float64-0d-const"] = () => {
  const x = leaf("X3", "float64");
  const w = inp("SCALAR", "float64");
  const z = x.mul(w);
  w.add_(1);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/mul/float64-2d"] = () => {
  const x = leaf("X23", "float64");
  const w = leaf("W23", "float64");
  const y = x.mul(1);
  const z = y.mul(w.mul(1));
  y.mul_(2);
  z.sum().backward();
  return { grads: { x, w } };
};
cases["how/mul/modify-before-forward"] = () => {
  const x = leaf("X3");
  const w = leaf("W3");
  const y = x.mul(1);
  y.add_(1);
  const z = y.mul(w.mul(1));
  z.sum().backward();
  return { grads: { x, w }, versions: { y: y.version } };
};
cases["how/mul/same-operand"] = () => {
  const x = leaf("X3");
  const y = x.mul(1);
  const z = y.mul(y);
  y.add_(1);
  z.sum().backward();
  return { grads: { x } };
};
cases["how/exp/unused-branch"] = () => {
  const x = leaf("X3");
  const y = x.mul(1);
  const z1 = y.exp();
  const z2 = y.sin();
  z1.add_(1);
  z2.sum().backward();
  return { grads: { x } };
};
cases["how/sin/between-backwards"] = () => {
  const x = leaf("X3");
  const y = x.mul(1);
  const s = y.sin().sum();
  s.backward(undefined, { retainGraph: true });
  y.add_(1);
  s.backward();
  return { grads: { x } };
};
cases["how/sin/between-backwards-fresh"] = () => {
  const x = leaf("X3");
  const y = x.clone();
  const s = y.sin().sum();
  s.backward();
  y.add_(1);
  y.sin().sum().backward();
  return { grads: { x } };
};
cases["how/sigmoid/modify-consumer-output"] = () => {
  const x = leaf("X3");
  const z = x.mul(1).sigmoid();
  const w = z.mul(2);
  w.add_(1);
  w.sum().backward();
  return { grads: { x }, versions: { z: z.version, w: w.version } };
};
cases["how/exp/out-used-after-modify"] = () => {
  const x = leaf("X3");
  const z = x.mul(1).exp();
  z.add_(1);
  z.mul(2).sum().backward();
  return { grads: { x } };
};
cases["how/add/out-modified-chain"] = () => {
  const x = leaf("X3");
  const w = leaf("W3");
  const z = x.add(w);
  z.mul_(2);
  z.add_(1);
  z.sum().backward();
  return { grads: { x, w }, versions: { z: z.version } };
};

// Version counters.

cases["version/fresh"] = () => {
  const x = leaf("X3");
  const m = inp("X3");
  m.add_(1);
  return {
    versions: {
      zeros: T.zeros(3).version,
      ones: T.ones(2, 2).version,
      randn: T.randn(3).version,
      tensor: inp("X3").version,
      arange: T.arange(3).version,
      mul: x.mul(1).version,
      exp: x.exp().version,
      "clone-of-modified": m.clone().version,
      modified: m.version,
      detach: x.detach().version,
    },
  };
};

function sequence(t: T.Tensor, v: Record<string, number>, prefix = ""): void {
  t.add_(1);
  v[`${prefix}add_`] = t.version;
  t.sub_(0.5);
  v[`${prefix}sub_`] = t.version;
  t.mul_(2);
  v[`${prefix}mul_`] = t.version;
  t.div_(4);
  v[`${prefix}div_`] = t.version;
  t.clamp_(-1, 1);
  v[`${prefix}clamp_`] = t.version;
  t.fill_(2);
  v[`${prefix}fill_`] = t.version;
  t.zero_();
  v[`${prefix}zero_`] = t.version;
  t.copy_(inp("W3"));
  v[`${prefix}copy_`] = t.version;
}

cases["version/sequence"] = () => {
  const t = T.zeros(3);
  const v: Record<string, number> = {};
  sequence(t, v);
  t.uniform_();
  v["uniform_"] = t.version;
  t.normal_();
  v["normal_"] = t.version;
  T.random_(t);
  v["random_"] = t.version;
  T.random_(t, 0, 5);
  v["random_-bounds"] = t.version;
  t.add(1);
  t.exp();
  v["out-of-place"] = t.version;
  return { versions: v };
};
cases["version/sequence-grad"] = () => {
  const x = leaf("X3");
  const y = x.mul(1);
  const v: Record<string, number> = {};
  sequence(y, v);
  return { versions: v };
};
cases["version/sequence-int"] = () => {
  const k = T.tensor([1, 2, 3], { dtype: "int64" });
  const b = T.tensor([true, false], { dtype: "bool" });
  const v: Record<string, number> = {};
  k.add_(1);
  v["add_"] = k.version;
  k.mul_(2);
  v["mul_"] = k.version;
  k.fill_(3);
  v["fill_"] = k.version;
  T.random_(k, 0, 10);
  v["random_"] = k.version;
  k.zero_();
  v["zero_"] = k.version;
  b.fill_(true);
  v["bool-fill_"] = b.version;
  return { versions: v };
};
cases["version/sequence-no-grad"] = () => {
  const x = leaf("X3");
  const y = x.mul(1);
  const v: Record<string, number> = {};
  T.noGrad(() => {
    sequence(y, v, "y/");
    sequence(x, v, "leaf/");
  });
  return { versions: v };
};
cases["version/operands-not-bumped"] = () => {
  const a = inp("X3");
  const b = inp("W3");
  a.add_(b);
  a.mul_(a);
  const c = T.zeros(3);
  c.copy_(b);
  return { versions: { a: a.version, b: b.version, c: c.version } };
};
cases["version/views-share"] = () => {
  const base = inp("X23");
  const row = base.select(0, 0);
  const v: Record<string, number> = {};
  row.add_(1);
  v["base-after-row"] = base.version;
  v["row-after-row"] = row.version;
  base.mul_(2);
  v["base-after-base"] = base.version;
  v["row-after-base"] = row.version;
  v["later-view"] = base.view(6).version;
  const chain = base.t().narrow(0, 1, 2);
  chain.sub_(1);
  v["base-after-chain"] = base.version;
  v["row-after-chain"] = row.version;
  v["chain"] = chain.version;
  const views: [string, T.Tensor][] = [
    ["expand", base.slice(0, 0, 1).expand(2, 3)],
    ["transpose", base.transpose(0, 1)],
    ["permute", base.permute(1, 0)],
    ["unsqueeze", base.unsqueeze(0)],
    ["squeeze", base.unsqueeze(0).squeeze(0)],
    ["slice", base.slice(1, 1)],
    ["select", base.select(1, 2)],
    ["reshape-view", base.reshape(3, 2)],
    ["flatten", base.flatten()],
    ["contiguous-self", base.contiguous()],
    ["to-same-dtype", base.to("float32")],
    ["detach", base.detach()],
  ];
  for (const [name, view] of views) v[name] = view.version;
  return { versions: v };
};
cases["version/copies-do-not-share"] = () => {
  const base = inp("X23");
  const copies: Record<string, T.Tensor> = {
    clone: base.clone(),
    "reshape-copy": base.t().reshape(6),
    "contiguous-copy": base.t().contiguous(),
    "to-float64": base.to("float64"),
    exp: base.exp(),
    cat: T.cat([base, base]),
  };
  base.add_(1);
  const v: Record<string, number> = {};
  for (const [name, t] of Object.entries(copies)) v[name] = t.version;
  v["base"] = base.version;
  return { versions: v };
};
cases["version/views-of-grad-tensor"] = () => {
  const x = leaf("X23");
  const y = x.mul(1);
  const row = y.select(0, 1);
  row.mul_(2);
  const v: Record<string, number> = { y: y.version, row: row.version };
  y.add_(1);
  v["y-after"] = y.version;
  v["row-after"] = row.version;
  T.noGrad(() => y.select(0, 0).sub_(1));
  v["y-no-grad-view"] = y.version;
  v["row-no-grad-view"] = row.version;
  return { versions: v };
};
cases["version/detach-shares"] = () => {
  const t = inp("X3");
  const d = t.detach();
  d.add_(1);
  const v: Record<string, number> = { t: t.version, d: d.version };
  t.mul_(2);
  v["d-after-t"] = d.version;
  v["detach-after"] = t.detach().version;
  const x = leaf("X3");
  x.detach().zero_();
  v["leaf"] = x.version;
  return { versions: v };
};
cases["version/data-does-not-share"] = () => {
  const t = inp("X3");
  t.data.add_(1);
  const x = leaf("X3");
  x.data.mul_(2);
  return { versions: { t: t.version, leaf: x.version } };
};
cases["version/expand-fill"] = () => {
  const t = inp("X3");
  const e = t.expand(2, 3);
  e.fill_(1);
  return { versions: { t: t.version, e: e.version } };
};
cases["version/rejected-inplace"] = () => {
  const x = leaf("X3");
  try {
    x.add_(1);
  } catch {
    // a leaf that requires grad refuses in-place ops; its version must not move
  }
  return { versions: { x: x.version } };
};
cases["version/backward-does-not-bump"] = () => {
  const x = leaf("X3");
  const y = x.mul(1);
  const z = y.exp();
  z.sum().backward();
  return { versions: { x: x.version, y: y.version, z: z.version } };
};

// Second backwards beyond twice/<op>.

cases["twice-more/exp/retain-then-twice"] = () => {
  const x = leaf("X3");
  const z = x.exp();
  z.backward(T.onesLike(z), { retainGraph: true });
  z.backward(T.onesLike(z));
  return { grads: { x } };
};
cases["twice-more/exp/retain-then-thrice"] = () => {
  const x = leaf("X3");
  const z = x.exp();
  z.backward(T.onesLike(z), { retainGraph: true });
  z.backward(T.onesLike(z));
  z.backward(T.onesLike(z));
  return { grads: { x } };
};
cases["twice-more/exp/two-roots"] = () => {
  const x = leaf("X3");
  const z = x.exp();
  z.sum().backward();
  z.mean().backward();
  return { grads: { x } };
};
cases["twice-more/add-scalar/two-roots"] = () => {
  const x = leaf("X3");
  const z = x.add(1);
  z.sum().backward();
  z.mean().backward();
  return { grads: { x } };
};
cases["twice-more/sum-of-view/twice"] = () => {
  const x = leaf("X23");
  const s = x.t().reshape(6).sum();
  s.backward();
  s.backward();
  return { grads: { x } };
};
cases["twice-more/mul-by-leaf-scalar-mul/twice"] = () => {
  const x = leaf("X3");
  const s = x.mul(1).sum();
  s.backward();
  s.backward();
  return { grads: { x } };
};

// --- Running and comparing -----------------------------------------------------------------------

/** PyTorch's message up to and including "instead." (the hint after it differs). */
function upToInstead(message: string): string {
  const at = message.indexOf("instead.");
  return at < 0 ? message : message.slice(0, at + "instead.".length);
}

function check(id: string, run: () => Result, want: Expected): void {
  let result: Result | null = null;
  let error: unknown = null;
  try {
    result = run();
  } catch (err) {
    error = err;
  }
  const message = error === null ? null : error instanceof Error ? error.message : String(error);
  if (want.error === null) {
    expect(message, `${id}: Kindling threw where PyTorch did not`).toBeNull();
    const got = result!;
    if (want.grads === null) expect(got.grads, `${id}: grads`).toBeUndefined();
    else {
      const grads = got.grads ?? {};
      expect(Object.keys(grads).sort(), `${id}: leaves`).toEqual(Object.keys(want.grads).sort());
      for (const [name, expected] of Object.entries(want.grads)) {
        const g = grads[name]!.grad;
        if (expected === null) {
          expect(g, `${id}: ${name}.grad`).toBeNull();
          continue;
        }
        expect(g, `${id}: ${name}.grad`).not.toBeNull();
        expect(g!.shape, `${id}: ${name}.grad shape`).toEqual(shapeOf(expected));
        const rtol = g!.dtype === "float64" ? 1e-12 : 1e-6;
        const mismatch = closeTo(flat(g!.toArray()), flat(expected), rtol, rtol);
        expect(mismatch, `${id}: ${name}.grad`).toBeNull();
      }
    }
    expect(got.versions ?? null, `${id}: versions`).toEqual(want.versions);
    return;
  }
  expect(message, `${id}: PyTorch raised "${want.error}"`).not.toBeNull();
  if (want.kind === "version") {
    expect(error, `${id}: error class`).toBeInstanceOf(T.AutogradError);
    expect(upToInstead(message!), `${id}: message`).toBe(upToInstead(want.error));
  } else if (want.kind === "freed") {
    expect(error, `${id}: error class`).toBeInstanceOf(T.AutogradError);
    expect(
      message!.startsWith("Trying to backward through the graph a second time"),
      `${id}: message "${message}"`,
    ).toBe(true);
  }
  // kind "other" (an in-place write into an expanded tensor): any error will do.
}

describe("saved tensors, version counters and second backwards match PyTorch", () => {
  it("has the same case ids as the fixture", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(fixture.cases).sort());
  });

  const ids = Object.keys(fixture.cases).filter((id) => id in cases);
  it.each(ids)("%s", (id) => {
    check(id, cases[id]!, fixture.cases[id]!);
  });
});
