/**
 * How PyTorch's cascade sum (`multi_row_sum`) carries its four levels of partial sums over `size`
 * rows: every 2^power rows, power = max(4, ⌊⌈log₂ size⌉ / 4⌋), while a whole block of 2^power
 * rows remains.
 */
export function cascadePower(size: number): number {
  const log = size <= 2 ? 1 : 32 - Math.clz32(size - 1); // utils::CeilLog2
  return log < 16 ? 4 : log >>> 2;
}

/** The rows in whole blocks of 2^power: those after which the levels carry. */
export function carryUntil(size: number, power: number): number {
  return size - (size % (1 << power));
}
