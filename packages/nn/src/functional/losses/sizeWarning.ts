import type { Tensor } from "@kindling/tensor";

/** The host's console, reached through `globalThis` so the package needs no DOM or Node types. */
const host = (globalThis as { console?: { warn(message: string): void } }).console;

const shown = new Set<string>();

function torchSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

/**
 * PyTorch's warning for `mse_loss`, `l1_loss`, `smooth_l1_loss` and `huber_loss` when target and
 * input differ in size (they broadcast, which is rarely what was meant); printed once per message
 * with `console.warn`, as Python's default warning filter does. @internal
 */
export function warnIfSizesDiffer(input: Tensor, target: Tensor): void {
  const a = input.shape;
  const b = target.shape;
  if (a.length === b.length && a.every((s, i) => s === b[i])) return;
  const message =
    `Using a target size (${torchSize(b)}) that is different to the input size (${torchSize(a)}). ` +
    "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.";
  if (shown.has(message)) return;
  shown.add(message);
  host?.warn(`UserWarning: ${message}`);
}
