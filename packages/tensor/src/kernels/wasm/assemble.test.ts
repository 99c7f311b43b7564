import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import wabtInit from "wabt";

/**
 * The in-repo assembler (scripts/wasm/assemble.mjs, which the build uses so that it needs
 * nothing beyond Node) against wabt, the WebAssembly reference toolkit, installed from the npm
 * registry as a dev dependency: the same text gives the same bytes.
 */
const script = (path: string) =>
  pathToFileURL(fileURLToPath(new URL(`../../../scripts/wasm/${path}`, import.meta.url))).href;

describe("the kernels' assembler", () => {
  it("gives wabt's bytes for the kernels module (SIMD, a data segment, shuffles, pmin)", async () => {
    const wabt = await wabtInit();
    const { assemble } = (await import(script("assemble.mjs"))) as {
      assemble: (text: string) => Uint8Array;
    };
    const { kernelsWat } = (await import(script("kernelsWat.mjs"))) as {
      kernelsWat: () => string;
    };
    const text = kernelsWat();
    const reference = wabt.parseWat("kernels.wat", text).toBinary({}).buffer;
    expect(Buffer.from(assemble(text))).toEqual(Buffer.from(reference));
  });

  it("gives wabt's bytes for the relaxed-SIMD matmul module (f32x4.relaxed_madd)", async () => {
    const wabt = await wabtInit();
    const { assemble } = (await import(script("assemble.mjs"))) as {
      assemble: (text: string) => Uint8Array;
    };
    const { gemmRelaxedWat } = (await import(script("kernelsWat.mjs"))) as {
      gemmRelaxedWat: () => string;
    };
    const text = gemmRelaxedWat();
    const features = { simd: true, relaxed_simd: true };
    const reference = wabt.parseWat("gemmRelaxed.wat", text, features).toBinary({}).buffer;
    expect(Buffer.from(assemble(text))).toEqual(Buffer.from(reference));
  });

  it("gives wabt's bytes for the threaded matmuls' modules (an imported shared memory)", async () => {
    const wabt = await wabtInit();
    const { assemble } = (await import(script("assemble.mjs"))) as {
      assemble: (text: string) => Uint8Array;
    };
    const { gemmSharedWat } = (await import(script("kernelsWat.mjs"))) as {
      gemmSharedWat: (fma: boolean) => string;
    };
    for (const fma of [false, true]) {
      const text = gemmSharedWat(fma);
      const features = { simd: true, relaxed_simd: true, threads: true };
      const reference = wabt.parseWat("gemmShared.wat", text, features).toBinary({}).buffer;
      expect(Buffer.from(assemble(text))).toEqual(Buffer.from(reference));
    }
    const unshared = `(module
(import "env" "memory" (memory 2))
(func (export "f") (param $a i32) (result i32)
  local.get $a i32.load
)
)`;
    const reference = wabt.parseWat("t.wat", unshared).toBinary({}).buffer;
    expect(Buffer.from(assemble(unshared))).toEqual(Buffer.from(reference));
  });

  it("gives wabt's bytes for data strings with escapes and for negative constants", async () => {
    const wabt = await wabtInit();
    const { assemble } = (await import(script("assemble.mjs"))) as {
      assemble: (text: string) => Uint8Array;
    };
    const text = `(module
(memory (export "memory") 1)
(data (i32.const 16) "\\00\\ff\\7fAZ")
(data (i32.const 4096) "")
(func (export "f") (param $a i32) (result i32)
  i32.const -129 local.get $a i32.add
)
)`;
    const reference = wabt.parseWat("t.wat", text).toBinary({}).buffer;
    expect(Buffer.from(assemble(text))).toEqual(Buffer.from(reference));
  });
});
