/**
 * Error classes thrown by `@kindling/tensor`. PyTorch raises `RuntimeError`, `IndexError` and
 * `TypeError` for these cases; Kindling uses one class per kind of mistake so callers can tell them
 * apart, and keeps PyTorch's wording where PyTorch has a message.
 */

/** Shapes that do not fit: broadcasting, matmul, cat, view. The message names the op and shapes. */
export class ShapeError extends Error {
  /** @param message What went wrong, naming the op and the shapes involved. */
  constructor(message: string) {
    super(message);
    this.name = "ShapeError";
  }
}

/** A dtype an op cannot take or produce (e.g. gradients of int64 tensors, matmul of bools). */
export class DTypeError extends Error {
  /** @param message What went wrong and why the dtype is refused. */
  constructor(message: string) {
    super(message);
    this.name = "DTypeError";
  }
}

/** A dim or an index outside its valid range; the message states the range. */
export class IndexError extends Error {
  /** @param message What went wrong, naming the valid range. */
  constructor(message: string) {
    super(message);
    this.name = "IndexError";
  }
}

/** Misuse of autograd: backward through a freed graph, implicit gradients of non-scalars, ... */
export class AutogradError extends Error {
  /** @param message What went wrong, in PyTorch's words where PyTorch has them. */
  constructor(message: string) {
    super(message);
    this.name = "AutogradError";
  }
}

/** Formats a shape as PyTorch prints sizes in messages: `[2, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
