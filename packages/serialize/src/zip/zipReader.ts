import { check, SerializeError } from "../errors.js";
import { crc32 } from "./crc32.js";
import {
  CENTRAL_HEADER_SIGNATURE,
  CENTRAL_HEADER_SIZE,
  EOCD_SIGNATURE,
  EOCD_SIZE,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  LOCAL_HEADER_SIGNATURE,
  LOCAL_HEADER_SIZE,
  MAX_UINT16,
  MAX_UINT32,
  ZIP64_EOCD_SIGNATURE,
  ZIP64_EOCD_SIZE,
  ZIP64_EXTRA_ID,
  ZIP64_LOCATOR_SIGNATURE,
  ZIP64_LOCATOR_SIZE,
} from "./zipFormat.js";

/** One stored file of a zip archive, its data a zero-copy view on the archive's bytes. */
export interface ZipEntry {
  /** The path inside the archive. */
  readonly name: string;
  /** Offset of the first data byte in the archive. */
  readonly dataOffset: number;
  /** The data: a subarray of the archive bytes (no copy). */
  readonly data: Uint8Array;
  /** The CRC-32 the central directory records. */
  readonly crc32: number;
}

/** CRC-32s of byte ranges of an archive, known in advance (see `BlockCrcs`). */
export interface RangeCrcs {
  /** The CRC-32 of the archive's bytes `[begin, end)`. */
  crcOf(begin: number, end: number): number;
}

/** Options of {@link readZip}. */
export interface ZipReadOptions {
  /** Check every entry's CRC-32 (default true). Costs one pass over the data. */
  readonly verifyCrc?: boolean;
  /**
   * Where the CRC-32s to verify come from (default: computed from the entries' data): a file
   * reader that hashed the bytes while reading them passes its block checksums here. Offsets are
   * into the `bytes` given to `readZip`.
   */
  readonly checksums?: RangeCrcs;
  /** The most entries accepted (default 1,000,000). */
  readonly maxEntries?: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The entries of a store-only zip archive, validated: the end record is searched for within the
 * last 64 KiB + 22 bytes only; every offset and size must lie inside the file; the central
 * directory and each local header must agree (name, method, sizes and CRC unless a data descriptor
 * is announced); entries may not overlap each other or the directory; names must be unique,
 * relative, `/`-separated, free of `..` and NUL; only method 0 (stored) is accepted, so no entry
 * can expand beyond its stated size (deflate is refused: PyTorch never writes it). With
 * `verifyCrc` (the default) each entry's CRC-32 is checked. Entry data are subarrays of `bytes`.
 *
 * @throws {SerializeError} `BAD_ZIP`, `TRUNCATED`, `OUT_OF_RANGE` or `CRC_MISMATCH`, naming the entry.
 */
export function readZip(bytes: Uint8Array, options: ZipReadOptions = {}): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndRecord(bytes, view);
  let count = view.getUint16(eocd + 10, true);
  let centralSize = view.getUint32(eocd + 12, true);
  let centralOffset = view.getUint32(eocd + 16, true);
  check(
    view.getUint16(eocd + 4, true) === 0 && view.getUint16(eocd + 6, true) === 0,
    "BAD_ZIP",
    () => "multi-disk zip archives are not supported",
  );
  check(
    view.getUint16(eocd + 8, true) === count,
    "BAD_ZIP",
    () => "zip end record counts disagree",
  );
  let directoryEnd = eocd;
  const locator = eocd - ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR_SIGNATURE) {
    const z64 = getUint64(view, locator + 8, "zip64 end record offset");
    check(
      z64 + ZIP64_EOCD_SIZE <= locator && view.getUint32(z64, true) === ZIP64_EOCD_SIGNATURE,
      "BAD_ZIP",
      () => `zip64 end record expected at offset ${z64}`,
    );
    const z64Count = getUint64(view, z64 + 32, "zip64 entry count");
    check(
      getUint64(view, z64 + 24, "zip64 entry count") === z64Count,
      "BAD_ZIP",
      () => "zip64 end record counts disagree",
    );
    if (count === MAX_UINT16) count = z64Count;
    if (centralSize === MAX_UINT32)
      centralSize = getUint64(view, z64 + 40, "central directory size");
    if (centralOffset === MAX_UINT32)
      centralOffset = getUint64(view, z64 + 48, "central directory offset");
    directoryEnd = z64;
  }
  check(
    centralOffset + centralSize <= directoryEnd,
    "OUT_OF_RANGE",
    () =>
      `zip central directory (offset ${centralOffset}, ${centralSize} bytes) extends past its end record at ${directoryEnd}`,
  );
  const maxEntries = options.maxEntries ?? 1_000_000;
  check(
    count <= maxEntries,
    "TOO_LARGE",
    () => `zip has ${count} entries, more than ${maxEntries}`,
  );
  check(
    count * CENTRAL_HEADER_SIZE <= centralSize,
    "BAD_ZIP",
    () => `zip claims ${count} entries in a ${centralSize}-byte central directory`,
  );

  const entries = new Map<string, ZipEntry>();
  const spans: [number, number, string][] = [];
  let at = centralOffset;
  const centralEnd = centralOffset + centralSize;
  for (let k = 0; k < count; k++) {
    const parsed = readCentralHeader(bytes, view, at, centralEnd);
    at = parsed.next;
    check(!entries.has(parsed.name), "BAD_ZIP", () => `zip entry '${parsed.name}' appears twice`);
    const entry = readLocalHeader(bytes, view, parsed, centralOffset);
    spans.push([parsed.headerOffset, entry.dataOffset + entry.data.length, parsed.name]);
    entries.set(parsed.name, entry);
  }
  check(
    at === centralEnd,
    "BAD_ZIP",
    () => `zip central directory has ${centralEnd - at} stray bytes`,
  );
  spans.sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < spans.length; k++) {
    const [, prevEnd, prevName] = spans[k - 1]!;
    const [start, , name] = spans[k]!;
    check(start >= prevEnd, "BAD_ZIP", () => `zip entries '${prevName}' and '${name}' overlap`);
  }
  if (options.verifyCrc !== false) {
    const checksums = options.checksums;
    for (const entry of entries.values()) {
      const actual =
        checksums === undefined
          ? crc32(entry.data)
          : checksums.crcOf(entry.dataOffset, entry.dataOffset + entry.data.length);
      check(
        actual === entry.crc32,
        "CRC_MISMATCH",
        () =>
          `zip entry '${entry.name}' has CRC-32 ${hex(actual)}, its header says ${hex(entry.crc32)}`,
      );
    }
  }
  return entries;
}

