/** The part of the WebAssembly JS API used here, typed locally so the build needs no DOM lib. */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
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
  try {
    const g = globalThis as unknown as {
      WebAssembly?: WebAssemblyApi;
      atob?: (s: string) => string;
    };
    const wasm = g.WebAssembly;
    if (typeof wasm !== "object" || typeof g.atob !== "function") return null;
    const bytes = Uint8Array.from(g.atob(base64), (c) => c.charCodeAt(0));
    if (!wasm.validate(bytes)) return null;
    const module = new wasm.Module(bytes);
    return { module, exports: new wasm.Instance(module, {}).exports };
  } catch {
    return null;
  }
}
