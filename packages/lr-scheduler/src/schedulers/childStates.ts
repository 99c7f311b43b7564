import { SchedulerError } from "../base/errors.js";
import type { Scheduler } from "../base/scheduler.js";
import type { StateDict, StateValue } from "../base/state.js";

/** The `_schedulers` entry of a composite's state dict: each child's own state dict. */
export function childStates(schedulers: readonly Scheduler[]): StateDict[] {
  return schedulers.map((s) => s.stateDict());
}

/** Loads `_schedulers` into the children, after checking there is one state per child. */
export function loadChildStates(
  schedulers: readonly Scheduler[],
  raw: StateValue | undefined,
): void {
  if (!Array.isArray(raw) || raw.length !== schedulers.length) {
    throw new SchedulerError(
      `state_dict['_schedulers'] must be a list of ${schedulers.length} state dicts`,
      "TypeError",
    );
  }
  raw.forEach((child: StateValue, i: number) => {
    if (child === null || typeof child !== "object" || Array.isArray(child)) {
      throw new SchedulerError(`state_dict['_schedulers'][${i}] must be a state dict`, "TypeError");
    }
    schedulers[i]!.loadStateDict(child as StateDict);
  });
}