function findEndRecord(bytes: Uint8Array, view: DataView): number {
  check(
    bytes.length >= EOCD_SIZE,
    "TRUNCATED",
    () => `${bytes.length} bytes are too few for a zip archive`,
  );
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_UINT16);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (
      bytes[at] === 0x50 &&
      view.getUint32(at, true) === EOCD_SIGNATURE &&
      at + EOCD_SIZE + view.getUint16(at + 20, true) === bytes.length
    ) {
      return at;
    }
  }
  throw new SerializeError(
    "BAD_ZIP",
    "no zip end of central directory record (truncated or not a zip)",
  );
}

interface CentralHeader {
  readonly name: string;
  readonly flags: number;
  readonly crc: number;
  readonly size: number;
  readonly headerOffset: number;
  readonly next: number;
}

function readCentralHeader(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  end: number,
): CentralHeader {
  check(
    at + CENTRAL_HEADER_SIZE <= end,
    "TRUNCATED",
    () => "zip central directory ends mid-header",
  );
  check(
    view.getUint32(at, true) === CENTRAL_HEADER_SIGNATURE,
    "BAD_ZIP",
    () => `no zip central directory header at offset ${at}`,
  );
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const crc = view.getUint32(at + 16, true);
  let compressed: number = view.getUint32(at + 20, true);
  let size: number = view.getUint32(at + 24, true);
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const commentLength = view.getUint16(at + 32, true);
  let headerOffset: number = view.getUint32(at + 42, true);
  const next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  check(next <= end, "TRUNCATED", () => "zip central directory ends mid-entry");
  const name = decodeName(
    bytes.subarray(at + CENTRAL_HEADER_SIZE, at + CENTRAL_HEADER_SIZE + nameLength),
  );
  check((flags & FLAG_ENCRYPTED) === 0, "BAD_ZIP", () => `zip entry '${name}' is encrypted`);
  check(
    method === 0,
    "BAD_ZIP",
    () =>
      `zip entry '${name}' uses compression method ${method}${method === 8 ? " (deflate)" : ""}; only stored (0) entries are read, as PyTorch writes them`,
  );
  const extra = readZip64Extra(view, at + CENTRAL_HEADER_SIZE + nameLength, extraLength, name);
  if (size === MAX_UINT32) size = extra.next("uncompressed size");
  if (compressed === MAX_UINT32) compressed = extra.next("compressed size");
  if (headerOffset === MAX_UINT32) headerOffset = extra.next("local header offset");
  check(
    compressed === size,
    "BAD_ZIP",
    () => `stored zip entry '${name}' has different compressed and uncompressed sizes`,
  );
  return { name, flags, crc, size, headerOffset, next };
}

