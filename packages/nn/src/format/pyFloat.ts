/**
 * A number as Python's `repr(float)` prints it, for module reprs: the shortest round-trip digits,
 * in positional form when the decimal exponent is in [-4, 16) (always with a fraction, `1.0`),
 * otherwise in scientific form with at least two exponent digits (`1e-05`).
 *
 * @example
 * ```ts
 * pyFloat(1e-5); // "1e-05"
 * pyFloat(0.1); // "0.1"
 * pyFloat(1); // "1.0"
 * ```
 */
export function pyFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa = "", expText = "0"] = value.toExponential().split("e");
  const exp = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exp >= -4 && exp < 16) {
    let text: string;
    if (exp < 0) text = `0.${"0".repeat(-exp - 1)}${digits}`;
    else if (digits.length <= exp + 1) text = `${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
    else text = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    return sign + text;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exp < 0 ? "-" : "+";
  return `${sign}${head}e${expSign}${String(Math.abs(exp)).padStart(2, "0")}`;
}
