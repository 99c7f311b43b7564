/** `n` and the noun, plural unless `n` is 1: `1 key`, `2 keys`, `0 tensors`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
