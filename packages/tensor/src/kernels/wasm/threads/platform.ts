/**
 * Worker threads where the runtime has them, typed locally (the package builds without Node's or
 * the DOM's types): Node's `worker_threads` (reached synchronously through
 * `process.getBuiltinModule`, Node 20.16+), or a browser `Worker` from a Blob URL when the page
 * is cross-origin isolated and this code runs in a worker (a browser's main thread may not block
 * in `Atomics.wait`). Anywhere else {@link threadsSupported} is false and products run on one
 * thread.
 */

/** What the pool needs of a worker. */
export interface WorkerHandle {
  /** Sends a message (structured clone; a `SharedArrayBuffer` is shared, not copied). */
  postMessage(message: unknown): void;
  /** Stops the worker. */
  terminate(): void;
}

interface NodeWorker {
  postMessage(message: unknown): void;
  terminate(): unknown;
  unref(): void;
  on(event: "error" | "exit", listener: () => void): void;
}

interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onerror: ((event: unknown) => void) | null;
}

interface Host {
  process?: { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } };
  crossOriginIsolated?: boolean;
  document?: unknown;
  Worker?: new (url: string) => BrowserWorker;
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string };
}

type NodeWorkerClass = new (source: string, options: { eval: true }) => NodeWorker;

function nodeWorkerClass(): NodeWorkerClass | null {
  const host = globalThis as unknown as Host;
  if (typeof host.process?.versions?.node !== "string") return null;
  try {
    const wt = host.process.getBuiltinModule?.("node:worker_threads") as
      | { Worker?: NodeWorkerClass }
      | undefined;
    return typeof wt?.Worker === "function" ? wt.Worker : null;
  } catch {
    return null;
  }
}

function browserCanThread(host: Host): boolean {
  return (
    host.crossOriginIsolated === true &&
    host.document === undefined &&
    typeof host.Worker === "function" &&
    typeof host.Blob === "function" &&
    typeof host.URL?.createObjectURL === "function"
  );
}

/** True when this thread can start workers, share memory with them and block waiting for them. */
export function threadsSupported(): boolean {
  if (typeof SharedArrayBuffer !== "function" || typeof Atomics !== "object") return false;
  const host = globalThis as unknown as Host;
  return nodeWorkerClass() !== null || browserCanThread(host);
}

/**
 * Starts a worker running `source` (a classic script); `onFailure` is called if it fails.
 * Node workers are unreferenced: they never keep the process alive. Null when it cannot start.
 */
export function spawnWorker(source: string, onFailure: () => void): WorkerHandle | null {
  try {
    const NodeWorkerCtor = nodeWorkerClass();
    if (NodeWorkerCtor !== null) {
      const worker = new NodeWorkerCtor(source, { eval: true });
      worker.unref();
      worker.on("error", onFailure);
      worker.on("exit", onFailure);
      return {
        postMessage: (message) => worker.postMessage(message),
        terminate: () => void worker.terminate(),
      };
    }
    const host = globalThis as unknown as Host;
    if (!browserCanThread(host)) return null;
    const BlobCtor = host.Blob!;
    const url = host.URL!.createObjectURL(new BlobCtor([source], { type: "text/javascript" }));
    const worker = new host.Worker!(url);
    worker.onerror = onFailure;
    return {
      postMessage: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
    };
  } catch {
    return null;
  }
}
