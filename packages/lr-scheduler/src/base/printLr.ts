import { print } from "./output.js";

/** Python's `'{:.4e}'.format(x)`: four decimals and an exponent of at least two digits. */
export function formatLr(lr: number): string {
  if (!Number.isFinite(lr)) return Number.isNaN(lr) ? "nan" : lr > 0 ? "inf" : "-inf";
  const [mantissa, exponent = "0"] = lr.toExponential(4).split("e");
  const sign = exponent.startsWith("-") ? "-" : "+";
  const digits = exponent.replace(/^[+-]/, "").padStart(2, "0");
  return `${mantissa}e${sign}${digits}`;
}

/**
 * Python's `"%.2f" % x`. `toFixed` rounds exact ties up (`0.125` -> `0.13`) where C's printf rounds
 * them to even (`0.12`), and switches to exponent form from 1e21. A double whose third decimal is
 * an exact tie is an odd multiple of 1/8.
 */
export function formatFixed2(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (Math.abs(x) >= 1e21) return `${BigInt(x)}.00`;
  const eighths = x * 8;
  if (Number.isInteger(eighths) && eighths % 2 !== 0) {
    const below = Math.floor(x * 100); // exact: x * 100 is an odd multiple of 12.5
    const hundredths = below % 2 === 0 ? below : below + 1;
    const sign = hundredths < 0 ? "-" : "";
    const digits = String(Math.abs(hundredths)).padStart(3, "0");
    return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  }
  return x.toFixed(2);
}

/** PyTorch's `print_lr` for `verbose=True`. */
export function printLr(group: number, lr: number, epoch: number | undefined): void {
  if (epoch === undefined) {
    print(`Adjusting learning rate of group ${group} to ${formatLr(lr)}.`);
  } else {
    const label = Number.isInteger(epoch)
      ? String(Math.abs(epoch))
          .padStart(5, "0")
          .replace(/^/, epoch < 0 ? "-" : "")
      : formatFixed2(epoch);
    print(`Epoch ${label}: adjusting learning rate of group ${group} to ${formatLr(lr)}.`);
  }
}
