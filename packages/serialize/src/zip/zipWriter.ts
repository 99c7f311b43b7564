import { completedParts, type DeferredParts } from "../deferredParts.js";
import { SerializeError } from "../errors.js";
import { crc32 } from "./crc32.js";
import {
  CENTRAL_HEADER_SIGNATURE,
  CENTRAL_HEADER_SIZE,
  DATA_ALIGNMENT,
  EOCD_SIGNATURE,
  EOCD_SIZE,
  FLAG_UTF8,
  LOCAL_HEADER_SIGNATURE,
  LOCAL_HEADER_SIZE,
  MAX_UINT16,
  MAX_UINT32,
  PADDING_EXTRA_ID,
  ZIP64_EOCD_SIGNATURE,
  ZIP64_EOCD_SIZE,
  ZIP64_EXTRA_ID,
  ZIP64_LOCATOR_SIGNATURE,
  ZIP64_LOCATOR_SIZE,
} from "./zipFormat.js";

/** One file to store in a zip archive. */
export interface ZipRecord {
  /** The path inside the archive, `/`-separated (for example `archive/data/0`). */
  readonly name: string;
  /** The bytes, copied once into the archive. */
  readonly data: Uint8Array;
}

/** Options of {@link writeZip}. */
export interface ZipWriteOptions {
  /**
   * Write zip64 fields for every entry and the zip64 end records even where 32 bits suffice
   * (default false: zip64 only where a size, offset or count needs it). For tests.
   */
  readonly forceZip64?: boolean;
}

interface Layout {
  readonly name: Uint8Array;
  readonly data: Uint8Array;
  readonly headerOffset: number;
  readonly dataOffset: number;
  readonly localZip64: boolean;
  readonly paddingSize: number;
}

const encoder = new TextEncoder();

/** Where the CRC-32 sits in a local header and in a central directory header. */
const LOCAL_CRC_FIELD = 14;
const CENTRAL_CRC_FIELD = 16;

/**
 * A store-only zip archive laid out as PyTorch's `PyTorchStreamWriter` lays it out: each record's
 * data starts at a multiple of 64 bytes (an `FB` extra field of `Z`s pads the local header), names
 * are UTF-8, times are zero (so the output is reproducible), and zip64 records appear when a size,
 * offset or entry count passes the 32-bit (16-bit for counts) limits. Sizes and CRC-32s are
 * written in the local headers (no data descriptors). The output is allocated once and each
 * record's data copied once (see `zipParts` to write the archive without that copy).
 *
 * @example
 * ```ts
 * const bytes = writeZip([{ name: "archive/version", data: new TextEncoder().encode("3\n") }]);
 * bytes.length; // 64 + 2 + central directory + end record
 * ```
 */
export function writeZip(records: readonly ZipRecord[], options: ZipWriteOptions = {}): Uint8Array {
  return concatParts(zipParts(records, options));
}

