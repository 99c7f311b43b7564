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
  const k = kernels();
  if (k === null) return false;
  const memory = new Uint32Array(k.memory.buffer);
  memory.set(mt.words, B / 4);
  for (let done = 0; done < blocks; done += BLOCKS_PER_CALL) {
    const count = Math.min(BLOCKS_PER_CALL, blocks - done);
    k.mt_blocks(B, O, count);
    out.set(memory.subarray(O / 4, O / 4 + count * MT_N), at + done * MT_N);
  }
  mt.words.set(memory.subarray(B / 4, B / 4 + MT_N));
  mt.left = 1;
  mt.next = MT_N;
  return true;
}