function readLocalHeader(
  bytes: Uint8Array,
  view: DataView,
  central: CentralHeader,
  centralOffset: number,
): ZipEntry {
  const at = central.headerOffset;
  const name = central.name;
  check(
    at + LOCAL_HEADER_SIZE <= centralOffset,
    "OUT_OF_RANGE",
    () => `zip entry '${name}' has its local header at ${at}, past the entries`,
  );
  check(
    view.getUint32(at, true) === LOCAL_HEADER_SIGNATURE,
    "BAD_ZIP",
    () => `no local header for zip entry '${name}' at ${at}`,
  );
  const flags = view.getUint16(at + 6, true);
  check(
    view.getUint16(at + 8, true) === 0,
    "BAD_ZIP",
    () => `zip entry '${name}': local header method differs`,
  );
  const nameLength = view.getUint16(at + 26, true);
  const extraLength = view.getUint16(at + 28, true);
  const dataOffset = at + LOCAL_HEADER_SIZE + nameLength + extraLength;
  check(
    dataOffset <= centralOffset,
    "OUT_OF_RANGE",
    () => `zip entry '${name}': local header runs past the entries`,
  );
  const localName = decodeName(
    bytes.subarray(at + LOCAL_HEADER_SIZE, at + LOCAL_HEADER_SIZE + nameLength),
  );
  check(
    localName === name,
    "BAD_ZIP",
    () => `zip entry '${name}' is named '${localName}' in its local header`,
  );
  if ((flags & FLAG_DATA_DESCRIPTOR) === 0 && (central.flags & FLAG_DATA_DESCRIPTOR) === 0) {
    let size: number = view.getUint32(at + 22, true);
    if (size === MAX_UINT32) {
      const extra = readZip64Extra(view, at + LOCAL_HEADER_SIZE + nameLength, extraLength, name);
      size = extra.next("uncompressed size");
    }
    check(
      view.getUint32(at + 14, true) === central.crc && size === central.size,
      "BAD_ZIP",
      () => `zip entry '${name}': local header and central directory disagree on CRC or size`,
    );
  }
  check(
    dataOffset + central.size <= centralOffset,
    "OUT_OF_RANGE",
    () => `zip entry '${name}' (${central.size} bytes at ${dataOffset}) extends past the entries`,
  );
  return {
    name,
    dataOffset,
    data: bytes.subarray(dataOffset, dataOffset + central.size),
    crc32: central.crc,
  };
}

interface Zip64Fields {
  next(field: string): number;
}

function readZip64Extra(view: DataView, start: number, length: number, name: string): Zip64Fields {
  let at = start;
  const end = start + length;
  let fieldAt = -1;
  let fieldEnd = -1;
  while (at + 4 <= end) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    check(at + 4 + size <= end, "BAD_ZIP", () => `zip entry '${name}' has a malformed extra field`);
    if (id === ZIP64_EXTRA_ID) {
      fieldAt = at + 4;
      fieldEnd = at + 4 + size;
    }
    at += 4 + size;
  }
  return {
    next(field: string): number {
      check(
        fieldAt >= 0 && fieldAt + 8 <= fieldEnd,
        "BAD_ZIP",
        () => `zip entry '${name}' lacks its zip64 ${field}`,
      );
      const value = getUint64(view, fieldAt, `zip64 ${field} of '${name}'`);
      fieldAt += 8;
      return value;
    },
  };
}

function decodeName(raw: Uint8Array): string {
  let name: string;
  try {
    name = decoder.decode(raw);
  } catch {
    throw new SerializeError("BAD_ZIP", "zip entry name is not valid UTF-8");
  }
  const parts = name.split("/");
  check(
    name.length > 0 &&
      !name.startsWith("/") &&
      !name.includes("\\") &&
      !name.includes("\0") &&
      !/^[A-Za-z]:/.test(name) &&
      parts.every((part) => part !== ".."),
    "BAD_ZIP",
    () => `zip entry name ${JSON.stringify(name)} is not a safe relative path`,
  );
  return name;
}

function getUint64(view: DataView, at: number, what: string): number {
  const low = view.getUint32(at, true);
  const high = view.getUint32(at + 4, true);
  check(high < 0x200000, "OUT_OF_RANGE", () => `${what} is beyond 2^53`);
  return high * 0x100000000 + low;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}
