import { afterAll, describe, expect, it } from "vitest";
import { SchedulerError } from "../base/errors.js";
import type { Scheduler } from "../base/scheduler.js";
import type { OptimizerLike } from "../optimizerLike.js";
import { build, type LambdaStyle } from "./build.js";
import {
  asJson,
  type FixtureCase,
  loadFixture,
  makeOptimizer,
  momentaOf,
  note,
  relativeError,
  worst,
} from "./fixtures.js";

/** Relative tolerance against PyTorch. */
export const TOLERANCE = 1e-12;

function stepOnce(scheduler: Scheduler, c: FixtureCase, i: number): void {
  const s = scheduler as Scheduler & { step(arg?: number): void };
  if (c.metrics !== undefined) s.step(c.metrics[i]!);
  else if (c.epochs !== undefined) s.step(c.epochs[i]!);
  else s.step();
}

function compareRow(file: string, actual: number[], expected: number[], where: string): void {
  if (actual.length !== expected.length) expect.fail(`${where}: ${actual.length} groups`);
  for (let g = 0; g < expected.length; g++) {
    const error = relativeError(actual[g]!, expected[g]!);
    note(file, error);
    if (error > TOLERANCE) {
      expect.fail(`${where} group ${g}: ${actual[g]} vs PyTorch ${expected[g]} (rel ${error})`);
    }
  }
}

/** Runs steps `from + 1 .. end` of a case on `scheduler`, comparing every row with PyTorch's. */
function continueCase(
  file: string,
  c: FixtureCase,
  scheduler: Scheduler,
  optimizer: OptimizerLike,
  from: number,
): void {
  for (let i = from; i < c.lrs.length - 1; i++) {
    optimizer.step?.();
    stepOnce(scheduler, c, i);
    compareRow(
      file,
      optimizer.paramGroups.map((g) => g.lr),
      c.lrs[i + 1]!,
      `step ${i + 1}`,
    );
    if (c.momenta !== undefined) {
      compareRow(file, momentaOf(optimizer, c.optimizer), c.momenta[i + 1]!, `momentum ${i + 1}`);
    }
  }
}

/** Deep equality of state dicts, with numbers compared to {@link TOLERANCE} relative. */
function expectSameState(file: string, actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const error = relativeError(actual, expected);
    note(file, error);
    if (error > TOLERANCE) expect.fail(`${where}: ${actual} vs PyTorch ${expected}`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && actual.length === expected.length) {
    expected.forEach((e, i) => {
      expectSameState(file, actual[i], e, `${where}[${i}]`);
    });
    return;
  }
  if (
    expected !== null &&
    actual !== null &&
    typeof expected === "object" &&
    typeof actual === "object" &&
    !Array.isArray(expected)
  ) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a), `${where} keys`).toEqual(Object.keys(e));
    for (const key of Object.keys(e)) expectSameState(file, a[key], e[key], `${where}.${key}`);
    return;
  }
  expect(actual, where).toEqual(expected);
}

/**
 * The PyTorch conformance tests of one fixture file: every case's lr (and momentum) sequence,
 * `stateDict()` at every recorded step against PyTorch's, and a run continued from PyTorch's state
 * dict. Options: `style` builds lambdas as plain functions (default) or as expressions.
 */
export function describeFixtures(file: string, style: LambdaStyle = "function"): void {
  const cases = loadFixture(file);
  describe(`PyTorch fixtures: ${file}`, () => {
    afterAll(() => {
      const error = worst.get(file) ?? 0;
      console.log(
        `[fixtures] ${file}: max relative error ${error}${error === 0 ? " (exact)" : ""}`,
      );
    });
    for (const c of cases) {
      describe(c.name, () => {
        it(`matches PyTorch's lrs for ${c.lrs.length - 1} steps`, () => {
          const optimizer = makeOptimizer(c.optimizer, c.groups);
          const scheduler = build(c, optimizer, style);
          compareRow(
            file,
            optimizer.paramGroups.map((g) => g.lr),
            c.lrs[0]!,
            "construction",
          );
          if (c.momenta !== undefined) {
            compareRow(file, momentaOf(optimizer, c.optimizer), c.momenta[0]!, "momentum 0");
          }
          continueCase(file, c, scheduler, optimizer, 0);
          if (c.error !== undefined) {
            optimizer.step?.();
            let thrown: unknown;
            try {
              stepOnce(scheduler, c, c.lrs.length - 1);
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(SchedulerError);
            expect((thrown as Error).message).toBe(c.error.message);
          }
        });

        it("stateDict() equals PyTorch's state_dict() (keys, order, values)", () => {
          const optimizer = makeOptimizer(c.optimizer, c.groups);
          const scheduler = build(c, optimizer, style);
          const checkpoints = Object.keys(c.states).map(Number);
          for (let i = 0; i <= Math.max(...checkpoints); i++) {
            const expected = c.states[String(i)];
            if (expected !== undefined) {
              const actual = asJson(scheduler.stateDict()) as Record<string, unknown>;
              expect(Object.keys(actual), `keys after ${i} steps`).toEqual(Object.keys(expected));
              expectSameState(file, actual, expected, `state after ${i} steps`);
            }
            optimizer.step?.();
            stepOnce(scheduler, c, i);
          }
        });

        it("continues identically from PyTorch's state dict", () => {
          for (const [key, state] of Object.entries(c.states)) {
            const k = Number(key);
            if (k === 0) continue;
            const optimizer = makeOptimizer(c.optimizer, c.groups);
            const scheduler = build(c, optimizer, style);
            optimizer.paramGroups.forEach((group, g) => {
              group.lr = c.lrs[k]![g]!;
              if (c.momenta !== undefined) {
                const m = c.momenta[k]![g]!;
                if (c.optimizer === "adam") (group["betas"] as number[])[0] = m;
                else group["momentum"] = m;
              }
            });
            scheduler.loadStateDict(structuredClone(state));
            continueCase(file, c, scheduler, optimizer, k);
          }
        });
      });
    }
  });
}
