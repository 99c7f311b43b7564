import { print } from "./output.js";

/** Python's `'{:.4e}'.format(x)`: four decimals and an exponent of at least two digits. */
export function formatLr(lr: number): string {
  if (!Number.isFinite(lr)) return Number.isNaN(lr) ? "nan" : lr > 0 ? "inf" : "-inf";
  const [mantissa, exponent = "0"] = lr.toExponential(4).split("e");
  const sign = exponent.startsWith("-") ? "-" : "+";
  const digits = exponent.replace(/^[+-]/, "").padStart(2, "0");
  return `${mantissa}e${sign}${digits}`;
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
      : epoch.toFixed(2);
    print(`Epoch ${label}: adjusting learning rate of group ${group} to ${formatLr(lr)}.`);
  }
}
