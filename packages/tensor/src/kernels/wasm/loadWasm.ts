/** The part of the WebAssembly JS API used here, typed locally so the build needs no DOM lib. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (limits: { initial: number; maximum: number; shared: boolean }) => object;
}

function webAssembly(): WebAssemblyApi | null {
  const wasm = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  return typeof wasm === "object" ? wasm : null;
}

/**
 * Compiles the WebAssembly module whose bytes are `base64` without instantiating it (for modules
 * with imports), or gives null where WebAssembly is missing or rejects the module.
 */
export function compileWasm(base64: string): object | null {
  try {
    const wasm = webAssembly();
    const atob = (globalThis as unknown as { atob?: (s: string) => string }).atob;
    if (wasm === null || typeof atob !== "function") return null;
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return wasm.validate(bytes) ? new wasm.Module(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * A new shared memory of `pages` 64 KiB pages (growing to `maxPages`) and an instance of
 * `module` (compiled by {@link compileWasm}) importing it as `env.memory`, whose exports are given
 * with that memory beside them as `memory`; null where shared memory is unavailable (a page that
 * is not cross-origin isolated).
 */
export function instantiateShared(
  module: object,
  pages: number,
  maxPages: number,
): { memory: object; exports: object } | null {
  try {
    const wasm = webAssembly();
    if (wasm === null) return null;
    const memory = new wasm.Memory({ initial: pages, maximum: maxPages, shared: true });
    const { exports } = new wasm.Instance(module, { env: { memory } });
    return { memory, exports: { ...exports, memory } };
  } catch {
    return null;
  }
}

/** A compiled module and its instance's exports. */
export interface LoadedWasm {
  /** The `WebAssembly.Module` (workers can instantiate it for their own memory). */
  readonly module: object;
  /** The instance's exports. */
  readonly exports: object;
}

/**
 * Compiles and instantiates (with no imports) the WebAssembly module whose bytes are `base64`,
 * or gives null where WebAssembly is missing or rejects the module (a runtime without the SIMD
 * extension, for kernels that use it), so the caller can run its TypeScript loops instead. For
 * packages that ship their own kernels built from source, as @kindling/optim does.
 *
 * @example
 * ```ts
 * const loaded = loadWasm(MY_KERNELS_BASE64);
 * const kernels = loaded === null ? null : (loaded.exports as MyKernels);
 * ```
 */
export function loadWasm(base64: string): LoadedWasm | null {
  const module = compileWasm(base64);
  if (module === null) return null;
  try {
    return { module, exports: new (webAssembly() as WebAssemblyApi).Instance(module, {}).exports };
  } catch {
    return null;
  }
}
