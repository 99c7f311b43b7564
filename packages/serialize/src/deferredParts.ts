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
   * Computes the checksums from the data parts' current bytes, writes them into the header parts
   * and returns the indexes (into `parts`) of the parts it changed, in increasing order.
   */
  complete(): readonly number[];
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
