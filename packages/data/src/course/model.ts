import type { Tensor } from "@kindling/tensor";

/**
 * A model the evaluation helpers can run: a function from a batch of inputs to outputs, or an
 * object with `forward` (an `@kindling/nn` module).
 */
export type Model = ((x: Tensor) => Tensor) | ForwardModule;

/** An object with a `forward` method, such as an `@kindling/nn` module. */
export interface ForwardModule {
  /** Maps a batch of inputs to a batch of outputs. */
  forward(x: Tensor): Tensor;
}

/** Runs a {@link Model} on `x`. */
export function runModel(model: Model, x: Tensor): Tensor {
  return typeof model === "function" ? model(x) : model.forward(x);
}
