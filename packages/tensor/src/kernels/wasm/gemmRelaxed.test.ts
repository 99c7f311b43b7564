import { existsSync, readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as T from "../../index.js";
import type { Tensor } from "../../tensor.js";
import { untilWorkersRun } from "../../testing/workers.js";
import { relaxedSimdActive, setRelaxedSimdEnabled } from "./gemmModule.js";
import { GEMM_RELAXED_WASM_BASE64 } from "./gemmRelaxedBinary.js";
import { loadWasm } from "./loadWasm.js";
import { setSimdEnabled, simdAvailable } from "./simd.js";
import { setThreadedGemmEnabled } from "./threads/gemmThreaded.js";
import { workerTaskCount } from "./threads/jobs.js";
import { availableCores, resetNumThreads, setNumThreads } from "./threads/numThreads.js";
import { threadsSupported } from "./threads/platform.js";

/**
 * The relaxed-SIMD matmul kernel (gemmRelaxed.wat: `f32x4.relaxed_madd`), the default wherever the
 * runtime has relaxed SIMD: Node 22 and later, and Node 20 once gemmModule.ts has turned on its
 * V8 flag. gemmF32.test.ts and threads/gemmThreaded.test.ts run on this kernel here and again on
 * the plain one in the vitest project "@kindling/tensor (plain SIMD matmul)" (see gemmPlain.test.ts).
 *
 * The products below tell a fused multiply-add from a multiply and an add. Row i of A is
 * `[-1, 1 + 2⁻¹², 0, ...]` and every column of B is `[1, 1 + 2⁻¹², 0, ...]`, so each element of C
 * is `-1 + (1 + 2⁻¹²)²`, that is `2⁻¹¹ + 2⁻²⁴`, exact in float32. Rounding the product first
 * (`1 + 2⁻¹¹ + 2⁻²⁴` ties to `1 + 2⁻¹¹`) gives `2⁻¹¹`.
 */
const FUSED = 2 ** -11 + 2 ** -24;
const UNFUSED = 2 ** -11;

/** Node 20's V8 (11.3) has relaxed SIMD behind a flag, which the tensor package turns on. */
const node20 = /^11\.3\./.test(process.versions.v8);
const relaxedHere = simdAvailable() && relaxedSimdActive();
/** x64 with FMA3 and arm64 fuse `relaxed_madd` (V8 lowers it to vfmadd / fmla). */
const machineFuses =
  process.arch === "arm64" ||
  (process.arch === "x64" &&
    existsSync("/proc/cpuinfo") &&
    /^flags\s*:.*\bfma\b/m.test(readFileSync("/proc/cpuinfo", "utf8")));

function tellingOperands(m: number, k: number, n: number): [Tensor, Tensor] {
  const a = new Float32Array(m * k);
  const b = new Float32Array(k * n);
  for (let i = 0; i < m; i++) {
    a[i * k] = -1;
    a[i * k + 1] = 1 + 2 ** -12;
  }
  for (let j = 0; j < n; j++) {
    b[j] = 1;
    b[n + j] = 1 + 2 ** -12;
  }
  return [T.fromTypedArray(a, [m, k]), T.fromTypedArray(b, [k, n])];
}

/** The distinct values of a float32 tensor. */
function values(t: Tensor): number[] {
  return [...new Set(t.toTypedArray() as Float32Array)];
}

afterEach(() => {
  setRelaxedSimdEnabled(true);
});

describe.skipIf(!simdAvailable())("relaxed SIMD in this runtime", () => {
  it("is on for float32 matmuls in Node 20 and later, V8's flag turned on where it is needed", () => {
    expect(relaxedSimdActive()).toBe(true);
    // once on, the flag holds for every module compiled in the process
    expect(loadWasm(GEMM_RELAXED_WASM_BASE64)).not.toBeNull();
    if (node20) expect(process.execArgv).not.toContain("--experimental-wasm-relaxed-simd");
  });
});

describe.skipIf(!relaxedHere)("relaxed-SIMD matmul (fused multiply-add)", () => {
  it("runs float32 matmuls where the runtime has relaxed SIMD, unless turned off", () => {
    expect(relaxedSimdActive()).toBe(true);
    const [a, b] = tellingOperands(64, 64, 64);
    expect(values(T.matmul(a, b))).toEqual([machineFuses ? FUSED : UNFUSED]);
    expect(setRelaxedSimdEnabled(false)).toBe(true);
    expect(relaxedSimdActive()).toBe(false);
    expect(values(T.matmul(a, b))).toEqual([UNFUSED]);
    // the TypeScript path sums in float64 and rounds once: the exact value
    const previous = setSimdEnabled(false);
    try {
      expect(values(T.matmul(a, b))).toEqual([FUSED]);
    } finally {
      setSimdEnabled(previous);
    }
  });

  describe.skipIf(!threadsSupported() || availableCores() < 2)("on two threads", () => {
    beforeAll(async () => {
      setNumThreads(2);
      const [a, b] = tellingOperands(512, 256, 256);
      expect(await untilWorkersRun(a, b)).toBe(true);
    });

    afterAll(() => {
      resetNumThreads();
    });

    it("the workers run the caller's kernel, and switch with it", async () => {
      const [a, b] = tellingOperands(512, 256, 256);
      for (const relaxed of [true, false, true]) {
        setRelaxedSimdEnabled(relaxed);
        const expected = relaxed && machineFuses ? FUSED : UNFUSED;
        const previous = setThreadedGemmEnabled(false);
        expect(values(T.matmul(a, b))).toEqual([expected]);
        setThreadedGemmEnabled(previous);
        // a replaced pool's workers start within a few products: until then the caller runs all
        const before = workerTaskCount();
        const ran = await untilWorkersRun(
          a,
          b,
          () => workerTaskCount() > before,
          (c) => expect(values(c)).toEqual([expected]),
        );
        expect(ran).toBe(true);
        expect(values(T.matmul(a, b))).toEqual([expected]);
      }
    });
  });
});
