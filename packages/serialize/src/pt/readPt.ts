import { check, SerializeError } from "../errors.js";
import { allowedGlobal } from "../pickle/allowList.js";
import { PyGlobal } from "../pickle/pyGlobal.js";
import type { PyValue } from "../pickle/pyTypes.js";
import { StorageRef } from "../pickle/storageRef.js";
import { type UnpickleOptions, unpickle } from "../pickle/unpickler.js";
import { bfloat16ToFloat32, float16ToFloat32 } from "../tensor/halfToFloat.js";
import { storageFromBytes } from "../tensor/storageBytes.js";
import { DTYPE_INFO, type SerialDType, type StorageArray } from "../tensor/tensorData.js";
import { type RangeCrcs, readZip, type ZipEntry } from "../zip/zipReader.js";

/** Options of {@link readPt}. */
export interface PtReadOptions extends Omit<UnpickleOptions, "persistentLoad"> {
  /** Check the CRC-32 of every archive entry (default true). */
  readonly verifyCrc?: boolean;
  /**
   * CRC-32s of the input's byte ranges computed while it was read (`load` passes them; default:
   * computed from the entries' data). See `readZip`.
   */
  readonly checksums?: RangeCrcs;
  /**
   * Copy tensor data out of the input (default false: storages are typed-array views on the
   * input bytes wherever alignment allows, so changing a loaded tensor changes those bytes).
   */
  readonly copy?: boolean;
  /** Convert float16 and bfloat16 storages to float32 (default true), with a warning. */
  readonly halfToFloat32?: boolean;
  /** Receives warnings (default `console.warn`). */
  readonly onWarning?: (message: string) => void;
}

const decoder = new TextDecoder();

/**
 * The value stored in a PyTorch checkpoint (the zip format of `torch.save`, PyTorch 1.6 and
 * later), read with the restricted unpickler (see `unpickle`). The archive folder is taken from
 * the first entry, as PyTorch does; `data.pkl` and `version` must be present; a `byteorder` of
 * `big` is honoured by swapping bytes. Each storage entry must hold exactly `numel` elements of
 * its type. Storages shared by several tensors are loaded once and shared.
 *
 * @throws {SerializeError} for a malformed archive or pickle, or a forbidden global.
 */
export function readPt(bytes: Uint8Array, options: PtReadOptions = {}): PyValue {
  const entries = readZip(bytes, {
    verifyCrc: options.verifyCrc !== false,
    ...(options.checksums === undefined ? {} : { checksums: options.checksums }),
  });
  const first = entries.keys().next();
  check(first.done !== true, "BAD_ZIP", () => "the zip archive is empty");
  const slash = first.value.indexOf("/");
  check(
    slash > 0,
    "BAD_ZIP",
    () => `the first zip entry '${first.value}' is not inside an archive folder`,
  );
  const prefix = first.value.slice(0, slash + 1);
  const entry = (name: string): ZipEntry | undefined => entries.get(prefix + name);
  const pickle = entry("data.pkl");
  if (pickle === undefined)
    throw new SerializeError("BAD_ZIP", `the archive has no '${prefix}data.pkl'`);
  const version = entry("version") ?? entry(".data/version");
  if (version === undefined)
    throw new SerializeError("BAD_ZIP", `the archive has no '${prefix}version' record`);
  const versionText = decoder.decode(version.data).trim();
  check(
    /^[1-9]\d{0,2}$/.test(versionText),
    "BAD_ZIP",
    () => `unsupported archive version ${JSON.stringify(versionText.slice(0, 20))}`,
  );
  const byteorderEntry = entry("byteorder");
  const byteorder = byteorderEntry === undefined ? "little" : decoder.decode(byteorderEntry.data);
  check(
    byteorder === "little" || byteorder === "big",
    "BAD_ZIP",
    () => `unknown byteorder ${JSON.stringify(byteorder.slice(0, 20))}`,
  );
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const loaded = new Map<string, StorageRef>();

  const persistentLoad = (pid: readonly unknown[]): StorageRef => {
    const [, type, key, location, numel] = pid;
    check(
      pid.length === 5,
      "BAD_PICKLE",
      () => `a storage persistent id has ${pid.length} fields, not 5`,
    );
    check(
      typeof key === "string" && /^\w{1,64}$/.test(key),
      "BAD_PICKLE",
      () => "a storage key is not a short word",
    );
    check(
      typeof location === "string",
      "BAD_PICKLE",
      () => `storage '${key}': location is not a string`,
    );
    const storageType =
      type instanceof PyGlobal ? allowedGlobal(type.module, type.name) : undefined;
    if (storageType?.kind !== "storage") {
      throw new SerializeError("BAD_PICKLE", `storage '${key}' has no storage type`);
    }
    const known = loaded.get(key);
    if (known !== undefined) return known;
    const dtype = storageType.dtype;
    const data = entry(`data/${key}`);
    if (data === undefined)
      throw new SerializeError("BAD_ZIP", `storage '${key}' has no '${prefix}data/${key}' record`);
    const itemSize = DTYPE_INFO[dtype].itemSize;
    check(
      typeof numel === "number" &&
        Number.isSafeInteger(numel) &&
        numel >= 0 &&
        numel * itemSize === data.data.length,
      "OUT_OF_RANGE",
      () =>
        `storage '${key}' claims ${String(numel)} ${dtype} elements, its record holds ${data.data.length} bytes`,
    );
    const ref = loadStorage(dtype, key, data.data, byteorder === "big", options, warn);
    loaded.set(key, ref);
    return ref;
  };

  return unpickle(pickle.data, { ...options, persistentLoad });
}

function loadStorage(
  dtype: SerialDType,
  key: string,
  bytes: Uint8Array,
  bigEndian: boolean,
  options: PtReadOptions,
  warn: (message: string) => void,
): StorageRef {
  const itemSize = DTYPE_INFO[dtype].itemSize;
  const source = bigEndian && itemSize > 1 ? swapBytes(bytes, itemSize) : bytes;
  const array = storageFromBytes(dtype, source, options.copy === true);
  if ((dtype === "float16" || dtype === "bfloat16") && options.halfToFloat32 !== false) {
    warn(`storage '${key}' of ${dtype} was converted to float32`);
    const widened: StorageArray =
      dtype === "float16"
        ? float16ToFloat32(array as Uint16Array)
        : bfloat16ToFloat32(array as Uint16Array);
    return new StorageRef("float32", widened, key);
  }
  return new StorageRef(dtype, array, key);
}

/** A copy of `bytes` with each `itemSize`-byte element reversed (big- to little-endian). */
function swapBytes(bytes: Uint8Array, itemSize: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += itemSize) {
    for (let k = 0; k < itemSize; k++) out[i + k] = bytes[i + itemSize - 1 - k]!;
  }
  return out;
}
