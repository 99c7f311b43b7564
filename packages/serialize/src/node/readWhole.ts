/// <reference types="node" />
import { open } from "node:fs/promises";
import { BlockCrcs } from "../zip/blockCrcs.js";

/** Bytes per `read` call: each is one round trip through libuv's thread pool. */
const CHUNK = 4 << 20;

/**
 * Reads kept in flight at once. The pages of a fresh buffer are mapped as a read first writes
 * them, and that costs about as much as the copy: several reads at once share it between the
 * pool's threads (a 100 MB checkpoint on a 2-core AMD EPYC: 106 ms in one read, 72 in 4 MB reads
 * four at a time). libuv's pool has four threads unless `UV_THREADPOOL_SIZE` says otherwise.
 */
const IN_FLIGHT = 4;

/** Options of {@link readWhole}. */
export interface ReadWholeOptions {
  /**
   * When the file is a zip archive (a .pt checkpoint), hash it in 64 KiB blocks while it is read:
   * the calling thread hashes what has arrived while the pool's threads read on (default false).
   */
  readonly zipChecksums?: boolean;
}

/** What {@link readWhole} gives. */
export interface WholeFile {
  /** Every byte of the file. */
  readonly bytes: Uint8Array;
  /** The block CRC-32s of `bytes`, when asked for and the file is a zip archive. */
  readonly checksums?: BlockCrcs;
}

/**
 * The whole file at `path` in one new buffer, read in 4 MiB reads, four in flight, and with
 * `zipChecksums` for a zip archive, hashed as it arrives (a .pt load verifies its checksums in the
 * time the file takes to read). `fs.promises.readFile` reads in 512 KiB chunks one after another:
 * about a third slower for a 100 MB checkpoint. The buffer is a fresh `ArrayBuffer` of its own
 * (not Node's shared pool), starting at offset 0, so storages can be aligned typed-array views on
 * it. A file that grows while read is read up to its size at open; one that shrinks gives the bytes
 * before the first read that came up short (the zip reader then reports it truncated).
 */
export async function readWhole(path: string, options: ReadWholeOptions = {}): Promise<WholeFile> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    const chunks = Math.ceil(size / CHUNK);
    const filled = new Uint8Array(chunks);
    /** Chunks `[0, prefix)` have all arrived. */
    let prefix = 0;
    /** Where the bytes end: the end of the first chunk that came up short, else the size. */
    let end = size;
    let next = 0;
    let failed = false;
    let checksums: BlockCrcs | undefined;
    let zipChecked = options.zipChecksums !== true;
    /** Reads chunk `c` (until its end, or the end of the file); the bytes it got. */
    const readChunk = async (c: number): Promise<number> => {
      const at = c * CHUNK;
      const length = Math.min(CHUNK, size - at);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, at + done, length - done, at + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      if (done < length) end = Math.min(end, at + done);
      return done;
    };
    /** One reader: takes the next chunk until none is left (or one came up short, or failed). */
    const reader = async (): Promise<void> => {
      while (next < chunks && !failed && next * CHUNK < end) {
        const c = next++;
        try {
          await readChunk(c);
        } catch (error) {
          failed = true;
          throw error;
        }
        filled[c] = 1;
        while (prefix < chunks && filled[prefix] === 1) prefix++;
        const arrived = Math.min(end, prefix * CHUNK);
        if (!zipChecked && prefix > 0) {
          zipChecked = true;
          if (isZip(bytes, arrived)) checksums = new BlockCrcs(bytes);
        }
        checksums?.update(arrived);
      }
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: Math.min(IN_FLIGHT, chunks) }, reader),
    );
    for (const outcome of outcomes) if (outcome.status === "rejected") throw outcome.reason;
    const read = end === size ? bytes : bytes.subarray(0, end);
    return checksums === undefined ? { bytes: read } : { bytes: read, checksums };
  } finally {
    await handle.close();
  }
}

/** Whether the first `length` bytes start like a zip archive (a local header or an empty one). */
function isZip(bytes: Uint8Array, length: number): boolean {
  return (
    length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}
