/**
 * Where a loader's indices come from (PyTorch's `Sampler`): iterable, with a known length.
 * Iteration is lazy, as PyTorch's generator-based samplers are: a random sampler draws from its
 * generator when the first index is requested, not when iteration starts, which keeps a program
 * that mixes loaders and other random calls in step with PyTorch.
 */
export interface Sampler<T = number> extends Iterable<T> {
  /** Number of indices (or batches) one pass yields. */
  readonly length: number;
  /**
   * Optional fast path: the same indices, drawn at the same moments, as runs (each yielded run
   * is read before the next is requested and may be reused afterwards). {@link BatchSampler} cuts
   * batches out of the runs instead of taking the indices one by one.
   */
  runs?(): Iterator<ArrayLike<number>>;
}
