import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "@kindling/serialize";
import { describeFsError, EXIT, UserError } from "../errors.js";

/**
 * Creates the output folder `out` (and its parents).
 * @throws UserError (exit 3) when it cannot be created.
 */
export async function prepareFolder(out: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new UserError(
      `cannot create the output folder ${out}: ${describeFsError(error)}`,
      EXIT.io,
    );
  }
}

/** A file a command wrote, with its role. */
export interface WrittenFile {
  /** What the file holds, e.g. `curves-csv`. */
  readonly kind: string;
  /** Its path. */
  readonly path: string;
}

/**
 * Runs `task`, turning a file-system error into a one-line UserError (exit 3) that names `where`.
 */
export async function withFsErrors<T>(where: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if ((error as { code?: unknown }).code !== undefined && !(error instanceof UserError)) {
      throw new UserError(`cannot write to ${where}: ${describeFsError(error)}`, EXIT.io);
    }
    throw error;
  }
}

/** Writes files into one folder, atomically each, and records them. */
export class OutputWriter {
  /** The files written so far, in order. */
  readonly files: WrittenFile[] = [];

  /** @param dir - The folder (already created). */
  constructor(readonly dir: string) {}

  /** Writes `name` in the folder atomically and records it under `kind`. */
  async write(kind: string, name: string, data: string | Uint8Array): Promise<string> {
    const path = join(this.dir, name);
    await withFsErrors(this.dir, () => writeFileAtomic(path, data));
    this.files.push({ kind, path });
    return path;
  }
}
