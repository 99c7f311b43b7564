/**
 * Checkpoints that PyTorch reads and writes (.pt zip format) and safetensors, with a restricted
 * unpickler.
 *
 * @packageDocumentation
 */
export { detectFormat, type Format, formatOfPath } from "./detectFormat.js";
export { SerializeError, type SerializeErrorCode } from "./errors.js";
export type { AtomicWriteData } from "./node/atomicWrite.js";
export { load, replacedFilesRemoved, type SaveOptions, save } from "./node/fileIO.js";
export { writeFileAtomic } from "./node/writeFileAtomic.js";
export { ALLOWED_GLOBALS, type AllowedGlobal } from "./pickle/allowList.js";
export type { CallContext } from "./pickle/builtinCalls.js";
export {
  PickleWriter,
  type PickleWriterOptions,
  type TensorPickling,
} from "./pickle/pickleWriter.js";
export { plainDicts } from "./pickle/plainDicts.js";
export {
  OrderedDict,
  PyFloat,
  PyInt,
  PyTuple,
  type PyValue,
  pyFloat,
  pyInt,
  tuple,
} from "./pickle/pyTypes.js";
export { StorageRef } from "./pickle/storageRef.js";
export { type UnpickleOptions, unpickle } from "./pickle/unpickler.js";
export { type PtReadOptions, readPt } from "./pt/readPt.js";
export { type PtWriteOptions, writePt } from "./pt/writePt.js";
export {
  readSafetensors,
  type SafetensorsFile,
  type SafetensorsReadOptions,
} from "./safetensors/readSafetensors.js";
export { type SafetensorsWriteOptions, writeSafetensors } from "./safetensors/writeSafetensors.js";
export {
  type DeserializeOptions,
  deserialize,
  type SerializeOptions,
  serialize,
  serializeParts,
} from "./serialize.js";
export { bfloat16ToFloat32, float16ToFloat32 } from "./tensor/halfToFloat.js";
export { isTensorData } from "./tensor/isTensorData.js";
export {
  DTYPE_INFO,
  type DTypeInfo,
  SERIAL_DTYPES,
  type SerialDType,
  type StorageArray,
  type StorageArrayOf,
  type TensorData,
} from "./tensor/tensorData.js";
export { isKindlingDType, toTensor } from "./tensor/toTensor.js";
export { BlockCrcs, crc32Combine } from "./zip/blockCrcs.js";
export { crc32 } from "./zip/crc32.js";
export {
  type RangeCrcs,
  readZip,
  type ZipEntry,
  type ZipReadOptions,
} from "./zip/zipReader.js";
export { writeZip, type ZipRecord, type ZipWriteOptions } from "./zip/zipWriter.js";
