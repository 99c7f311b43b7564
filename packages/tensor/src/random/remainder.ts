/**
 * `x % m` for integers 0 <= x < 2^32 and 1 <= m < 2^32, through one floating-point division:
 * V8 compiles `%` on numbers beyond int32 as a slow float remainder (x87 `fprem`). The division
 * is exact to within x·2⁻⁵³/m, less than the quotient's distance to the next integer (at least
 * 1/m, as x·m < 2⁵³), so its floor is the integer quotient, and the product and difference are
 * exact.
 */
export function remainder(x: number, m: number): number {
  return x - Math.floor(x / m) * m;
}
