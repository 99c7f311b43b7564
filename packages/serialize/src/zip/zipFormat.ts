/**
 * Constants of the zip format (APPNOTE.TXT) as PyTorch's `PyTorchStreamWriter` uses it: stored
 * entries only, names in UTF-8, record data aligned to 64 bytes with an `FB` extra field.
 */

/** `PK\x03\x04`: a local file header. */
export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
/** `PK\x01\x02`: a central directory header. */
export const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
/** `PK\x05\x06`: the end of central directory record. */
export const EOCD_SIGNATURE = 0x06054b50;
/** `PK\x06\x06`: the zip64 end of central directory record. */
export const ZIP64_EOCD_SIGNATURE = 0x06064b50;
/** `PK\x06\x07`: the zip64 end of central directory locator. */
export const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;

/** Fixed sizes of the records, in bytes (before their variable parts). */
export const LOCAL_HEADER_SIZE = 30;
/** Size of a central directory header before its name, extra field and comment. */
export const CENTRAL_HEADER_SIZE = 46;
/** Size of the end of central directory record before its comment. */
export const EOCD_SIZE = 22;
/** Size of the zip64 end of central directory record (version 1, no extensible data). */
export const ZIP64_EOCD_SIZE = 56;
/** Size of the zip64 end of central directory locator. */
export const ZIP64_LOCATOR_SIZE = 20;

/** Extra field id of the zip64 extended information. */
export const ZIP64_EXTRA_ID = 0x0001;
/** Extra field id PyTorch pads with (`FB`, filled with `Z`) to align record data. */
export const PADDING_EXTRA_ID = 0x4246;
/** Alignment of record data in PyTorch archives (`kFieldAlignment`). */
export const DATA_ALIGNMENT = 64;

/** General purpose flag bit 0: encrypted. */
export const FLAG_ENCRYPTED = 0x0001;
/** General purpose flag bit 3: sizes and CRC follow the data in a data descriptor. */
export const FLAG_DATA_DESCRIPTOR = 0x0008;
/** General purpose flag bit 11: the name is UTF-8. */
export const FLAG_UTF8 = 0x0800;

/** The largest value a 16-bit field holds; larger counts need zip64. */
export const MAX_UINT16 = 0xffff;
/** The largest value a 32-bit field holds; larger sizes and offsets need zip64. */
export const MAX_UINT32 = 0xffffffff;
