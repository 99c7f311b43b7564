/**
 * Exit codes of the `kindling` command (documented in the package README):
 * 0 success, 1 internal error (a bug: please report it), 2 usage error (unknown command or
 * option, invalid value), 3 input/output error (a file or folder that cannot be read or written),
 * 4 diverged (`kindling fit` stopped because the weights stopped being finite numbers),
 * 130 interrupted (Ctrl-C: `kindling fit` stops after the epoch, with its checkpoint written).
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  io: 3,
  diverged: 4,
  interrupted: 130,
} as const;

/** A mistake of the user's or of the environment: printed as one line, without a stack trace. */
export class UserError extends Error {
  override readonly name = "UserError";
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** The one-line description of a file-system error, e.g. "permission denied". */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const known: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOENT: "no such file or directory",
    ENOTDIR: "a path component is not a folder",
    EEXIST: "already exists",
    EISDIR: "is a folder",
    ENOSPC: "no space left on the device",
    EROFS: "read-only file system",
  };
  if (typeof code === "string" && known[code] !== undefined) return known[code]!;
  return error instanceof Error ? error.message : String(error);
}
