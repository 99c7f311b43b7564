/** The interpreter that imports torch, and torch's version; null when none is installed. */
export function findTorchPython(): { python: string; version: string } | null;
/** Forgets the cached interpreter. */
export function resetTorchPython(): void;
/**
 * Runs `code` under the PyTorch interpreter with `input` as JSON on standard input and returns its
 * standard output parsed as JSON.
 */
export function runTorch<T = unknown>(
  code: string,
  input?: unknown,
  options?: { args?: string[]; timeoutMs?: number },
): T;
