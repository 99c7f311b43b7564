import { type DType, fromTypedArray, type Tensor } from "@kindling/tensor";
import { describe, expect, it } from "vitest";
import type { Optimizer } from "../base/optimizer.js";
import type { ParamsInput } from "../base/paramGroup.js";
import {
  decodeStateDict,
  decodeValue,
  type EncodedStateDict,
  parameter,
  readFixture,
} from "../testing/fixtures.js";
import { Adadelta } from "./adadelta.js";
import { Adagrad } from "./adagrad.js";
import { Adam } from "./adam.js";
import { Adamax } from "./adamax.js";
import { AdamW } from "./adamw.js";
import { ASGD } from "./asgd.js";
import { NAdam } from "./nadam.js";
import { RAdam } from "./radam.js";
import { RMSprop } from "./rmsprop.js";
import { Rprop } from "./rprop.js";
import { SGD } from "./sgd.js";

interface Case {
  optimizer: string;
  label: string;
  dtype: DType;
  options: Record<string, unknown>;
  params: number[][];
  shapes: number[][];
  c: number[][];
  d: number[][];
  trajectory: number[][][];
  state_dict: EncodedStateDict;
  state_dict_at_resume: EncodedStateDict;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
/** What the test uses of an optimizer (a structural type: `Optimizer<G>` is invariant in `G`). */
type Steppable = Pick<Optimizer, "step" | "stateDict" | "loadStateDict">;
const FACTORIES: Record<string, (params: ParamsInput, options: never) => Steppable> = {
  SGD: (p, o) => new SGD(p, o),
  Adam: (p, o) => new Adam(p, o),
  AdamW: (p, o) => new AdamW(p, o),
  RMSprop: (p, o) => new RMSprop(p, o),
  Adagrad: (p, o) => new Adagrad(p, o),
  Adadelta: (p, o) => new Adadelta(p, o),
  Adamax: (p, o) => new Adamax(p, o),
  NAdam: (p, o) => new NAdam(p, o),
  RAdam: (p, o) => new RAdam(p, o),
  ASGD: (p, o) => new ASGD(p, o),
  Rprop: (p, o) => new Rprop(p, o),
};

/** Tolerance on every parameter, relative to max(1, |value|): float32 1e-6, float64 1e-12. */
const TOLERANCE: Record<string, number> = { float32: 1e-6, float64: 1e-12 };

function build(c: Case, start: number[][]) {
  const params = start.map((values, i) => parameter(values, c.shapes[i]!, c.dtype));
  const options = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [camel(k), v]));
  const opt = FACTORIES[c.optimizer]!(params, options as never);
  const round = c.dtype === "float32" ? Math.fround : (x: number) => x;
  const setGrads = () => {
    params.forEach((p, i) => {
      const values = p.toTypedArray() as Float32Array | Float64Array;
      const grad = values.map((x, j) => round(round(c.c[i]![j]! * x) + c.d[i]![j]!));
      p.grad = fromTypedArray(grad, c.shapes[i]!);
    });
  };
  return { params, opt, setGrads };
}

function maxError(params: Tensor[], expected: number[][]): number {
  let worst = 0;
  params.forEach((p, i) => {
    const values = p.toTypedArray() as Float32Array | Float64Array;
    values.forEach((x, j) => {
      const want = expected[i]![j]!;
      worst = Math.max(worst, Math.abs(x - want) / Math.max(1, Math.abs(want)));
    });
  });
  return worst;
}

const cases = readFixture<Case[]>("trajectories").filter((c) => c.optimizer in FACTORIES);

describe.each(cases)("$optimizer $label ($dtype) against PyTorch 1.13", (c) => {
  it("follows PyTorch's trajectory for 50 steps", () => {
    const { params, opt, setGrads } = build(c, c.params);
    let worst = 0;
    for (const expected of c.trajectory) {
      setGrads();
      opt.step();
      worst = Math.max(worst, maxError(params, expected));
    }
    if (process.env.KINDLING_REPORT)
      console.log(`${c.optimizer} ${c.label} ${c.dtype} worst ${worst}`);
    expect(worst).toBeLessThanOrEqual(TOLERANCE[c.dtype]!);
  });

  it("produces PyTorch's state dict", () => {
    const { opt, setGrads } = build(c, c.params);
    for (let s = 0; s < c.trajectory.length; s++) {
      setGrads();
      opt.step();
    }
    const ours = opt.stateDict();
    const theirs = decodeStateDict(c.state_dict);
    expect(ours.param_groups.map((g) => Object.keys(g))).toEqual(
      theirs.param_groups.map((g) => Object.keys(g)),
    );
    expect(ours.param_groups).toEqual(theirs.param_groups);
    expect(Object.keys(ours.state)).toEqual(Object.keys(theirs.state));
    for (const [id, state] of Object.entries(theirs.state)) {
      const mine = ours.state[Number(id)]!;
      expect(Object.keys(mine)).toEqual(Object.keys(state));
      for (const [key, value] of Object.entries(state)) {
        const got = mine[key];
        if (value === null || typeof value !== "object") {
          expect(got).toEqual(value);
          continue;
        }
        const want = value as Tensor;
        const have = got as Tensor;
        expect(have.dtype).toBe(want.dtype);
        expect(have.shape).toEqual(want.shape);
        const a = have.toTypedArray() as Float64Array;
        const b = want.toTypedArray() as Float64Array;
        a.forEach((x, j) => {
          const y = b[j]!;
          expect(Math.abs(x - y) / Math.max(1, Math.abs(y))).toBeLessThanOrEqual(
            TOLERANCE[c.dtype]! * 10,
          );
        });
      }
    }
  });

  it("continues PyTorch's trajectory from PyTorch's state dict at step 25", () => {
    const resumeAt = 25;
    const { params, opt, setGrads } = build(c, c.trajectory[resumeAt - 1]!);
    opt.loadStateDict(decodeStateDict(c.state_dict_at_resume));
    let worst = 0;
    for (const expected of c.trajectory.slice(resumeAt)) {
      setGrads();
      opt.step();
      worst = Math.max(worst, maxError(params, expected));
    }
    expect(worst).toBeLessThanOrEqual(TOLERANCE[c.dtype]!);
  });
});

it("decodes fixture tuples as arrays", () => {
  expect(decodeValue({ tuple: [0.9, 0.999] })).toEqual([0.9, 0.999]);
});
