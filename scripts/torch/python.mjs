// Finds the Python interpreter that imports PyTorch, and runs PyTorch code from tests and scripts.
// The first python3 on PATH is often not the one with torch (pyenv shims, for instance), so every
// python3 on PATH is tried, then Debian's /usr/bin/python3. KINDLING_PYTHON overrides the search.
import { execFileSync, spawnSync } from "node:child_process";

let cached;

// Finds torch without importing it (importing takes seconds, tens of seconds on a loaded machine):
// locate the module and read the version from torch/version.py.
const PROBE = [
  "import importlib.util, os, re, sys",
  "spec = importlib.util.find_spec('torch')",
  "sys.exit(1) if spec is None or spec.origin is None else None",
  "text = open(os.path.join(os.path.dirname(spec.origin), 'version.py')).read()",
  "print(re.search(r\"__version__ = '([^']+)'\", text).group(1))",
].join("\n");

function candidates() {
  const found = [];
  if (process.env.KINDLING_PYTHON) return [process.env.KINDLING_PYTHON];
  const path = process.env.PATH ?? "";
  for (const dir of path.split(":")) {
    if (dir) found.push(`${dir}/python3`);
  }
  found.push("/usr/bin/python3", "/bin/python3");
  return [...new Set(found)];
}

/** @returns {{ python: string, version: string } | null} */
export function findTorchPython() {
  if (cached !== undefined) return cached;
  cached = null;
  for (const python of candidates()) {
    const probe = spawnSync(python, ["-c", PROBE], { encoding: "utf8", timeout: 120_000 });
    if (probe.status === 0) {
      cached = { python, version: probe.stdout.trim() };
      break;
    }
  }
  return cached;
}

/** Forgets the cached interpreter (after installing PyTorch, for instance). */
export function resetTorchPython() {
  cached = undefined;
}

/**
 * Runs `code` under the PyTorch interpreter with `input` as JSON on standard input (read it with
 * `json.load(sys.stdin)`), and returns what the code printed to standard output, parsed as JSON.
 */
export function runTorch(code, input = null, options = {}) {
  const found = findTorchPython();
  if (found === null)
    throw new Error("PyTorch is not installed: run `node scripts/torch/ensure-torch.mjs`");
  const stdout = execFileSync(found.python, ["-c", code, ...(options.args ?? [])], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, OMP_NUM_THREADS: "1", PYTHONHASHSEED: "0" },
  });
  return JSON.parse(stdout);
}
