/**
 * Invalid optimizer input: a hyper-parameter out of range (with PyTorch's message, such as
 * `Invalid learning rate: -0.1`), a duplicated parameter, or a state dict that does not fit.
 */
export class OptimizerError extends Error {
  /** Always `"OptimizerError"`. */
  override name = "OptimizerError";
}

/** An {@link OptimizerError} with `message`: how optimizers report an unknown option key. */
export const optionError = (message: string): OptimizerError => new OptimizerError(message);
