import fc from "fast-check";

/** A shape of up to `maxDims` dims, each of size 1 to `maxSize`. */
export function shapeArb(maxDims = 3, maxSize = 3): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 1, max: maxSize }), { minLength: 0, maxLength: maxDims });
}

/**
 * Two shapes that broadcast together to `out`: each drops some leading dims and sets some dims
 * to 1, as PyTorch's broadcasting allows. Every dim of `out` keeps its full size in at least one
 * operand (the second one keeps whatever the first dropped or set to 1), so `out` is truly their
 * broadcast shape: were both set to 1, the result would be 1, not `out`'s size.
 */
export function broadcastPairArb(
  maxDims = 3,
  maxSize = 3,
): fc.Arbitrary<[number[], number[], number[]]> {
  return shapeArb(maxDims, maxSize).chain((out) => {
    const n = out.length;
    const choice = fc.tuple(
      fc.integer({ min: 0, max: n }),
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    );
    return fc.tuple(choice, choice).map(([[dropA, onesA], [dropB, onesB]]) => {
      const a = out.map((s, i) => (onesA[i] ? 1 : s)).slice(dropA);
      // A dim the first operand lacks (dropped or 1) must stay whole in the second.
      const lacks = (i: number): boolean => i < dropA || onesA[i] === true;
      let keepFrom = dropB;
      for (let i = 0; i < n; i++) {
        if (lacks(i)) {
          keepFrom = Math.min(keepFrom, i);
          break;
        }
      }
      const b = out.map((s, i) => (onesB[i] && !lacks(i) ? 1 : s)).slice(keepFrom);
      return [a, b, out] as [number[], number[], number[]];
    });
  });
}
