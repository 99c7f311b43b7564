/// <reference types="node" />
import { closeSync, openSync, readSync } from "node:fs";
import { Worker } from "node:worker_threads";
import * as zlib from "node:zlib";
import { crc32Combine } from "../zip/blockCrcs.js";
import { crc32 } from "../zip/crc32.js";

/**
 * The CRC-32 pass of a big save, shared with a worker thread. The caller hashes the first part of
 * the checksummed bytes from memory, in the same synchronous step as the write (so those
 * checksums cover the bytes written). The worker hashes the rest by reading it back from the file
 * just written (the page cache): the checksums then cover the file's bytes whatever the caller's
 * memory does meanwhile. Node only; needs `zlib.crc32` (Node 20.15 and later).
 */

/** Saves with fewer checksummed bytes hash everything on the calling thread. */
export const OFFLOAD_FROM = 16 << 20;

/**
 * The worker's share of the bytes. It reads them back (a copy from the page cache, about a
 * third of the hashing's cost) before hashing, so it takes a little under half.
 */
const WORKER_SHARE = 0.44;

/** Bytes read back per `read` call, in the worker and in the fallback. */
const CHUNK = 1 << 22;

/** A range of the file to hash: where it starts in the file and its length. */
type Range = readonly [position: number, length: number];

/**
 * The CRC-32s of `ranges` of the open file `fd`, read through `buffer` with `read` (`readSync`)
 * and hashed with `crc` (`zlib.crc32`). Uses nothing from its scope: the worker runs its source.
 */
function hashRanges(
  fd: number,
  ranges: readonly Range[],
  buffer: Uint8Array,
  read: (fd: number, b: Uint8Array, at: number, n: number, position: number) => number,
  crc: (data: Uint8Array, previous: number) => number,
): number[] {
  return ranges.map(([position, length]) => {
    let value = 0;
    for (let done = 0; done < length; ) {
      const n = read(fd, buffer, 0, Math.min(buffer.length, length - done), position + done);
      if (n === 0) throw new Error("the file is shorter than what was written");
      value = crc(buffer.subarray(0, n), value);
      done += n;
    }
    return value >>> 0;
  });
}

const WORKER_SOURCE = `"use strict";
const { parentPort } = require("node:worker_threads");
const { openSync, readSync, closeSync } = require("node:fs");
const { crc32 } = require("node:zlib");
const hashRanges = ${hashRanges.toString()};
let buffer = null;
parentPort.on("message", ({ id, path, ranges }) => {
  try {
    if (buffer === null) buffer = Buffer.allocUnsafe(${CHUNK});
    const fd = openSync(path, "r");
    try {
      parentPort.postMessage({ id, crcs: hashRanges(fd, ranges, buffer, readSync, crc32) });
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

interface Job {
  resolve(crcs: number[]): void;
  reject(error: Error): void;
}

let worker: Worker | null = null;
let broken = false;
let nextId = 0;
const jobs = new Map<number, Job>();

function failAll(error: Error): void {
  worker = null;
  broken = true;
  for (const job of jobs.values()) job.reject(error);
  jobs.clear();
}

/** The worker (started on first use, unreferenced while idle), or null where there is none. */
function crcWorker(): Worker | null {
  if (worker !== null || broken) return worker;
  try {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on("message", (reply: { id: number; crcs?: number[]; error?: string }) => {
      const job = jobs.get(reply.id);
      jobs.delete(reply.id);
      if (jobs.size === 0) w.unref();
      if (reply.crcs !== undefined) job?.resolve(reply.crcs);
      else job?.reject(new Error(reply.error ?? "CRC worker failed"));
    });
    w.on("error", (error) => failAll(error));
    w.on("exit", () => failAll(new Error("CRC worker exited")));
    w.unref();
    worker = w;
  } catch {
    broken = true;
  }
  return worker;
}

/** The CRC-32s of `ranges` of the file at `path`, read back on the worker. */
function hashOnWorker(path: string, ranges: readonly Range[]): Promise<number[]> {
  const w = crcWorker();
  if (w === null) return Promise.reject(new Error("no CRC worker"));
  const id = nextId++;
  return new Promise<number[]>((resolve, reject) => {
    jobs.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, path, ranges });
  });
}

/** The same as the worker, on this thread: the fallback when the worker fails. */
function hashFromFile(path: string, ranges: readonly Range[]): number[] {
  const fd = openSync(path, "r");
  try {
    return hashRanges(fd, ranges, new Uint8Array(CHUNK), readSync, crc32);
  } finally {
    closeSync(fd);
  }
}

/** Whether this runtime can share the pass: worker threads and Node's native `zlib.crc32`. */
export function canShareCrcs(): boolean {
  return typeof (zlib as { crc32?: unknown }).crc32 === "function" && !broken;
}

/**
 * The CRC-32s (by part index) of the `checksummed` parts of `parts`, just written in order to the
 * file at `path`: the parts before the worker's share hashed here, now, from memory; the rest
 * (the last parts, and the tail of the part where the share begins) read back and hashed by the
 * worker. Resolves once both are done.
 */
export function shareCrcs(
  path: string,
  parts: readonly Uint8Array[],
  checksummed: readonly number[],
): Promise<Map<number, number>> {
  const offsets: number[] = [];
  let position = 0;
  for (const part of parts) {
    offsets.push(position);
    position += part.length;
  }
  let total = 0;
  for (const index of checksummed) total += parts[index]!.length;
  // From the end, whole parts go to the worker until the one its share begins in, which is split.
  let need = Math.round(total * WORKER_SHARE);
  const theirs: { index: number; start: number }[] = [];
  for (let k = checksummed.length - 1; k >= 0 && need > 0; k--) {
    const index = checksummed[k]!;
    const length = parts[index]!.length;
    const start = Math.max(0, length - need);
    theirs.push({ index, start });
    need -= length - start;
  }
  const ranges: Range[] = theirs.map(({ index, start }) => [
    offsets[index]! + start,
    parts[index]!.length - start,
  ]);
  const pending = hashOnWorker(path, ranges).catch(() => hashFromFile(path, ranges));
  const starts = new Map(theirs.map(({ index, start }) => [index, start]));
  const known = new Map<number, number>();
  for (const index of checksummed) {
    const start = starts.get(index);
    if (start === 0) continue;
    const part = parts[index]!;
    known.set(index, crc32(start === undefined ? part : part.subarray(0, start)));
  }
  return pending.then((crcs) => {
    theirs.forEach(({ index, start }, k) => {
      const tail = crcs[k]!;
      const length = parts[index]!.length - start;
      known.set(index, start === 0 ? tail : crc32Combine(known.get(index)!, tail, length));
    });
    return known;
  });
}
