import { type DType, fromTypedArray, noGrad, type Tensor, tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import { OptimizerError } from "../../base/optimizerError.js";
import { decodeStateDict, type EncodedStateDict, readFixture } from "../../testing/fixtures.js";
import { LBFGS } from "./lbfgs.js";

interface Case {
  label: string;
  dtype: DType;
  options: Record<string, unknown>;
  params: number[][];
  shapes: number[][];
  c: number[][];
  d: number[][];
  steps: { loss: number; params: number[][]; calls: number }[];
  state_dict: EncodedStateDict;
  state_dict_at_resume: EncodedStateDict;
}

const RESUME_AT = 3;
const camel = (key: string) => key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

/** A state value in the fixture's plain form, for deep comparison. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object" && "toTypedArray" in value) {
    const t = value as Tensor;
    return {
      tensor: Array.from(t.toTypedArray() as Float32Array),
      shape: [...t.shape],
      dtype: t.dtype,
    };
  }
  return value;
}

function build(c: Case, start: number[][]) {
  const r = c.dtype === "float32" ? Math.fround : (x: number) => x;
  const array = (values: number[]) =>
    c.dtype === "float32" ? Float32Array.from(values) : Float64Array.from(values);
  const params = start.map((values, i) =>
    fromTypedArray(array(values), c.shapes[i]!).requiresGrad_(),
  );
  const cs = c.c.map((values, i) => fromTypedArray(array(values), c.shapes[i]!));
  const ds = c.d.map((values, i) => fromTypedArray(array(values), c.shapes[i]!));
  const c4s = cs.map((t) => t.mul(0.25));
  const options = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [camel(k), v]));
  const opt = new LBFGS(params, options);
  let calls = 0;
  const closure = () =>
    noGrad(() => {
      calls += 1;
      let loss: number | null = null;
      params.forEach((p, i) => {
        const x = p.toTypedArray() as Float32Array | Float64Array;
        const cc = c.c[i]!;
        const dd = c.d[i]!;
        // (p * p * p) * c + d, each op rounded
        const grad = x.map((v, j) => r(r(r(r(v * v) * v) * cc[j]!) + dd[j]!));
        p.grad = fromTypedArray(grad, c.shapes[i]!);
        // ((p * p) * (p * p)) * c4 + d * p, its elements added one by one
        const e = p.mul(p).mul(p.mul(p)).mul(c4s[i]!).add(ds[i]!.mul(p)).toTypedArray();
        for (const v of e as Float32Array) loss = loss === null ? v : r(loss + v);
      });
      return tensor(loss!, { dtype: c.dtype });
    });
  return { params, opt, closure, calls: () => calls };
}

const cases = readFixture<Case[]>("lbfgs");

describe.each(cases)("LBFGS $label ($dtype) against PyTorch 1.13", (c) => {
  it("returns PyTorch's losses and reaches PyTorch's parameters, calling the closure as often", () => {
    const { params, opt, closure, calls } = build(c, c.params);
    for (const expected of c.steps) {
      const loss = opt.step(closure) as Tensor;
      expect(loss.item()).toBe(expected.loss);
      expect(params.map((p) => Array.from(p.toTypedArray() as Float32Array))).toEqual(
        expected.params,
      );
      expect(calls()).toBe(expected.calls);
    }
  });

  it("produces PyTorch's state dict, key for key", () => {
    const { opt, closure } = build(c, c.params);
    for (let s = 0; s < c.steps.length; s++) opt.step(closure);
    const ours = opt.stateDict();
    const theirs = decodeStateDict(c.state_dict);
    expect(Object.keys(ours.state[0]!)).toEqual(Object.keys(theirs.state[0]!));
    expect(plain(ours.state[0])).toEqual(plain(theirs.state[0]));
    expect(ours.param_groups).toEqual(theirs.param_groups);
  });

  it("resumes from PyTorch's state dict after step 3", () => {
    const { params, opt, closure } = build(c, c.steps[RESUME_AT - 1]!.params);
    opt.loadStateDict(decodeStateDict(c.state_dict_at_resume));
    for (const expected of c.steps.slice(RESUME_AT)) {
      opt.step(closure);
      expect(params.map((p) => Array.from(p.toTypedArray() as Float32Array))).toEqual(
        expected.params,
      );
    }
  });
});

describe("LBFGS as PyTorch refuses", () => {
  const w = () => tensor([1, 2], { requiresGrad: true });
  it("a step without a closure", () => {
    expect(() => new LBFGS([w()]).step()).toThrow(OptimizerError);
  });
  it("a second parameter group", () => {
    expect(() => new LBFGS([{ params: [w()] }, { params: [w()] }])).toThrow(
      "LBFGS doesn't support per-parameter options (parameter groups)",
    );
  });
  it("a loaded state whose flat vectors do not fit the parameters, changing nothing", () => {
    const c = cases[0]!;
    const { opt } = build(c, c.params);
    const dict = decodeStateDict(c.state_dict);
    dict.state[0]!.d = tensor([1, 2, 3]);
    expect(() => opt.loadStateDict(dict)).toThrow(
      "loaded state for parameter 0 has 'd' of shape [3], but LBFGS's flat vectors have 16 elements",
    );
    expect(opt.state.size).toBe(0);
  });
  it("a line search other than strong_wolfe", () => {
    expect(() => new LBFGS([w()], { lineSearchFn: "armijo" as never })).toThrow(
      /only 'strong_wolfe' is supported/,
    );
  });
});

describe("LBFGS's doc example", () => {
  it("minimizes a quadratic in one step", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new LBFGS([w], { lineSearchFn: "strong_wolfe" });
    const closure = () => {
      opt.zeroGrad();
      const loss = w.sub(3).pow(2).sum();
      loss.backward();
      return loss;
    };
    opt.step(closure);
    // torch: [3.0, 3.000000238418579] after one step, the closure called 3 times
    expect(w.toArray()).toEqual([3, 3.000000238418579]);
    expect(opt.stateDict().state[0]!.func_evals).toBe(3);
  });
});
