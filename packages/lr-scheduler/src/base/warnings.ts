import { printWarning } from "./output.js";

/**
 * Which of PyTorch's scheduler warnings was raised:
 * - `"step-before-optimizer"`: `scheduler.step()` ran before the first `optimizer.step()`;
 * - `"optimizer-step-overridden"`: `optimizer.step` was replaced after the scheduler wrapped it;
 * - `"get-lr-outside-step"`: `getLr()` was called directly instead of `getLastLr()`;
 * - `"epoch-deprecated"`: `step(epoch)` was used.
 */
export type SchedulerWarningCode =
  | "step-before-optimizer"
  | "optimizer-step-overridden"
  | "get-lr-outside-step"
  | "epoch-deprecated";

/**
 * One warning: a stable `code` to filter on and PyTorch's message, word for word.
 *
 * @example
 * ```ts
 * const seen: SchedulerWarning[] = [];
 * new StepLR(optimizer, { stepSize: 3, warn: (w) => seen.push(w) }).getLr();
 * seen[0]?.code; // "get-lr-outside-step"
 * ```
 */
export interface SchedulerWarning {
  /** Which warning this is. */
  readonly code: SchedulerWarningCode;
  /** PyTorch's message for it. */
  readonly message: string;
}

/** Receives warnings; pass one as a scheduler's `warn` option or to {@link setWarningHandler}. */
export type WarningHandler = (warning: SchedulerWarning) => void;

/** PyTorch's messages, word for word. */
export const WARNING_MESSAGES: Readonly<Record<SchedulerWarningCode, string>> = {
  "step-before-optimizer":
    "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
  "optimizer-step-overridden":
    "Seems like `optimizer.step()` has been overridden after learning rate scheduler initialization. Please, make sure to call `optimizer.step()` before `lr_scheduler.step()`. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
  "get-lr-outside-step":
    "To get the last learning rate computed by the scheduler, please use `get_last_lr()`.",
  "epoch-deprecated":
    "The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the closed form is used instead of the new chainable form, where available. Please open an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.",
};

const shown = new Set<SchedulerWarningCode>();

/** Python's default warning filter: print each warning once, to the console. */
function printOnce(warning: SchedulerWarning): void {
  if (shown.has(warning.code)) return;
  shown.add(warning.code);
  printWarning(`UserWarning: ${warning.message}`);
}

let current: WarningHandler = printOnce;

/**
 * Replaces the handler used by schedulers constructed without a `warn` option (the default prints
 * each warning once with `console.warn`, like Python's default filter). Returns the previous one.
 *
 * @example
 * ```ts
 * const previous = setWarningHandler(() => {}); // silence every scheduler warning
 * setWarningHandler(previous);
 * ```
 */
export function setWarningHandler(handler: WarningHandler): WarningHandler {
  const previous = current;
  current = handler;
  return previous;
}

/** The handler in effect for schedulers without a `warn` option. @internal */
export function defaultWarningHandler(warning: SchedulerWarning): void {
  current(warning);
}

/** Builds the warning with the given code. @internal */
export function warning(code: SchedulerWarningCode): SchedulerWarning {
  return { code, message: WARNING_MESSAGES[code] };
}
