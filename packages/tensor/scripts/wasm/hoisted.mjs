// Constants a kernel loads into locals once, before its loop, instead of from the constant table
// at every use (an address computation and a broadcast in V8): the SLEEF kernels (sleefWat.mjs), Box-Muller.

/**
 * A kernel's hoisted constants over the constant `table` (`float(v)`, `int(v)` give the loads):
 * `float(v)` and `int(v)` here give the `local.get` of a local holding `v` in all lanes, named
 * `prefix` and a number; `declarations()` and `loads()` give the locals and the loads that fill
 * them, for the function's start (call them after the body has been written).
 */
export function hoistedConstants(table, prefix = "$c") {
  const hoisted = new Map();
  const get = (key, load) => {
    if (!hoisted.has(key)) hoisted.set(key, { local: `${prefix}${hoisted.size}`, load });
    return `local.get ${hoisted.get(key).local}`;
  };
  return {
    float: (v) => get(`f${v}`, table.float(v)),
    int: (v) => get(`i${v}`, table.int(v)),
    declarations: () => [...hoisted.values()].map(({ local }) => `(local ${local} v128)`).join(" "),
    loads: () =>
      [...hoisted.values()].map(({ local, load }) => `${load} local.set ${local}`).join("\n  "),
  };
}
