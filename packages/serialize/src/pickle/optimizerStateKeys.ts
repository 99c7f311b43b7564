/** A canonical non-negative integer in decimal, as JavaScript spells number keys of objects. */
const INDEX_KEY = /^(0|[1-9]\d{0,15})$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The entries to pickle for the plain object `value`: its own entries, except that an optimizer
 * state dict (a plain object whose keys are exactly `state` and `param_groups`, `param_groups` an
 * array and `state` a plain object keyed by parameter indices, as @kindling/optim's `stateDict()`
 * gives) has its `state` written with int keys. JavaScript objects turn number keys into
 * strings, and `torch.optim.Optimizer.load_state_dict` matches `state` keys against the int
 * indices in `params`: with str keys it keeps them apart and silently drops the momentum buffers
 * and moments. Anything else keeps its string keys.
 */
export function pickleEntries(value: Record<string, unknown>): [string, unknown][] {
  const entries = Object.entries(value);
  if (entries.length !== 2 || !("state" in value) || !("param_groups" in value)) return entries;
  const state = value["state"];
  if (!Array.isArray(value["param_groups"]) || !isPlainObject(state)) return entries;
  const keys = Object.keys(state);
  if (!keys.every((key) => INDEX_KEY.test(key) && Number.isSafeInteger(Number(key)))) {
    return entries;
  }
  const byIndex = new Map<number, unknown>(keys.map((key) => [Number(key), state[key]]));
  return entries.map(([key, item]) => [key, key === "state" ? byIndex : item]);
}
