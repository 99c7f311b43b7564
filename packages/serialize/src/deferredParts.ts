/**
 * A file as consecutive parts whose checksums are computed after the parts are written: the
 * header parts hold zero checksums until {@link DeferredParts.complete} fills them in from the
 * data parts' bytes. A writer calls `complete` in the same synchronous step as the write (so the
 * checksums cover exactly the bytes written), overlapping the flush of the data to disk with the
 * checksum pass, then writes the changed parts again at their places.
 */
export interface DeferredParts {
  /** The parts, in file order. */
  readonly parts: readonly Uint8Array[];
  /**
   * The indexes (into `parts`, increasing) of the data parts whose CRC-32s `complete` needs; none
   * when absent. A writer may compute some of them elsewhere from the same bytes (another thread
   * reading them back from the file) and pass them to `complete`.
   */
  readonly checksummed?: readonly number[];
  /**
   * Computes the checksums from the data parts' current bytes (taking those in `known`, by part
   * index, as given), writes them into the header parts and returns the indexes (into `parts`)
   * of the parts it changed, in increasing order.
   */
  complete(known?: ReadonlyMap<number, number>): readonly number[];
}

/** Parts that carry no checksums: `complete` changes nothing. */
export function withoutChecksums(parts: readonly Uint8Array[]): DeferredParts {
  return { parts, complete: () => [] };
}

/** The parts with their checksums computed: `complete()` run, the parts as a new array. */
export function completedParts(deferred: DeferredParts): Uint8Array[] {
  deferred.complete();
  return [...deferred.parts];
}
