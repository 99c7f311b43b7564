/**
 * Strided tensors with reverse-mode autograd and PyTorch-identical random numbers.
 *
 * @packageDocumentation
 */

export type { BackwardOptions } from "./autograd/engine.js";
export { enableGrad, isGradEnabled, noGrad, setGradEnabled } from "./autograd/gradMode.js";
export { AccumulateGrad, type BackwardFn, GradNode } from "./autograd/gradNode.js";
export { type Saved, SavedView } from "./autograd/saved.js";
export { incrementVersion } from "./autograd/version.js";
export { arange } from "./creation/arange.js";
export { empty } from "./creation/empty.js";
export { emptyLike } from "./creation/emptyLike.js";
export { eye } from "./creation/eye.js";
export { fromTypedArray } from "./creation/fromTypedArray.js";
export { full } from "./creation/full.js";
export { fullLike } from "./creation/fullLike.js";
export { linspace } from "./creation/linspace.js";
export { ones } from "./creation/ones.js";
export { onesLike } from "./creation/onesLike.js";
export type { CreationOptions, ShapeLike } from "./creation/options.js";
export { rand } from "./creation/rand.js";
export { randint } from "./creation/randint.js";
export { randn } from "./creation/randn.js";
export type { RandomOptions } from "./creation/randomOptions.js";
export { randperm } from "./creation/randperm.js";
export type { SizeArgs } from "./creation/sizeArgs.js";
export { type TensorData, tensor } from "./creation/tensor.js";
export { zeros } from "./creation/zeros.js";
export { zerosLike } from "./creation/zerosLike.js";
export {
  canCast,
  DEFAULT_DTYPE,
  DTYPES,
  type DType,
  dtypeByteSize,
  isFloatingPoint,
  promoteTypes,
} from "./dtype.js";
export { AutogradError, DTypeError, IndexError, ShapeError } from "./errors.js";
export { formatTensor } from "./format/formatTensor.js";
export { resultType, type Scalar } from "./iteration/operands.js";
export { relaxedSimdActive, setRelaxedSimdEnabled } from "./kernels/wasm/gemmModule.js";
export { type LoadedWasm, loadWasm } from "./kernels/wasm/loadWasm.js";
export { getNumThreads, setNumThreads } from "./kernels/wasm/threads/numThreads.js";
export { abs } from "./ops/abs.js";
export { add, add_ } from "./ops/add.js";
export { amax } from "./ops/amax.js";
export { argmax } from "./ops/argmax.js";
export { argmin } from "./ops/argmin.js";
export { batchNormEval } from "./ops/batchNormEval.js";
export { batchNormTrain } from "./ops/batchNormTrain.js";
export { bernoulli } from "./ops/bernoulli.js";
export { bmm } from "./ops/bmm.js";
export { cat } from "./ops/cat.js";
export { ceil } from "./ops/ceil.js";
export { chunk } from "./ops/chunk.js";
export { clamp, clamp_ } from "./ops/clamp.js";
export { clone } from "./ops/clone.js";
export { contiguous } from "./ops/contiguous.js";
export { copy_ } from "./ops/copy.js";
export { cos } from "./ops/cos.js";
export { detach } from "./ops/detach.js";
export { div, div_ } from "./ops/div.js";
export { eq } from "./ops/eq.js";
export { exp } from "./ops/exp.js";
export { expand } from "./ops/expand.js";
export { expm1 } from "./ops/expm1.js";
export { fill_, zero_ } from "./ops/fill.js";
export { flatten } from "./ops/flatten.js";
export { floor } from "./ops/floor.js";
export { gather } from "./ops/gather.js";
export { ge } from "./ops/ge.js";
export { gt } from "./ops/gt.js";
export { indexAdd } from "./ops/indexAdd.js";
export { indexSelect } from "./ops/indexSelect.js";
export { le } from "./ops/le.js";
export { linear } from "./ops/linear.js";
export { log } from "./ops/log.js";
export { log1p } from "./ops/log1p.js";
export { logicalAnd } from "./ops/logicalAnd.js";
export { logicalNot } from "./ops/logicalNot.js";
export { logicalOr } from "./ops/logicalOr.js";
export { logicalXor } from "./ops/logicalXor.js";
export { logSoftmax } from "./ops/logSoftmax.js";
export { logsumexp } from "./ops/logsumexp.js";
export { lt } from "./ops/lt.js";
export { maskedFill } from "./ops/maskedFill.js";
export { matmul } from "./ops/matmul.js";
export { max, type ValuesIndices } from "./ops/max.js";
export { maximum } from "./ops/maximum.js";
export { mean } from "./ops/mean.js";
export { min } from "./ops/min.js";
export { minimum } from "./ops/minimum.js";
export { mm } from "./ops/mm.js";
export { mseLoss } from "./ops/mseLoss.js";
export { mul, mul_ } from "./ops/mul.js";
export { narrow } from "./ops/narrow.js";
export { ne } from "./ops/ne.js";
export { neg } from "./ops/neg.js";
export { normal_ } from "./ops/normal.js";
export { permute } from "./ops/permute.js";
export { pow } from "./ops/pow.js";
export { prod } from "./ops/prod.js";
export { random_ } from "./ops/random.js";
export { reciprocal } from "./ops/reciprocal.js";
export { relu } from "./ops/relu.js";
export { reshape } from "./ops/reshape.js";
export { round } from "./ops/round.js";
export { rsqrt } from "./ops/rsqrt.js";
export { scatter } from "./ops/scatter.js";
export { scatterAdd } from "./ops/scatterAdd.js";
export { select } from "./ops/select.js";
export { sigmoid } from "./ops/sigmoid.js";
export { sign } from "./ops/sign.js";
export { sin } from "./ops/sin.js";
export { slice } from "./ops/slice.js";
export { softmax } from "./ops/softmax.js";
export { split } from "./ops/split.js";
export { sqrt } from "./ops/sqrt.js";
export { square } from "./ops/square.js";
export { squeeze } from "./ops/squeeze.js";
export { stack } from "./ops/stack.js";
export { std } from "./ops/std.js";
export { sub, sub_ } from "./ops/sub.js";
export { sum } from "./ops/sum.js";
export { t } from "./ops/t.js";
export { tanh } from "./ops/tanh.js";
export { to } from "./ops/to.js";
export { transpose } from "./ops/transpose.js";
export { trunc } from "./ops/trunc.js";
export { uniform_ } from "./ops/uniform.js";
export { unsqueeze } from "./ops/unsqueeze.js";
export { type VarianceOptions, variance } from "./ops/variance.js";
export { view } from "./ops/view.js";
export { where } from "./ops/where.js";
export { optionKeys, rejectUnknownOptions } from "./options/rejectUnknownOptions.js";
export { fillUint32 } from "./random/fillUint32.js";
export * from "./random/index.js";
export type { ShapeArgs } from "./shape/shapeArgs.js";
export type { Storage } from "./storage.js";
export { type Dims, Tensor, type TensorLike } from "./tensor.js";
export type { NestedArray } from "./tensorData.js";
