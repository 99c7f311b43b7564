/** The host's console, reached through `globalThis` so the package needs no DOM or Node types. */
const host = (globalThis as { console?: { warn(message: string): void } }).console;

/** Prints a warning line, as Python's `warnings.warn` does for PyTorch's init functions. */
export function warn(message: string): void {
  host?.warn(`UserWarning: ${message}`);
}
