import type { Generator } from "./generator.js";
import { int64Words, setInt64 } from "./int64Words.js";
import { uniformFloat32, uniformFloat64 } from "./uniform.js";

/** Any output a Bernoulli fill can write 0/1 into (`Uint8Array` holds a bool tensor). */
export type BernoulliOutput = Float32Array | Float64Array | BigInt64Array | Uint8Array;

/** Writes the 0/1 outcome `bit` as element `i` of `out` (or of its int64 `words`). */
function put(out: BernoulliOutput, words: Uint32Array | undefined, i: number, bit: number): void {
  if (words !== undefined) setInt64(words, i, bit);
  else (out as Float32Array | Float64Array | Uint8Array)[i] = bit;
}

/**
 * Fills `out` with Bernoulli(p) outcomes (1 with probability `p`, else 0), bit for bit as PyTorch
 * 1.13's CPU `Tensor.bernoulli_(p)` with a float `p` (the kernel Dropout's mask comes from; this
 * build has no MKL, so PyTorch runs its generic kernel): each element is `u < p` for one float64
 * uniform `u`, two 32-bit draws.
 *
 * @param gen the generator to draw from.
 * @param out the elements to fill, in order: float32, float64, int64 or bool (`Uint8Array`).
 * @param p the probability of a 1, in [0, 1].
 * @throws RangeError when `p` is outside [0, 1], with PyTorch's message.
 * @example
 * ```ts
 * const mask = fillBernoulli(new Generator().manualSeed(0), new Float32Array(4), 0.5);
 * // mask: [0, 0, 1, 0], as torch.empty(4).bernoulli_(0.5) after manual_seed(0)
 * ```
 */
export function fillBernoulli<T extends BernoulliOutput>(gen: Generator, out: T, p: number): T {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  }
  const words = out instanceof BigInt64Array ? int64Words(out) : undefined;
  for (let i = 0; i < out.length; i++) put(out, words, i, uniformFloat64(gen) < p ? 1 : 0);
  return out;
}

/**
 * Fills `out` with Bernoulli outcomes of per-element probabilities `probs`, bit for bit as
 * PyTorch 1.13's CPU `torch.bernoulli(probs)` / `Tensor.bernoulli_(probs)`: element `i` is
 * `u < probs[i]`, where `u` is a float64 uniform (two 32-bit draws) for float64 `probs` and a
 * float32 uniform (one 32-bit draw) for float32 `probs`.
 *
 * @param gen the generator to draw from.
 * @param out the elements to fill, in order.
 * @param probs the probabilities, already broadcast to `out`'s length, each in [0, 1].
 * @throws RangeError when the lengths differ or a probability is outside [0, 1].
 */
export function fillBernoulliTensor<T extends BernoulliOutput>(
  gen: Generator,
  out: T,
  probs: Float32Array | Float64Array,
): T {
  if (probs.length !== out.length) {
    throw new RangeError(
      `bernoulli: probs has ${probs.length} elements but the output has ${out.length}`,
    );
  }
  const words = out instanceof BigInt64Array ? int64Words(out) : undefined;
  const double = probs instanceof Float64Array;
  for (let i = 0; i < out.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`bernoulli expects all probabilities in [0, 1], but got ${p}`);
    }
    const u = double ? uniformFloat64(gen) : uniformFloat32(gen);
    put(out, words, i, u < p ? 1 : 0);
  }
  return out;
}
