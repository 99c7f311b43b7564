import { MT_N, type MtState } from "../../random/mt19937.js";
import { B, CHUNK, kernels, O } from "./simd.js";

/** Blocks of draws (MT_N words each) one call makes: as many as fit the out slot (26). */
const BLOCKS_PER_CALL = Math.floor(CHUNK / MT_N);

/**
 * Makes `blocks` whole blocks of the Mersenne Twister's draws with the kernels' `mt_blocks` (the
 * twist and the tempering four lanes at a time, about five times faster than the TypeScript
 * loops), into `out` from `at`. `mt` must be at a block's end (`left` 1, the next draw twists);
 * it is left at the end of the last block made, as the same draws one by one leave it. Returns
 * false, doing nothing, when the kernels are unavailable.
 */
export function simdMtBlocks(mt: MtState, out: Uint32Array, at: number, blocks: number): boolean {
  return run(mt, out, at, blocks);
}

/**
 * The same blocks as {@link simdMtBlocks}, each draw d written to `out` as the float32
 * `(d & 0xffffff) · 2⁻²⁴`, PyTorch's float32 uniform in [0, 1) (the kernels' `mt_unit_blocks`,
 * which converts while it tempers). Returns false, doing nothing, when the kernels are unavailable.
 */
export function simdMtUnitBlocks(
  mt: MtState,
  out: Float32Array,
  at: number,
  blocks: number,
): boolean {
  return run(mt, out, at, blocks);
}

function run(mt: MtState, out: Uint32Array | Float32Array, at: number, blocks: number): boolean {
  const k = kernels();
  if (k === null) return false;
  const floats = out instanceof Float32Array;
  const words = new Uint32Array(k.memory.buffer);
  const memory = floats ? new Float32Array(k.memory.buffer) : words;
  const make = floats ? k.mt_unit_blocks : k.mt_blocks;
  words.set(mt.words, B / 4);
  for (let done = 0; done < blocks; done += BLOCKS_PER_CALL) {
    const count = Math.min(BLOCKS_PER_CALL, blocks - done);
    make(B, O, count);
    out.set(memory.subarray(O / 4, O / 4 + count * MT_N), at + done * MT_N);
  }
  mt.words.set(words.subarray(B / 4, B / 4 + MT_N));
  mt.left = 1;
  mt.next = MT_N;
  return true;
}
