/** The host's console, reached through `globalThis` so the package needs no DOM or Node types. */
const host = (globalThis as { console?: { log(m: string): void; warn(m: string): void } }).console;

/** Prints a line, as Python's `print` (verbose schedulers). */
export function print(message: string): void {
  host?.log(message);
}

/** Prints a warning line to the console's warning stream. */
export function printWarning(message: string): void {
  host?.warn(message);
}
