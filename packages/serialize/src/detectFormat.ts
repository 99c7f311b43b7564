import { SerializeError } from "./errors.js";

/** The checkpoint formats: PyTorch's zip format (`.pt`, `.pth`) and safetensors. */
export type Format = "pt" | "safetensors";

/**
 * The format of checkpoint `bytes`, from their first bytes: a zip local header (`PK\x03\x04`, or
 * the end record of an empty zip) is PyTorch's format; an 8-byte length followed by `{` is
 * safetensors.
 *
 * @throws {SerializeError} `UNKNOWN_FORMAT` for anything else (including PyTorch's pre-1.6 legacy
 * format, a bare pickle).
 */
export function detectFormat(bytes: Uint8Array): Format {
  if (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  ) {
    return "pt";
  }
  if (bytes.length >= 9 && bytes[8] === 0x7b) return "safetensors";
  const legacy = bytes[0] === 0x80 && bytes[1] === 0x02;
  throw new SerializeError(
    "UNKNOWN_FORMAT",
    legacy
      ? "this looks like PyTorch's legacy (pre-1.6, non-zip) format, which is not supported: re-save it with a recent torch.save"
      : "the bytes are neither a PyTorch zip checkpoint nor a safetensors file",
  );
}

/** The format a file name implies: `.safetensors` is safetensors, anything else (`.pt`, `.pth`, `.bin`) PyTorch's. */
export function formatOfPath(path: string): Format {
  return path.toLowerCase().endsWith(".safetensors") ? "safetensors" : "pt";
}