/** One buffer holding `parts` one after the other. */
export function concatParts(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The archive {@link writeZip} writes, as consecutive parts: each record's local header then its
 * data (the record's own `data`, not a copy), and last the central directory with the end
 * records. Writing the parts in order (`writev`) gives the archive without assembling it.
 */
export function zipParts(
  records: readonly ZipRecord[],
  options: ZipWriteOptions = {},
): Uint8Array[] {
  return completedParts(zipPartsDeferred(records, options));
}

/**
 * {@link zipParts} with the CRC-32s left at zero until `complete()`, which computes them from the
 * records' data as they are then and writes them into the local headers (the even parts) and the
 * central directory (the last part): a file writer flushes the data to disk while the checksums
 * are computed.
 */
export function zipPartsDeferred(
  records: readonly ZipRecord[],
  options: ZipWriteOptions = {},
): DeferredParts {
  const force = options.forceZip64 === true;
  const layouts: Layout[] = [];
  let cursor = 0;
  let headerBytes = 0;
  for (const record of records) {
    const name = encoder.encode(record.name);
    if (name.length > MAX_UINT16) {
      throw new SerializeError("BAD_ZIP", `zip entry name is too long (${name.length} bytes)`);
    }
    const localZip64 = force || record.data.length >= MAX_UINT32;
    let start = cursor + LOCAL_HEADER_SIZE + name.length + 4 + (localZip64 ? 20 : 0);
    const paddingSize = (DATA_ALIGNMENT - (start % DATA_ALIGNMENT)) % DATA_ALIGNMENT;
    start += paddingSize;
    layouts.push({
      name,
      data: record.data,
      headerOffset: cursor,
      dataOffset: start,
      localZip64,
      paddingSize,
    });
    headerBytes += start - cursor;
    cursor = start + record.data.length;
  }
  const centralOffset = cursor;
  let centralSize = 0;
  for (const entry of layouts)
    centralSize += CENTRAL_HEADER_SIZE + entry.name.length + centralZip64Size(entry, force);
  const zip64End =
    force ||
    layouts.length >= MAX_UINT16 ||
    centralOffset >= MAX_UINT32 ||
    centralSize >= MAX_UINT32;
  const tailSize = centralSize + (zip64End ? ZIP64_EOCD_SIZE + ZIP64_LOCATOR_SIZE : 0) + EOCD_SIZE;

  const parts: Uint8Array[] = [];
  const headers = new Uint8Array(headerBytes);
  const headersView = new DataView(headers.buffer);
  const localCrcAt: number[] = [];
  let headerAt = 0;
  for (const entry of layouts) {
    const size = entry.dataOffset - entry.headerOffset;
    localCrcAt.push(writeLocal(headers, headersView, headerAt, entry));
    parts.push(headers.subarray(headerAt, headerAt + size), entry.data);
    headerAt += size;
  }
  const tail = new Uint8Array(tailSize);
  const view = new DataView(tail.buffer);
  const centralCrcAt: number[] = [];
  let at = 0;
  for (const entry of layouts) {
    centralCrcAt.push(at + CENTRAL_CRC_FIELD);
    at = writeCentral(tail, view, at, entry, force);
  }
  if (zip64End) {
    const zip64Offset = centralOffset + at;
    view.setUint32(at, ZIP64_EOCD_SIGNATURE, true);
    setUint64(view, at + 4, ZIP64_EOCD_SIZE - 12);
    view.setUint16(at + 12, 45, true); // version made by
    view.setUint16(at + 14, 45, true); // version needed
    view.setUint32(at + 16, 0, true); // this disk
    view.setUint32(at + 20, 0, true); // disk with the central directory
    setUint64(view, at + 24, layouts.length);
    setUint64(view, at + 32, layouts.length);
    setUint64(view, at + 40, centralSize);
    setUint64(view, at + 48, centralOffset);
    at += ZIP64_EOCD_SIZE;
    view.setUint32(at, ZIP64_LOCATOR_SIGNATURE, true);
    view.setUint32(at + 4, 0, true);
    setUint64(view, at + 8, zip64Offset);
    view.setUint32(at + 16, 1, true); // total disks
    at += ZIP64_LOCATOR_SIZE;
  }
  const count = zip64End ? MAX_UINT16 : layouts.length;
  view.setUint32(at, EOCD_SIGNATURE, true);
  view.setUint16(at + 8, count, true);
  view.setUint16(at + 10, count, true);
  view.setUint32(at + 12, zip64End ? MAX_UINT32 : centralSize, true);
  view.setUint32(at + 16, zip64End ? MAX_UINT32 : centralOffset, true);
  parts.push(tail);
  const changed = layouts.map((_, i) => 2 * i);
  changed.push(parts.length - 1);
  return {
    parts,
    checksummed: layouts.map((_, i) => 2 * i + 1),
    complete(known) {
      layouts.forEach((entry, i) => {
        const crc = known?.get(2 * i + 1) ?? crc32(entry.data);
        headersView.setUint32(localCrcAt[i]!, crc, true);
        view.setUint32(centralCrcAt[i]!, crc, true);
      });
      return changed;
    },
  };
}

function centralZip64Size(entry: Layout, force: boolean): number {
  let fields = 0;
  if (force || entry.data.length >= MAX_UINT32) fields += 2;
  if (force || entry.headerOffset >= MAX_UINT32) fields += 1;
  return fields === 0 ? 0 : 4 + 8 * fields;
}

/** Writes the local header of `entry` at `at`; returns where its CRC-32 field is. */
function writeLocal(out: Uint8Array, view: DataView, at: number, entry: Layout): number {
  const size = entry.localZip64 ? MAX_UINT32 : entry.data.length;
  view.setUint32(at, LOCAL_HEADER_SIGNATURE, true);
  view.setUint16(at + 4, entry.localZip64 ? 45 : 20, true);
  view.setUint16(at + 6, FLAG_UTF8, true);
  view.setUint16(at + 8, 0, true); // stored
  view.setUint32(at + 10, 0, true); // time and date
  view.setUint32(at + LOCAL_CRC_FIELD, 0, true); // filled in by complete()
  view.setUint32(at + 18, size, true);
  view.setUint32(at + 22, size, true);
  view.setUint16(at + 26, entry.name.length, true);
  const extraSize = (entry.localZip64 ? 20 : 0) + 4 + entry.paddingSize;
  view.setUint16(at + 28, extraSize, true);
  let p = at + LOCAL_HEADER_SIZE;
  out.set(entry.name, p);
  p += entry.name.length;
  if (entry.localZip64) {
    view.setUint16(p, ZIP64_EXTRA_ID, true);
    view.setUint16(p + 2, 16, true);
    setUint64(view, p + 4, entry.data.length);
    setUint64(view, p + 12, entry.data.length);
    p += 20;
  }
  view.setUint16(p, PADDING_EXTRA_ID, true);
  view.setUint16(p + 2, entry.paddingSize, true);
  out.fill(0x5a, p + 4, p + 4 + entry.paddingSize); // 'Z'
  return at + LOCAL_CRC_FIELD;
}

function writeCentral(
  out: Uint8Array,
  view: DataView,
  at: number,
  entry: Layout,
  force: boolean,
): number {
  const bigSize = force || entry.data.length >= MAX_UINT32;
  const bigOffset = force || entry.headerOffset >= MAX_UINT32;
  const extraSize = centralZip64Size(entry, force);
  view.setUint32(at, CENTRAL_HEADER_SIGNATURE, true);
  view.setUint16(at + 4, extraSize > 0 ? 45 : 20, true); // version made by (MS-DOS, 2.0 / 4.5)
  view.setUint16(at + 6, extraSize > 0 ? 45 : 20, true); // version needed
  view.setUint16(at + 8, FLAG_UTF8, true);
  view.setUint16(at + 10, 0, true); // stored
  view.setUint32(at + 12, 0, true); // time and date
  view.setUint32(at + CENTRAL_CRC_FIELD, 0, true); // filled in by complete()
  view.setUint32(at + 20, bigSize ? MAX_UINT32 : entry.data.length, true);
  view.setUint32(at + 24, bigSize ? MAX_UINT32 : entry.data.length, true);
  view.setUint16(at + 28, entry.name.length, true);
  view.setUint16(at + 30, extraSize, true);
  // comment length, disk number, internal and external attributes stay 0
  view.setUint32(at + 42, bigOffset ? MAX_UINT32 : entry.headerOffset, true);
  let p = at + CENTRAL_HEADER_SIZE;
  out.set(entry.name, p);
  p += entry.name.length;
  if (extraSize > 0) {
    view.setUint16(p, ZIP64_EXTRA_ID, true);
    view.setUint16(p + 2, extraSize - 4, true);
    p += 4;
    if (bigSize) {
      setUint64(view, p, entry.data.length);
      setUint64(view, p + 8, entry.data.length);
      p += 16;
    }
    if (bigOffset) {
      setUint64(view, p, entry.headerOffset);
      p += 8;
    }
  }
  return p;
}

function setUint64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 0x100000000, true);
  view.setUint32(at + 4, Math.floor(value / 0x100000000), true);
}
