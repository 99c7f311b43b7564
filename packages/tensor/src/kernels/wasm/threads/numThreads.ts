/**
 * How many threads large float32 matrix products and tanh may use, as `torch.set_num_threads` sets it:
 * by default every core (`os.availableParallelism()` in Node, `navigator.hardwareConcurrency` in
 * browsers), or the `KINDLING_NUM_THREADS` environment variable, or {@link setNumThreads}; never
 * more than the cores. The calling thread is one of them, so `n` threads means `n - 1` workers.
 */

interface HostGlobals {
  process?: {
    env?: Record<string, string | undefined>;
    getBuiltinModule?: (id: string) => unknown;
  };
  navigator?: { hardwareConcurrency?: number };
}

let cores: number | undefined;
let requested: number | undefined;

/** The cores this process may use (1 when the runtime does not say). */
export function availableCores(): number {
  if (cores !== undefined) return cores;
  const g = globalThis as unknown as HostGlobals;
  let found = 1;
  try {
    const os = g.process?.getBuiltinModule?.("node:os") as
      | { availableParallelism?: () => number }
      | undefined;
    if (typeof os?.availableParallelism === "function") found = os.availableParallelism();
    else if (typeof g.navigator?.hardwareConcurrency === "number") {
      found = g.navigator.hardwareConcurrency;
    }
  } catch {
    found = 1;
  }
  cores = Number.isInteger(found) && found >= 1 ? found : 1;
  return cores;
}

function fromEnvironment(): number | undefined {
  const raw = (globalThis as unknown as HostGlobals).process?.env?.KINDLING_NUM_THREADS;
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/**
 * Sets the number of threads large float32 matrix products and tanh use
 * (`torch.set_num_threads`): 1 turns the worker pool off; larger values are capped at the cores
 * available. The pool is rebuilt with the new size on the next large product or tanh.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`setNumThreads: expected a positive integer, got ${n}`);
  }
  requested = n;
}

/** Forgets the value given to {@link setNumThreads} (for tests of the defaults). */
export function resetNumThreads(): void {
  requested = undefined;
}

/**
 * The number of threads large float32 matrix products and tanh use (`torch.get_num_threads`): the value
 * given to {@link setNumThreads}, else `KINDLING_NUM_THREADS`, else every core; at most the cores.
 */
export function getNumThreads(): number {
  const wanted = requested ?? fromEnvironment() ?? availableCores();
  return Math.max(1, Math.min(wanted, availableCores()));
}
