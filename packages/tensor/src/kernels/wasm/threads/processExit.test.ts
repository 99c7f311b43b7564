import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transpileTree } from "../../../testing/transpileTree.js";
import { simdAvailable } from "../simd.js";
import { availableCores } from "./numThreads.js";
import { threadsSupported } from "./platform.js";

/**
 * A Node process that ran threaded matmuls must end on its own as soon as its script does: the
 * workers are unreferenced and idle in their event loops between jobs. The package's sources are
 * transpiled (no type check) into a temporary folder, so the child runs plain JavaScript.
 */
const src = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const threaded = simdAvailable() && threadsSupported() && availableCores() >= 2;
let out = "";

function runScript(body: string): { status: number | null; stdout: string; exitedAt: number } {
  const script = join(out, `child-${Math.random().toString(36).slice(2)}.mjs`);
  const index = `./${relative(out, join(out, "lib", "index.js"))}`;
  const counter = `./${relative(out, join(out, "lib", "kernels", "wasm", "threads", "jobs.js"))}`;
  writeFileSync(
    script,
    `import { matmul, randn, setNumThreads } from "${index}";\n` +
      `import { workerTaskCount } from "${counter}";\n${body}\n`,
  );
  const result = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, exitedAt: Date.now() };
}

describe.skipIf(!threaded)("a process using threaded matmuls", () => {
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "kindling-threads-"));
    transpileTree(src, join(out, "lib"));
  });

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it("exits promptly on its own once its work is done", () => {
    const { status, stdout, exitedAt } = runScript(`
setNumThreads(2);
const a = randn([256, 512]);
const b = randn([512, 256]);
for (let i = 0; i < 500 && workerTaskCount() === 0; i++) {
  matmul(a, b);
  await new Promise((resolve) => setTimeout(resolve, 10));
}
matmul(a, b);
console.log(JSON.stringify({ tasks: workerTaskCount(), done: Date.now() }));`);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { tasks: number; done: number };
    expect(report.tasks).toBeGreaterThan(0);
    expect(exitedAt - report.done).toBeLessThan(3_000);
  });

  it("exits promptly when it ends while its workers are still starting", () => {
    const { status, stdout, exitedAt } = runScript(`
const a = randn([300, 300]);
matmul(a, a);
console.log(JSON.stringify({ done: Date.now() }));`);
    expect(status).toBe(0);
    expect(exitedAt - (JSON.parse(stdout) as { done: number }).done).toBeLessThan(3_000);
  });
});
