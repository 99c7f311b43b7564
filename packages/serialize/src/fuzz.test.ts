import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SerializeError } from "./errors.js";
import { OrderedDict, pyFloat, tuple } from "./pickle/pyTypes.js";
import { deserialize, serialize } from "./serialize.js";
import type { TensorData } from "./tensor/tensorData.js";

const storage = new Float32Array([1, 2, 3, 4, 5, 6]);
const matrix: TensorData = {
  dtype: "float32",
  shape: [2, 3],
  strides: [3, 1],
  storageOffset: 0,
  storage,
};
const column: TensorData = {
  dtype: "float32",
  shape: [2],
  strides: [3],
  storageOffset: 1,
  storage,
};
const steps: TensorData = {
  dtype: "int64",
  shape: [],
  strides: [],
  storageOffset: 0,
  storage: new BigInt64Array([9n]),
};

const valid: Record<string, Uint8Array> = {
  kindling: serialize(
    new OrderedDict<string, unknown>([
      ["matrix", matrix],
      ["column", column],
      ["steps", steps],
      [
        "group",
        new Map<unknown, unknown>([
          [0, { lr: pyFloat(1), betas: tuple(0.9, 0.99), big: 2n ** 80n }],
        ]),
      ],
    ]),
  ),
  torch: new Uint8Array(readFileSync(new URL("../fixtures/sgd.pt", import.meta.url))),
  safetensors: serialize(
    { matrix, column, steps },
    { format: "safetensors", metadata: { a: "b" } },
  ),
};

type Mutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "overwrite"; at: number; bytes: number[] };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant("overwrite" as const),
    at: fc.nat(),
    bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 8 }),
  }),
);

function mutate(source: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = source.slice();
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === "flip") bytes[at]! ^= 1 << m.bit;
    else if (m.kind === "truncate") bytes = bytes.slice(0, at);
    else if (m.kind === "insert")
      bytes = Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    else bytes.set(m.bytes.slice(0, bytes.length - at), at);
  }
  return bytes;
}

describe("fuzz: mutated checkpoints give a value or a SerializeError, quickly", () => {
  for (const [name, source] of Object.entries(valid)) {
    it(`${name}`, () => {
      expect(deserialize(source)).toBeDefined();
      fc.assert(
        fc.property(
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          (mutations, verifyCrc) => {
            const bytes = mutate(source, mutations);
            const start = performance.now();
            try {
              deserialize(bytes, { verifyCrc, onWarning: () => {} });
            } catch (error) {
              if (!(error instanceof SerializeError)) throw error;
            }
            expect(performance.now() - start).toBeLessThan(1000);
          },
        ),
        { numRuns: Number(process.env["KINDLING_FUZZ_RUNS"] ?? 300), seed: 20240901 },
      );
    });
  }
});
