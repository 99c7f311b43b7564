import type { Generator } from "./generator.js";
import { HIGH_WORD, int64Words, LOW_WORD, setInt64 } from "./int64Words.js";
import { nextUint32 } from "./mt19937.js";
import { remainder } from "./remainder.js";

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * Fills an int64 array with integers uniform in [low, high), bit for bit as PyTorch 1.13's CPU
 * `torch.randint(low, high, ...)` / `Tensor.random_(low, high)` on int64 (`random_from_to`):
 * with `range = high - low`, each element is `draw % range + low`, where `draw` is one 32-bit
 * draw when `range < 2^32` and one 64-bit draw (two 32-bit draws, high word first) otherwise.
 * (The modulo makes small values slightly likelier for huge ranges, as in PyTorch.)
 *
 * `high` may be 2^63, which is what `random_(low)` (no `to`) means on int64: [low, 2^63 - 1].
 *
 * @param gen the generator to draw from.
 * @param out the elements to fill, in order.
 * @param low the inclusive lower bound, an int64.
 * @param high the exclusive upper bound, at most 2^63; must exceed `low`.
 * @throws RangeError when `low >= high` or a bound is out of int64 range, with PyTorch's message.
 * @example
 * ```ts
 * const out = new BigInt64Array(3);
 * fillRandomInt64(new Generator().manualSeed(42), out, 0n, 10n);
 * // out: [2n, 7n, 6n], as torch.randint(0, 10, (3,)) after manual_seed(42)
 * ```
 */
export function fillRandomInt64(
  gen: Generator,
  out: BigInt64Array,
  low: bigint,
  high: bigint,
): BigInt64Array {
  if (low >= high) {
    throw new RangeError(
      `random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`,
    );
  }
  if (low < INT64_MIN || low > INT64_MAX) {
    throw new RangeError("from is out of bounds for int64");
  }
  if (high - 1n > INT64_MAX) throw new RangeError("to - 1 is out of bounds for int64");
  const range = high - low;
  const n = out.length;
  const mt = gen.mt;
  const lowNumber = Number(low);
  if (range < 1n << 32n && Number.isSafeInteger(lowNumber) && Math.abs(lowNumber) < 2 ** 52) {
    // Fast path: every value is a safe integer, written as two 32-bit words.
    const words = int64Words(out);
    const r = Number(range);
    for (let i = 0; i < n; i++) setInt64(words, i, remainder(nextUint32(mt), r) + lowNumber);
  } else if (range < 1n << 32n) {
    for (let i = 0; i < n; i++) {
      out[i] = BigInt.asIntN(64, (BigInt(nextUint32(mt)) % range) + low);
    }
  } else {
    for (let i = 0; i < n; i++) out[i] = BigInt.asIntN(64, (gen.random64() % range) + low);
  }
  return out;
}

/**
 * Fills an int64 array with uniform values over the whole int64 range, as PyTorch's
 * `random_(-2**63, None)` on int64 (`random_full_64_bits_range_kernel`): each element is one
 * 64-bit draw reinterpreted as signed.
 *
 * @param gen the generator to draw from.
 * @param out the elements to fill, in order.
 */
export function fillRandomFull64(gen: Generator, out: BigInt64Array): BigInt64Array {
  const words = int64Words(out);
  const mt = gen.mt;
  for (let i = 0; i < out.length; i++) {
    words[2 * i + HIGH_WORD] = nextUint32(mt);
    words[2 * i + LOW_WORD] = nextUint32(mt);
  }
  return out;
}

/**
 * Fills `out` as PyTorch 1.13's CPU `Tensor.random_()` with no bounds (`uniform_int_distribution`):
 * - int64: one 64-bit draw modulo 2^63, so values in [0, 2^63 - 1];
 * - float64: one 64-bit draw modulo 2^53 + 1, so integers in [0, 2^53];
 * - float32: one 32-bit draw modulo 2^24 + 1, so integers in [0, 2^24];
 * - bool (`Uint8Array` of 0/1): the lowest bit of one 32-bit draw.
 *
 * @param gen the generator to draw from.
 * @param out the elements to fill, in order.
 * @example
 * ```ts
 * fillRandom(new Generator().manualSeed(0), new BigInt64Array(1));
 * // [900450186894289455n], as torch.empty(1, dtype=torch.int64).random_() after manual_seed(0)
 * ```
 */
export function fillRandom(
  gen: Generator,
  out: BigInt64Array | Float64Array | Float32Array | Uint8Array,
): typeof out {
  const mt = gen.mt;
  const n = out.length;
  if (out instanceof BigInt64Array) {
    const words = int64Words(out);
    for (let i = 0; i < n; i++) {
      words[2 * i + HIGH_WORD] = nextUint32(mt) & 0x7fffffff;
      words[2 * i + LOW_WORD] = nextUint32(mt);
    }
  } else if (out instanceof Float64Array) {
    const modulus = (1n << 53n) + 1n;
    for (let i = 0; i < n; i++) out[i] = Number(gen.random64() % modulus);
  } else if (out instanceof Float32Array) {
    for (let i = 0; i < n; i++) out[i] = remainder(nextUint32(mt), 16777217);
  } else {
    for (let i = 0; i < n; i++) out[i] = nextUint32(mt) & 1;
  }
  return out;
}

/**
 * One int64 from `gen` as `torch.empty((), dtype=torch.int64).random_(generator=gen)` returns it:
 * a 64-bit draw with its top bit cleared, in [0, 2^63). PyTorch's DataLoader draws its
 * `_base_seed` this way, and `RandomSampler` draws the seed of its shuffling generator this way.
 *
 * @example
 * ```ts
 * const seed = drawInt64Seed(new Generator().manualSeed(0)); // 900450186894289455n
 * const shuffler = new Generator().manualSeed(seed); // RandomSampler's generator
 * ```
 */
export function drawInt64Seed(gen: Generator): bigint {
  const hi = nextUint32(gen.mt) & 0x7fffffff;
  const lo = nextUint32(gen.mt);
  return (BigInt(hi) << 32n) | BigInt(lo);
}
