/**
 * Modules, layers, losses and initialisation that match PyTorch's torch.nn.
 *
 * @packageDocumentation
 */
export { ELU } from "./activations/elu.js";
export { GELU } from "./activations/gelu.js";
export { LeakyReLU } from "./activations/leakyRelu.js";
export { LogSoftmax } from "./activations/logSoftmax.js";
export { ReLU } from "./activations/relu.js";
export { Sigmoid } from "./activations/sigmoid.js";
export { SiLU } from "./activations/silu.js";
export { Softmax } from "./activations/softmax.js";
export { Softplus } from "./activations/softplus.js";
export { Tanh } from "./activations/tanh.js";
export { type BNModel, CourseNet, type CourseNetOptions } from "./course/courseNet.js";
export {
  type NetClassOptions,
  netClass1,
  netClass2,
  netClass3,
  netClass4,
} from "./course/netClass.js";
export * as functional from "./functional/index.js";
export type { Reduction } from "./functional/losses/reduction.js";
export * as init from "./init/index.js";
export { BatchNorm1d, type BatchNorm1dOptions } from "./layers/batchNorm1d.js";
export { Dropout } from "./layers/dropout.js";
export { Flatten } from "./layers/flatten.js";
export { Identity } from "./layers/identity.js";
export { Linear, type LinearOptions } from "./layers/linear.js";
export { ModuleDict } from "./layers/moduleDict.js";
export { ModuleList } from "./layers/moduleList.js";
export { Sequential, type TensorModule } from "./layers/sequential.js";
export { BCELoss } from "./losses/bceLoss.js";
export { BCEWithLogitsLoss } from "./losses/bceWithLogitsLoss.js";
export { CrossEntropyLoss } from "./losses/crossEntropyLoss.js";
export { HuberLoss } from "./losses/huberLoss.js";
export { L1Loss } from "./losses/l1Loss.js";
export { Loss } from "./losses/loss.js";
export { MSELoss } from "./losses/mseLoss.js";
export { NLLLoss } from "./losses/nllLoss.js";
export { SmoothL1Loss } from "./losses/smoothL1Loss.js";
export { Buffer } from "./module/buffer.js";
export { deepCopy } from "./module/deepCopy.js";
export type { LoadResult, StateDictInput } from "./module/loadStateDict.js";
export { type AnyModule, type BufferOptions, Module } from "./module/module.js";
export { Parameter } from "./module/parameter.js";
export type { StateDict, StateDictOptions } from "./module/stateDict.js";
export { StateDictError } from "./module/stateDictError.js";
export {
  AveragedModel,
  type AveragedModelOptions,
  type AverageFn,
} from "./swa/averagedModel.js";
export { updateBn } from "./swa/updateBn.js";
