import { DataError } from "../dataErrors.js";

/**
 * Throws a {@link DataError} naming what is wrong unless `position` is a loader position as
 * `DataLoader.position()` returns it: `defaultState` a Uint8Array, `loaderState` a Uint8Array or
 * null, `batches` a non-negative integer. @internal
 */
export function checkPosition(position: unknown): void {
  if (typeof position !== "object" || position === null) {
    throw new DataError(
      `DataLoader.resume expects a position from loader.position() ({ defaultState, loaderState, batches }), but got ${position === null ? "null" : typeof position}`,
    );
  }
  const p = position as Record<string, unknown>;
  const problems: string[] = [];
  if (!(p.defaultState instanceof Uint8Array)) problems.push("defaultState is not a Uint8Array");
  if (p.loaderState !== null && !(p.loaderState instanceof Uint8Array)) {
    problems.push("loaderState is neither a Uint8Array nor null");
  }
  if (!(Number.isInteger(p.batches) && (p.batches as number) >= 0)) {
    problems.push(`batches is not a non-negative integer (got ${String(p.batches)})`);
  }
  if (problems.length > 0) {
    throw new DataError(
      `DataLoader.resume expects a position from loader.position() ({ defaultState, loaderState, batches }): ${problems.join("; ")}`,
    );
  }
}
