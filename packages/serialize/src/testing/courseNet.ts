import { type CourseNet, functional, netClass2 } from "@kindling/nn";
import { manualSeed, noGrad, randn, type Tensor, tanh, tensor } from "@kindling/tensor";
import { OrderedDict } from "../pickle/pyTypes.js";

/** A state dict entry as JSON: dtype, shape and the values in order (int64 as numbers). */
export interface StateEntryJson {
  dtype: string;
  shape: number[];
  values: number[];
}

/** The seed's network, `net_class2(act_fun=tanh, in_features=5, BN_model='pre')`. */
export function seedNet(seed?: number): CourseNet {
  if (seed !== undefined) manualSeed(seed);
  return netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
}

/** The values of `t`, in row-major order, as numbers. */
export function flat(t: Tensor): number[] {
  return Array.from(t.contiguous().toTypedArray() as ArrayLike<number | bigint>, Number);
}

/** A module state dict as JSON, in the layout of the Python helper `state_json`. */
export function stateJson(state: ReadonlyMap<string, Tensor>): Record<string, StateEntryJson> {
  const out: Record<string, StateEntryJson> = {};
  for (const [key, t] of state) out[key] = { dtype: t.dtype, shape: [...t.shape], values: flat(t) };
  return out;
}

/** A module state dict as the `OrderedDict` `torch.save(model.state_dict())` writes. */
export function stateForSave(state: ReadonlyMap<string, Tensor>): OrderedDict<string, Tensor> {
  return new OrderedDict([...state]);
}

/** `net(x)` in eval mode (BatchNorm on its running statistics), then back to training mode. */
export function predict(net: CourseNet, x: number[][]): number[] {
  net.eval();
  const out = noGrad(() => net.call(tensor(x)));
  net.train();
  return flat(out);
}

/** Deterministic inputs: `rows` × 5 standard normal float32 values from seed `seed`, as lists. */
export function inputs(rows: number, seed: number): number[][] {
  manualSeed(seed);
  return randn([rows, 5]).toArray() as number[][];
}

/**
 * The seed's regression data (tensorGenReg(w=[2, -1, 3, 1, 2], bias=False, deg=2) in spirit:
 * `y = (x ** 2) @ w + 0.01 noise`), drawn from Kindling's generator with seed `seed`.
 */
export function seedData(rows: number, seed: number): { x: number[][]; y: number[][] } {
  manualSeed(seed);
  const x = randn([rows, 5]);
  const w = tensor([[2], [-1], [3], [1], [2]]);
  const y = x
    .mul(x)
    .matmul(w)
    .add(randn([rows, 1]).mul(0.01));
  return { x: x.toArray() as number[][], y: y.toArray() as number[][] };
}

/**
 * Plain SGD (no momentum) over `x`, `y` in batches of `batch`, MSE loss, in order: one epoch of
 * the course's `fit_rec` without shuffling, with only @kindling/nn and @kindling/tensor.
 */
export function trainEpoch(
  net: CourseNet,
  data: { x: number[][]; y: number[][] },
  lr: number,
  batch: number,
): void {
  net.train();
  for (let start = 0; start < data.x.length; start += batch) {
    const loss = functional.mseLoss(
      net.call(tensor(data.x.slice(start, start + batch))),
      tensor(data.y.slice(start, start + batch)),
    );
    for (const p of net.parameters()) p.grad = null;
    loss.backward();
    noGrad(() => {
      for (const p of net.parameters()) p.sub_(p.grad!, lr);
    });
  }
}
