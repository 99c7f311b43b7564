/** A function called before or after every `step()`, with the optimizer. */
export type StepHook<O> = (optimizer: O) => void;

/** What registering a hook returns: call `remove()` to unregister it. */
export interface HookHandle {
  /** Unregisters the hook; calling it twice is harmless. */
  remove(): void;
}

/** An ordered set of hooks with removable handles. */
export class HookList<O> {
  private readonly hooks = new Map<number, StepHook<O>>();
  private nextId = 0;

  /** Adds a hook, called after those already registered. */
  add(hook: StepHook<O>): HookHandle {
    const id = this.nextId++;
    this.hooks.set(id, hook);
    return { remove: () => void this.hooks.delete(id) };
  }

  /** Calls every hook in registration order. */
  run(optimizer: O): void {
    for (const hook of this.hooks.values()) hook(optimizer);
  }
}
