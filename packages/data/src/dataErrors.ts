/**
 * Invalid data-pipeline input: lengths that do not add up, a batch size below 1, an index out of
 * range, items that cannot be collated. The message names the values involved.
 */
export class DataError extends Error {
  /** Always `"DataError"`. */
  override name = "DataError";
}

/** A {@link DataError} with `message`: how the data classes report an unknown option key. */
export const dataError = (message: string): DataError => new DataError(message);
