import { SchedulerError } from "./errors.js";

/**
 * Throws a {@link SchedulerError} unless `state` is a state dict object (PyTorch fails on
 * `load_state_dict(None)` with an `AttributeError`); `who` names the scheduler. @internal
 */
export function requireStateDict(state: unknown, who: string): void {
  if (typeof state === "object" && state !== null && !Array.isArray(state)) return;
  const got = state === null ? "null" : Array.isArray(state) ? "an array" : typeof state;
  throw new SchedulerError(
    `${who}.loadStateDict expects a state dict object (as stateDict() returns), but got ${got}`,
    "TypeError",
  );
}
