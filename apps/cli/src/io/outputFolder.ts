import { mkdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "@kindling/serialize";
import { describeFsError, EXIT, UserError } from "../errors.js";

/**
 * Creates the output folder `out` (and its parents), one level at a time: Node's own recursive
 * `mkdir` spins forever on some paths (`/proc/x`: ENOENT it keeps retrying).
 * @throws UserError (exit 3) when it cannot be created, or is a file.
 */
export async function prepareFolder(out: string): Promise<void> {
  const target = resolve(out);
  const missing: string[] = [];
  let at = target;
  for (;;) {
    const kind = await kindOf(at);
    if (kind === "folder") break;
    if (kind === "other") {
      throw new UserError(
        `cannot create the output folder ${out}: ${at} is a file, not a folder`,
        EXIT.io,
      );
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as { code?: unknown }).code === "EEXIST" && (await kindOf(folder)) === "folder") {
        continue; // created meanwhile
      }
      throw new UserError(
        `cannot create the output folder ${out}: ${describeFsError(error)}`,
        EXIT.io,
      );
    }
  }
}

async function kindOf(path: string): Promise<"folder" | "other" | "missing"> {
  try {
    return (await stat(path)).isDirectory() ? "folder" : "other";
  } catch {
    return "missing";
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
