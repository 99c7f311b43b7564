/**
 * A state dict that does not fit a module: missing or unexpected keys, or shapes that differ.
 * The message lists every problem at once, in PyTorch's words
 * (`Error(s) in loading state_dict for Net:\n\tMissing key(s) in state_dict: ...`).
 */
export class StateDictError extends Error {
  /** Keys the module has and the state dict lacks. */
  readonly missingKeys: readonly string[];
  /** Keys the state dict has and the module lacks. */
  readonly unexpectedKeys: readonly string[];

  /**
   * @param message The full message.
   * @param missingKeys Keys the module has and the state dict lacks.
   * @param unexpectedKeys Keys the state dict has and the module lacks.
   */
  constructor(message: string, missingKeys: readonly string[], unexpectedKeys: readonly string[]) {
    super(message);
    this.name = "StateDictError";
    this.missingKeys = missingKeys;
    this.unexpectedKeys = unexpectedKeys;
  }
}
