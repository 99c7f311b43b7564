/**
 * Random numbers identical to PyTorch 1.13's CPU generator, written into typed arrays.
 *
 * @packageDocumentation
 */
export { type BernoulliOutput, fillBernoulli, fillBernoulliTensor } from "./bernoulli.js";
export {
  defaultGenerator,
  getRngState,
  initialSeed,
  manualSeed,
  seed,
  setRngState,
} from "./defaultGenerator.js";
export { DEFAULT_SEED, Generator } from "./generator.js";
export { drawInt64Seed, fillRandom, fillRandomFull64, fillRandomInt64 } from "./integer.js";
export { fillNormal, fillNormalScalar, NORMAL_BLOCK_MIN, normalFloat64 } from "./normal.js";
export { randpermInto } from "./randperm.js";
export { LEGACY_STATE_BYTES, STATE_BYTES } from "./state.js";
export { fillUniform, uniformFloat32, uniformFloat64 } from "./uniform.js";
