/**
 * The byte layout of PyTorch 1.13's CPU generator state (`CPUGeneratorImplState`), what
 * `torch.get_rng_state()` returns as a uint8 tensor. All fields little-endian, C struct padding:
 *
 * | offset | field |
 * | --- | --- |
 * | 0 | `the_initial_seed`: uint64 |
 * | 8 | `left`: int32 |
 * | 12 | `seeded`: int32 (1) |
 * | 16 | `next`: uint64 |
 * | 24 | `state[624]`: each 32-bit word stored as a uint64 |
 * | 5016 | `normal_x`, 5024 `normal_y`, 5032 `normal_rho`: float64 (only `normal_y` is used: the cached double sample) |
 * | 5040 | `normal_is_valid`: int32, then 4 bytes of padding |
 * | 5048 | `next_float_normal_sample`: float32 |
 * | 5052 | `is_next_float_normal_sample_valid`: bool, then 3 bytes of padding |
 *
 * The first 5048 bytes are the legacy layout (`CPUGeneratorImplStateLegacy`), also accepted.
 */
import { MT_N } from "./mt19937.js";

/** Bytes in `torch.get_rng_state()` for PyTorch 1.13's CPU generator. */
export const STATE_BYTES = 5056;
/** Bytes in the legacy state layout, which PyTorch still loads. */
export const LEGACY_STATE_BYTES = 5048;

const OFF_SEED = 0;
const OFF_LEFT = 8;
const OFF_SEEDED = 12;
const OFF_NEXT = 16;
const OFF_WORDS = 24;
const OFF_NORMAL_X = 5016;
const OFF_NORMAL_Y = 5024;
const OFF_NORMAL_RHO = 5032;
const OFF_NORMAL_VALID = 5040;
const OFF_FLOAT_SAMPLE = 5048;
const OFF_FLOAT_VALID = 5052;

/** Everything a generator state holds. */
export interface StateFields {
  /** The 64-bit initial seed. */
  seed: bigint;
  /** The 624 Mersenne Twister words. */
  words: Uint32Array;
  /** Draws left before the next twist (1..624). */
  left: number;
  /** Index of the next word (0..624). */
  next: number;
  /** The cached double Box-Muller sample, if any. */
  nextDoubleNormal: number | undefined;
  /** The cached float Box-Muller sample, if any. */
  nextFloatNormal: number | undefined;
}

/** Serialises a state into PyTorch's 5056-byte layout (padding and unused fields zero). */
export function writeState(fields: StateFields): Uint8Array {
  const bytes = new Uint8Array(STATE_BYTES);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(OFF_SEED, fields.seed, true);
  view.setInt32(OFF_LEFT, fields.left, true);
  view.setInt32(OFF_SEEDED, 1, true);
  view.setUint32(OFF_NEXT, fields.next, true);
  for (let i = 0; i < MT_N; i++) view.setUint32(OFF_WORDS + 8 * i, fields.words[i]!, true);
  if (fields.nextDoubleNormal !== undefined) {
    view.setFloat64(OFF_NORMAL_Y, fields.nextDoubleNormal, true);
    view.setInt32(OFF_NORMAL_VALID, 1, true);
  }
  if (fields.nextFloatNormal !== undefined) {
    view.setFloat32(OFF_FLOAT_SAMPLE, fields.nextFloatNormal, true);
    bytes[OFF_FLOAT_VALID] = 1;
  }
  return bytes;
}

/**
 * Parses PyTorch's state bytes (5056, or the legacy 5048), checking what PyTorch checks.
 *
 * @throws RangeError for another size or an invalid Mersenne Twister state.
 */
export function readState(bytes: Uint8Array): StateFields {
  if (bytes.length !== STATE_BYTES && bytes.length !== LEGACY_STATE_BYTES) {
    throw new RangeError(
      `Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_STATE_BYTES} or a ` +
        `CPUGeneratorImplState of size ${STATE_BYTES} but found the input RNG state size to be ` +
        `${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const left = view.getInt32(OFF_LEFT, true);
  const seeded = view.getInt32(OFF_SEEDED, true);
  // PyTorch keeps `next` as uint32 (the high half of the stored uint64 is dropped) and `seeded`
  // as a C++ bool (any nonzero int is true).
  const next = view.getUint32(OFF_NEXT, true);
  if (seeded === 0 || left <= 0 || left > MT_N || next > MT_N) {
    throw new RangeError(
      `Invalid mt19937 state (seeded=${seeded}, left=${left}, next=${next}; ` +
        `expected seeded, 0 < left <= ${MT_N} and next <= ${MT_N})`,
    );
  }
  const words = new Uint32Array(MT_N);
  // Each word was a uint64 in the legacy struct; PyTorch copies it into a uint32 (low half).
  for (let i = 0; i < MT_N; i++) words[i] = view.getUint32(OFF_WORDS + 8 * i, true);
  const normalValid = view.getInt32(OFF_NORMAL_VALID, true) !== 0;
  let nextDoubleNormal: number | undefined;
  let nextFloatNormal: number | undefined;
  if (bytes.length === LEGACY_STATE_BYTES) {
    // The legacy generator cached (x, rho) and PyTorch rebuilds the sample from them.
    if (normalValid) {
      const x = view.getFloat64(OFF_NORMAL_X, true);
      const rho = view.getFloat64(OFF_NORMAL_RHO, true);
      nextDoubleNormal = rho * Math.sin(2 * Math.PI * x);
    }
  } else {
    if (normalValid) nextDoubleNormal = view.getFloat64(OFF_NORMAL_Y, true);
    if (bytes[OFF_FLOAT_VALID] !== 0) nextFloatNormal = view.getFloat32(OFF_FLOAT_SAMPLE, true);
  }
  return {
    seed: view.getBigUint64(OFF_SEED, true),
    words,
    left,
    next,
    nextDoubleNormal,
    nextFloatNormal,
  };
}
