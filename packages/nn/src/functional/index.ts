/**
 * Functions mirroring `torch.nn.functional`: activations, dropout, linear and losses, each
 * differentiable through `@kindling/tensor`'s autograd.
 *
 * @packageDocumentation
 */
export { logSoftmax, relu, sigmoid, softmax, tanh } from "@kindling/tensor";
export { dropout } from "./dropout.js";
export { elu } from "./elu.js";
export { type GeluApproximate, gelu } from "./gelu.js";
export { leakyRelu } from "./leakyRelu.js";
export { linear } from "./linear.js";
export { type BCEOptions, binaryCrossEntropy } from "./losses/binaryCrossEntropy.js";
export {
  type BCEWithLogitsOptions,
  binaryCrossEntropyWithLogits,
} from "./losses/binaryCrossEntropyWithLogits.js";
export { type CrossEntropyOptions, crossEntropy } from "./losses/crossEntropy.js";
export { type HuberOptions, huberLoss } from "./losses/huberLoss.js";
export { l1Loss } from "./losses/l1Loss.js";
export { mseLoss } from "./losses/mseLoss.js";
export { type ClassLossOptions, nllLoss } from "./losses/nllLoss.js";
export type { Reduction, ReductionOption } from "./losses/reduction.js";
export { type SmoothL1Options, smoothL1Loss } from "./losses/smoothL1Loss.js";
export { silu } from "./silu.js";
export { softplus } from "./softplus.js";
