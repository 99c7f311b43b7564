/**
 * Weight initialisation as `torch.nn.init`, drawing from the same generator in the same order as
 * PyTorch, so `manualSeed(s)` gives the same weights.
 *
 * @packageDocumentation
 */
export { calculateGain, type Nonlinearity } from "./calculateGain.js";
export { constant_, ones_, zeros_ } from "./constant.js";
export { calculateCorrectFan, calculateFanInAndFanOut, type FanMode, type Fans } from "./fans.js";
export type { GeneratorOption } from "./generatorOption.js";
export { type KaimingOptions, kaimingNormal_, kaimingUniform_ } from "./kaiming.js";
export { normal_, uniform_ } from "./uniform.js";
export { xavierNormal_, xavierUniform_ } from "./xavier.js";
