import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { findTorchPython, runTorch } from "./python.mjs";

/** The interpreter that imports torch and torch's version, or null when PyTorch is missing. */
export const torch = findTorchPython();

export { runTorch };

/**
 * Python that makes the course's PyTorch helpers (scripts/torch/course.py: `net_class1..4`,
 * `tensorGenReg`, `split_loader`, `mse_cal`, `fit_rec`...) importable as `course`, the module the
 * fixture scripts use, so live tests and fixtures run the same classes.
 */
export const COURSE_PY = `import sys
sys.path.insert(0, ${JSON.stringify(fileURLToPath(new URL(".", import.meta.url)))})
import course
`;

const inCI = process.env.CI === "true" || process.env.CI === "1";

/**
 * `describe` for tests that call live PyTorch (round trips that fixtures cannot express). Without
 * PyTorch the suite is skipped locally, and fails under CI, where PyTorch is required.
 */
export function describeWithTorch(name: string, body: () => void): void {
  if (torch !== null) {
    describe(name, body);
  } else if (inCI) {
    describe(name, () => {
      it("needs PyTorch, which CI requires", () => {
        throw new Error("PyTorch is not installed: run `node scripts/torch/ensure-torch.mjs`");
      });
    });
  } else {
    describe.skip(`${name} (PyTorch not installed)`, body);
  }
}
