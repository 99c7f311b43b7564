import { describe, expect, it } from "vitest";

/** A node's name and its inputs' node names (null: no node), or nulls for a tensor without one. */
export interface GradFnExpected {
  name: string | null;
  next: (string | null)[] | null;
}

/** What the comparison reads of a tensor: its backward node, if any. */
export interface WithGradFn {
  readonly gradFn: {
    readonly name: string;
    readonly next: readonly ({ name: string } | null)[];
  } | null;
}

/** A case where Kindling's graph is knowingly not PyTorch's: what Kindling records, and why. */
export type KnownDifference = GradFnExpected & { why: string };

function observed(t: WithGradFn): GradFnExpected {
  const fn = t.gradFn;
  if (fn === null) return { name: null, next: null };
  return { name: fn.name, next: fn.next.map((n) => n?.name ?? null) };
}

/**
 * The gradFn parity suite of a package (fixtures from scripts/torch/gen_*_gradfn.py): every
 * fixture id has a case building the same tensor, and each case's `gradFn.name` and the names of
 * `gradFn.next` equal PyTorch's `grad_fn` and `next_functions`. A known difference is asserted
 * as Kindling's current graph and as unlike PyTorch's, so its entry fails once either side
 * changes.
 */
export function describeGradFnParity(
  title: string,
  expected: Record<string, GradFnExpected>,
  cases: Record<string, () => WithGradFn>,
  known: Record<string, KnownDifference> = {},
): void {
  describe(title, () => {
    it("has the same case ids as the fixture", () => {
      expect(Object.keys(cases).sort()).toEqual(Object.keys(expected).sort());
    });

    const ids = Object.keys(expected).filter((id) => id in cases);
    it.each(ids)("%s", (id) => {
      const got = observed(cases[id]!());
      const difference = known[id];
      if (difference === undefined) {
        expect(got, id).toEqual(expected[id]);
        return;
      }
      expect(got, `${id}: PyTorch now matches? (${difference.why})`).not.toEqual(expected[id]);
      expect(got, `${id}: the known difference changed`).toEqual({
        name: difference.name,
        next: difference.next,
      });
    });
  });
}
