/**
 * What went wrong, as a stable machine-readable code on every {@link SerializeError}:
 * - `BAD_ZIP`: the zip container is malformed (directory, headers, names, compression);
 * - `CRC_MISMATCH`: an entry's CRC-32 differs from the one its header records;
 * - `TRUNCATED`: the input ends before a structure it announces;
 * - `OUT_OF_RANGE`: an offset, size, index or count points outside what the file holds;
 * - `TOO_LARGE`: a size beyond a configured limit (header length, big integer, ...);
 * - `TOO_DEEP`: nesting beyond `maxDepth`, or a reference cycle;
 * - `BAD_PICKLE`: a pickle that is well formed byte-wise but makes no sense (stack underflow, ...);
 * - `UNKNOWN_OPCODE`: a pickle opcode the restricted unpickler does not implement;
 * - `FORBIDDEN_GLOBAL`: a pickle names a global outside the allow-list;
 * - `FORBIDDEN_CALL`: a pickle calls, builds or instantiates something not allowed;
 * - `BAD_SAFETENSORS`: the safetensors header or layout is malformed;
 * - `UNSUPPORTED_DTYPE`: a dtype or storage type this package does not read or write;
 * - `UNSUPPORTED_VALUE`: a JavaScript value that has no Python counterpart here;
 * - `UNKNOWN_FORMAT`: bytes that are neither a PyTorch zip nor a safetensors file.
 */
export type SerializeErrorCode =
  | "BAD_ZIP"
  | "CRC_MISMATCH"
  | "TRUNCATED"
  | "OUT_OF_RANGE"
  | "TOO_LARGE"
  | "TOO_DEEP"
  | "BAD_PICKLE"
  | "UNKNOWN_OPCODE"
  | "FORBIDDEN_GLOBAL"
  | "FORBIDDEN_CALL"
  | "BAD_SAFETENSORS"
  | "UNSUPPORTED_DTYPE"
  | "UNSUPPORTED_VALUE"
  | "UNKNOWN_FORMAT";

/**
 * The one error type this package throws for bad input or unsupported values. Its `code` says
 * what kind of problem it is; its message names the entry, opcode, global or value at fault.
 *
 * @example
 * ```ts
 * try {
 *   deserialize(bytes);
 * } catch (error) {
 *   if (error instanceof SerializeError && error.code === "FORBIDDEN_GLOBAL") {
 *     console.error(error.message); // "pickle refers to global 'os.system', which is not allowed"
 *   }
 * }
 * ```
 */
export class SerializeError extends Error {
  /** The kind of problem, stable across versions. */
  readonly code: SerializeErrorCode;

  /** An error of kind `code` with a message naming what was wrong. */
  constructor(code: SerializeErrorCode, message: string) {
    super(message);
    this.name = "SerializeError";
    this.code = code;
  }
}

/** Throws a {@link SerializeError} of `code` unless `condition` holds. */
export function check(
  condition: boolean,
  code: SerializeErrorCode,
  message: () => string,
): asserts condition {
  if (!condition) throw new SerializeError(code, message());
}
