import { SerializeError } from "../errors.js";
import { storageBytes } from "../tensor/storageBytes.js";
import type { SerialDType, TensorData } from "../tensor/tensorData.js";

/** One distinct storage to write: its key (`data/<key>` in the archive), dtype and bytes. */
export interface StorageRecord {
  /** Decimal key, in order of first use, as `torch.save` numbers storages. */
  readonly key: string;
  /** The dtype all tensors viewing it share. */
  readonly dtype: SerialDType;
  /** Its elements' bytes (a view, not a copy). */
  readonly bytes: Uint8Array;
  /** Its element count. */
  readonly numel: number;
}

/**
 * The distinct storages of the tensors being written, as `torch.save`'s `persistent_id` collects
 * them: tensors whose storage is the same typed array, or a typed array over the same bytes, get
 * the same record, so views stay views after loading.
 */
export class StorageTable {
  private readonly byArray = new Map<object, StorageRecord>();
  private readonly byBuffer = new Map<ArrayBufferLike, StorageRecord[]>();
  private readonly ordered: StorageRecord[] = [];

  /** The record of `tensor`'s storage, added on first use. */
  recordOf(tensor: TensorData): StorageRecord {
    const known = this.byArray.get(tensor.storage);
    if (known !== undefined) return this.sameDType(known, tensor.dtype);
    const bytes = storageBytes(tensor.dtype, tensor.storage);
    const siblings = this.byBuffer.get(bytes.buffer) ?? [];
    const alias = siblings.find(
      (r) => r.bytes.byteOffset === bytes.byteOffset && r.bytes.byteLength === bytes.byteLength,
    );
    if (alias !== undefined) {
      this.byArray.set(tensor.storage, alias);
      return this.sameDType(alias, tensor.dtype);
    }
    const record: StorageRecord = {
      key: String(this.ordered.length),
      dtype: tensor.dtype,
      bytes,
      numel: tensor.storage.length,
    };
    siblings.push(record);
    this.byBuffer.set(bytes.buffer, siblings);
    this.byArray.set(tensor.storage, record);
    this.ordered.push(record);
    return record;
  }

  /** Every record, in `torch.save`'s archive order (keys sorted as strings). */
  records(): StorageRecord[] {
    return [...this.ordered].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private sameDType(record: StorageRecord, dtype: SerialDType): StorageRecord {
    if (record.dtype !== dtype) {
      throw new SerializeError(
        "UNSUPPORTED_VALUE",
        `Cannot save multiple tensors or storages that view the same data as different types (${record.dtype} and ${dtype})`,
      );
    }
    return record;
  }
}
