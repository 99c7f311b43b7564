import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import * as T from "../index.js";
import { CHUNK, SIMD_MIN_ELEMENTS, setSimdEnabled } from "../kernels/wasm/simd.js";
import type { Tensor } from "../tensor.js";

afterEach(() => {
  setSimdEnabled(true);
});

/** Special values (a NaN with its sign bit set among them) and ordinary ones. */
const element = fc.oneof(
  { weight: 8, arbitrary: fc.float({ min: -5, max: 5, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.NaN, -Number.NaN, 0, -0, Infinity, -Infinity, 1e-45, -1e-45),
  },
);

/** relu's input gradient for `x` and upstream `g`, as bit patterns. */
function reluGrad(x: Float32Array, g: Float32Array): number[] {
  const leaf = T.fromTypedArray(x.slice(), [x.length]).requiresGrad_();
  T.relu(leaf).backward(T.fromTypedArray(g.slice(), [g.length]));
  return Array.from(new Uint32Array((leaf.grad!.toTypedArray() as Float32Array).buffer));
}

describe("relu's backward (PyTorch's threshold_backward)", () => {
  it("is 0 where the output is <= 0 and the gradient elsewhere, NaN outputs included, on the kernels and in the loop alike", () => {
    const sizes = fc.oneof(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: SIMD_MIN_ELEMENTS - 3, max: SIMD_MIN_ELEMENTS + 20 }),
      fc.integer({ min: CHUNK - 3, max: CHUNK + 20 }),
    );
    fc.assert(
      fc.property(sizes, fc.infiniteStream(element), fc.nat(1000), (n, values, seed) => {
        const x = Float32Array.from({ length: n }, () => values.next().value);
        // a NaN with the sign bit set stays one through relu (its output is the input)
        if (n > 2) new Uint32Array(x.buffer)[1] = 0xffc00000;
        T.manualSeed(seed);
        const g = T.randn([n]).toTypedArray() as Float32Array;
        const want = Array.from(x, (v, i) => {
          const out = Math.max(v, 0); // relu's output, up to the sign of zero (no matter here)
          return new Uint32Array(Float32Array.of(out <= 0 ? 0 : g[i]!).buffer)[0]!;
        });
        const viaKernels = reluGrad(x, g);
        setSimdEnabled(false);
        const viaLoop = reluGrad(x, g);
        setSimdEnabled(true);
        expect(viaKernels).toEqual(want);
        expect(viaLoop).toEqual(want);
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  it("takes where and le for other layouts, with the same values", () => {
    const x = T.tensor([
      [Number.NaN, -1, 2],
      [0, 3, -0],
    ]).requiresGrad_();
    const y = T.relu(x);
    // a transposed (non-contiguous) upstream gradient
    y.backward(
      T.tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]).t(),
    );
    expect((x.grad as Tensor).toArray()).toEqual([
      [1, 0, 5],
      [0, 4, 0],
    ]);
  });
});
