/// <reference types="node" />
import { open } from "node:fs/promises";

/** At most this many bytes per `read` call (Linux reads at most 2^31 - 4096 bytes per call). */
const MAX_READ = 1 << 30;

/**
 * The whole file at `path` in one new buffer, read with as few `read` calls as the OS allows
 * (one below 1 GiB). `fs.promises.readFile` reads in 512 KiB chunks, one round trip through the
 * thread pool each: about a third slower for a 100 MB checkpoint. The buffer is a fresh
 * `ArrayBuffer` of its own (not Node's shared pool), starting at offset 0, so storages can be
 * aligned typed-array views on it. A file that grows while read is read up to its size at open;
 * one that shrinks gives the bytes read (the zip reader then reports it truncated).
 */
export async function readWhole(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, Math.min(size - at, MAX_READ), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}
