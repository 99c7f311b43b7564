import { crc32 } from "./crc32.js";

/** The CRC-32 polynomial, bit-reflected (as zip and zlib use it). */
const POLY = 0xedb88320;

/**
 * `a · b mod P` for polynomials over GF(2) in the CRC's bit-reflected form (bit 31 is x^0): the
 * step that carries a CRC across bytes it has not seen.
 */
function multiplyModP(a: number, b: number): number {
  let product = 0;
  let shifted = b;
  for (let bit = 0; bit < 32; bit++) {
    if ((a >>> (31 - bit)) & 1) product ^= shifted;
    shifted = shifted & 1 ? (shifted >>> 1) ^ POLY : shifted >>> 1;
  }
  return product >>> 0;
}

/** `x^(8·n) mod P`: multiplying a CRC-32 by it appends `n` bytes' worth of shift. */
function byteShift(n: number): number {
  let result = 0x80000000; // x^0
  let power = 0x40000000; // x^1
  for (let e = 8 * n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = multiplyModP(result, power);
    power = multiplyModP(power, power);
  }
  return result;
}

/**
 * The CRC-32 of two byte ranges one after the other, from the CRC-32 of each and the second's
 * length (zlib's `crc32_combine`): for work split between threads.
 *
 * @example
 * ```ts
 * crc32Combine(crc32(a), crc32(b), b.length) === crc32(concat(a, b)); // true
 * ```
 */
export function crc32Combine(first: number, second: number, secondLength: number): number {
  return (multiplyModP(byteShift(secondLength), first) ^ second) >>> 0;
}

/**
 * CRC-32s of a buffer's consecutive fixed-size blocks, computed as the buffer fills (a reader
 * hashes each block while the next part of the file is being read), from which the CRC-32 of any
 * range follows: the partial blocks at its two ends are hashed, the whole blocks between them
 * combined (zlib's `crc32_combine`, one 32-step multiplication each).
 *
 * @example
 * ```ts
 * const crcs = new BlockCrcs(bytes, 65536);
 * crcs.update(bytes.length); // every byte has arrived
 * crcs.crcOf(100, 200_000) === crc32(bytes.subarray(100, 200_000)); // true
 * ```
 */
export class BlockCrcs {
  /** The buffer whose ranges are checksummed. */
  readonly bytes: Uint8Array;
  /** Bytes per block (default 64 KiB). */
  readonly blockSize: number;
  private readonly crcs: Uint32Array;
  private readonly shift: number;
  private ready = 0;

  constructor(bytes: Uint8Array, blockSize = 65536) {
    if (!Number.isInteger(blockSize) || blockSize < 1) {
      throw new RangeError(`BlockCrcs: blockSize must be a positive integer, got ${blockSize}`);
    }
    this.bytes = bytes;
    this.blockSize = blockSize;
    this.crcs = new Uint32Array(Math.floor(bytes.length / blockSize));
    this.shift = byteShift(blockSize);
  }

  /** Bytes from the start whose blocks are hashed so far (whole blocks only). */
  get hashedBytes(): number {
    return this.ready * this.blockSize;
  }

  /** Hashes every whole block that lies below `end`: call it as bytes `[0, end)` arrive. */
  update(end: number): void {
    const limit = Math.min(Math.floor(end / this.blockSize), this.crcs.length);
    for (let k = this.ready; k < limit; k++) {
      const at = k * this.blockSize;
      this.crcs[k] = crc32(this.bytes.subarray(at, at + this.blockSize));
    }
    this.ready = Math.max(this.ready, limit);
  }

  /** The CRC-32 of `bytes[begin, end)` (blocks not hashed yet are hashed on the way). */
  crcOf(begin: number, end: number): number {
    const size = this.blockSize;
    const first = Math.ceil(begin / size);
    const last = Math.floor(end / size);
    if (last - first < 2) return crc32(this.bytes.subarray(begin, end));
    this.update(last * size);
    let crc = crc32(this.bytes.subarray(begin, first * size));
    for (let k = first; k < last; k++) crc = (multiplyModP(this.shift, crc) ^ this.crcs[k]!) >>> 0;
    return crc32(this.bytes.subarray(last * size, end), crc);
  }
}
