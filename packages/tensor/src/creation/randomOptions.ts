import { castTo, copyInto } from "../iteration/cast.js";
import { rejectUnknownOptions } from "../options/rejectUnknownOptions.js";
import { defaultGenerator } from "../random/defaultGenerator.js";
import type { Generator } from "../random/generator.js";
import { contiguousStrides } from "../shape/dims.js";
import type { Storage } from "../storage.js";
import { Tensor } from "../tensor.js";
import type { CreationOptions } from "./options.js";

/** Options of the random creation functions: the usual ones plus the generator to draw from. */
export interface RandomOptions extends CreationOptions {
  /** The generator to draw from. Default: the default generator (seeded by `manualSeed`). */
  generator?: Generator;
}

/** The generator named in `options`, or the default one. */
export function generatorOf(options: { generator?: Generator }): Generator {
  return options.generator ?? defaultGenerator;
}

const IN_PLACE_OPTIONS = ["generator"] as const;

/**
 * The generator named in the options of an in-place random op (`uniform_`, `normal_`,
 * `bernoulli`, `random_`), whose only option it is: any other key is refused with a TypeError
 * naming `op` (`{ genrator: g }` would otherwise draw from the default generator silently).
 */
export function inPlaceGenerator(op: string, options: { generator?: Generator }): Generator {
  rejectUnknownOptions(op, options, IN_PLACE_OPTIONS);
  return generatorOf(options);
}

/**
 * Runs `fill` on `target`'s elements in row-major order: directly on its storage when it is
 * contiguous, else on a contiguous copy written back afterwards. Returns `target`.
 */
export function fillInOrder<S extends Storage>(target: Tensor, fill: (data: S) => void): Tensor {
  const n = target.numel();
  if (target.contiguousLayout) {
    fill(target.storage.subarray(target.storageOffset, target.storageOffset + n) as S);
    return target;
  }
  const copy = castTo(target, target.dtype);
  fill(copy.storage as S);
  copyInto(
    target,
    new Tensor(copy.storage, target.shape, contiguousStrides(target.shape), 0, target.dtype),
  );
  return target;
}
