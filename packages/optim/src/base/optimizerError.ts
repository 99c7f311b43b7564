/**
 * Invalid optimizer input: a hyper-parameter out of range (with PyTorch's message, such as
 * `Invalid learning rate: -0.1`), a duplicated parameter, or a state dict that does not fit.
 */
export class OptimizerError extends Error {
  /** Always `"OptimizerError"`. */
  override name = "OptimizerError";
}
