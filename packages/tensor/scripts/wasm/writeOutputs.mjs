// Writes generated files, or with `--check` on the command line only compares them, for the
// packages' build-wasm.mjs scripts. Exits 1 when a checked file differs from what its source gives.
import { readFileSync, writeFileSync } from "node:fs";

/** `outputs`: path -> content. `script`: how to regenerate them, for the message. */
export function writeOrCheckOutputs(outputs, script) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [path, content] of Object.entries(outputs)) {
    if (!check) {
      writeFileSync(path, content);
      continue;
    }
    let current = null;
    try {
      current = readFileSync(path, "utf8");
    } catch {}
    if (current !== content) {
      console.error(`${path} differs from its source: run node ${script}`);
      stale++;
    }
  }
  if (stale > 0) process.exit(1);
}
