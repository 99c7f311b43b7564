/** A number as Python prints a float or int (`1e-07`, `0.05`, `60`). */
export function pyNumber(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  return String(value).replace(/e([+-])(\d)$/, "e$10$2");
}

/** A value as Python's `repr` would show the corresponding dict, list, None, True or False. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(", ")}}`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const key = /^(0|[1-9]\d*)$/.test(k) ? k : pyRepr(k);
      return `${key}: ${pyRepr(v)}`;
    });
    return `{${entries.join(", ")}}`;
  }
  return String(value);
}
