/// <reference types="node" />
import { open } from "node:fs/promises";
import { BlockCrcs } from "../zip/blockCrcs.js";

/** At most this many bytes per `read` call (Linux reads at most 2^31 - 4096 bytes per call). */
const MAX_READ = 1 << 30;

/** Bytes per `read` while the file is hashed as it arrives: each read overlaps one chunk's hashing. */
const HASHED_CHUNK = 4 << 20;

/** Options of {@link readWhole}. */
export interface ReadWholeOptions {
  /**
   * When the file is a zip archive (a .pt checkpoint), hash it in 64 KiB blocks while it is read,
   * each chunk while the next one is being read on a pool thread (default false).
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
 * The whole file at `path` in one new buffer, read with as few `read` calls as the OS allows
 * (one below 1 GiB), or, with `zipChecksums` for a zip archive, in 4 MiB reads each overlapping
 * the CRC-32 pass over the chunk before it (a .pt load verifies its checksums in the time the
 * file takes to read, about 40% less than reading then hashing). `fs.promises.readFile` reads in
 * 512 KiB chunks, one round trip through the thread pool each: about a third slower for a 100 MB
 * checkpoint. The buffer is a fresh `ArrayBuffer` of its own (not Node's shared pool), starting at
 * offset 0, so storages can be aligned typed-array views on it. A file that grows while read is
 * read up to its size at open; one that shrinks gives the bytes read (the zip reader then reports
 * it truncated).
 */
export async function readWhole(path: string, options: ReadWholeOptions = {}): Promise<WholeFile> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    const chunk = options.zipChecksums === true ? HASHED_CHUNK : MAX_READ;
    const readAt = (at: number) => handle.read(bytes, at, Math.min(size - at, chunk), at);
    let checksums: BlockCrcs | undefined;
    let at = 0;
    let pending = size > 0 ? readAt(0) : undefined;
    while (pending !== undefined) {
      const { bytesRead } = await pending;
      const first = at === 0;
      at += bytesRead;
      pending = bytesRead > 0 && at < size ? readAt(at) : undefined;
      if (first && options.zipChecksums === true && isZip(bytes, at)) {
        checksums = new BlockCrcs(bytes);
      }
      checksums?.update(at);
    }
    const read = at === size ? bytes : bytes.subarray(0, at);
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
