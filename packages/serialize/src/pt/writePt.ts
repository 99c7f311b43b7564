import { completedParts, type DeferredParts } from "../deferredParts.js";
import { OP } from "../pickle/opcodes.js";
import { PickleWriter, type TensorPickling } from "../pickle/pickleWriter.js";
import { checkView } from "../tensor/checkView.js";
import { isTensorData } from "../tensor/isTensorData.js";
import { DTYPE_INFO, type TensorData } from "../tensor/tensorData.js";
import { concatParts, type ZipRecord, zipPartsDeferred } from "../zip/zipWriter.js";
import { StorageTable } from "./storageTable.js";

/** Options of {@link writePt}. */
export interface PtWriteOptions {
  /**
   * Recognises tensors among the values (default: {@link isTensorData}, which a @kindling/tensor
   * `Tensor` satisfies). Return the tensor's {@link TensorData} view, or undefined for non-tensors.
   */
  readonly asTensor?: (value: object) => TensorData | undefined;
  /** Deepest nesting of containers accepted (default 1000). */
  readonly maxDepth?: number;
  /** Write zip64 records even for small archives (for tests; default false). */
  readonly forceZip64?: boolean;
}

const encoder = new TextEncoder();

/** The archive folder `torch.save` uses when writing to a buffer. */
export const ARCHIVE_NAME = "archive";

/**
 * The bytes of a PyTorch checkpoint of `value`, as `torch.save` (1.13 and 2.x) writes it: a
 * store-only zip of `archive/data.pkl` (a protocol 2 pickle in which each tensor is
 * `torch._utils._rebuild_tensor_v2(<storage>, offset, size, stride, requires_grad, OrderedDict())`
 * and each storage a persistent id `('storage', torch.FloatStorage, '<key>', 'cpu', numel)`),
 * `archive/byteorder` (`little`), one `archive/data/<key>` per distinct storage (data aligned to
 * 64 bytes) and `archive/version` (`3`). Storage bytes are copied once, straight into the output.
 *
 * @example
 * ```ts
 * const storage = new Float32Array([1, 2, 3]);
 * const bytes = writePt(new OrderedDict([["weight", { dtype: "float32", shape: [3], strides: [1], storageOffset: 0, storage }]]));
 * // torch.load(io.BytesIO(bytes)) -> OrderedDict([('weight', tensor([1., 2., 3.]))])
 * ```
 */
export function writePt(value: unknown, options: PtWriteOptions = {}): Uint8Array {
  return concatParts(ptParts(value, options));
}

/**
 * The checkpoint {@link writePt} writes, as consecutive parts whose tensor data are the storages'
 * own bytes (no copy): for writing to a file with `writev`.
 */
export function ptParts(value: unknown, options: PtWriteOptions = {}): Uint8Array[] {
  return completedParts(ptPartsDeferred(value, options));
}

/** {@link ptParts} with the zip's CRC-32s filled in by `complete()` (see `zipPartsDeferred`). */
export function ptPartsDeferred(value: unknown, options: PtWriteOptions = {}): DeferredParts {
  const storages = new StorageTable();
  const asTensor =
    options.asTensor ?? ((candidate: object) => (isTensorData(candidate) ? candidate : undefined));
  const tensors: TensorPickling = {
    asTensor,
    write: (tensor, writer) => writeTensor(tensor, writer, storages),
  };
  const pickle = PickleWriter.dumps(value, {
    tensors,
    ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
  });
  const records: ZipRecord[] = [
    { name: `${ARCHIVE_NAME}/data.pkl`, data: pickle },
    { name: `${ARCHIVE_NAME}/byteorder`, data: encoder.encode("little") },
    ...storages.records().map((r) => ({ name: `${ARCHIVE_NAME}/data/${r.key}`, data: r.bytes })),
    { name: `${ARCHIVE_NAME}/version`, data: encoder.encode("3\n") },
  ];
  return zipPartsDeferred(records, { forceZip64: options.forceZip64 === true });
}

function writeTensor(tensor: TensorData, writer: PickleWriter, storages: StorageTable): void {
  const record = storages.recordOf(tensor);
  checkView(
    tensor.shape,
    tensor.strides,
    tensor.storageOffset,
    record.numel,
    `a ${tensor.dtype} tensor`,
  );
  writer.global("torch._utils", "_rebuild_tensor_v2");
  writer.op(OP.MARK);
  writer.op(OP.MARK);
  writer.str("storage");
  writer.global("torch", DTYPE_INFO[tensor.dtype].torchStorage);
  writer.str(record.key);
  writer.str("cpu");
  writer.int(record.numel);
  writer.op(OP.TUPLE);
  writer.op(OP.BINPERSID);
  writer.int(tensor.storageOffset);
  writer.tuple(tensor.shape);
  writer.tuple(tensor.strides);
  writer.op(tensor.requiresGrad === true ? OP.NEWTRUE : OP.NEWFALSE);
  writer.global("collections", "OrderedDict");
  writer.op(OP.EMPTY_TUPLE);
  writer.op(OP.REDUCE);
  writer.op(OP.TUPLE);
  writer.op(OP.REDUCE);
}
