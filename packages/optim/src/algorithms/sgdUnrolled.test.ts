import { tensor } from "@kindling/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SGD } from "./sgd.js";

/**
 * SGD's float32 loops are unrolled by four; every length (the remainders 0-3 included) must give
 * the bits of the per-element formula, `m = fround(fround(b·momentum) + g)`,
 * `p = fround(p − fround(lr)·m)`, over three steps, with and without momentum.
 */
describe("SGD's unrolled float32 loops", () => {
  it("give the per-element bits for every length", () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 13 }),
        fc.constantFrom(0, 0.9),
        (values, momentum) => {
          const fr = Math.fround;
          const lr = 0.1;
          const p = tensor(values, { requiresGrad: true });
          const opt = new SGD([p], { lr, momentum });
          const want = values.map(fr);
          const buf = values.map(() => 0);
          for (let step = 0; step < 3; step++) {
            const grads = values.map((v, i) => fr(v * 0.5 - i + step));
            p.grad = tensor(grads);
            opt.step();
            for (let i = 0; i < want.length; i++) {
              const m =
                momentum === 0
                  ? grads[i]!
                  : step === 0
                    ? grads[i]!
                    : fr(fr(buf[i]! * fr(momentum)) + grads[i]!);
              buf[i] = m;
              want[i] = fr(want[i]! + fr(-lr) * m);
            }
          }
          expect(Array.from(p.toTypedArray() as Float32Array)).toEqual(want);
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });
});
