import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transpileTree } from "../../../testing/transpileTree.js";
import { simdAvailable } from "../simd.js";
import { availableCores } from "./numThreads.js";

/**
 * Worker threads over SharedArrayBuffer in the browser: the same code path Node takes runs in
 * headless Chromium where cross-origin isolation allows it. The package's sources are transpiled
 * (no type check) into a temporary folder, served on 127.0.0.1 with the COOP/COEP headers, and a
 * page starts a module worker that imports them, so `platform.ts` starts the pool's workers from
 * a Blob URL. There large float32 matmuls (a transposed operand among them) and a large float32
 * tanh must run partly on those workers and give, bit for bit, what one thread gives. The same
 * runner on a page without the headers (a second server, another origin) must compute the same
 * values on one thread, its workers silently off. Skipped without Chromium (a failure under CI)
 * or without WebAssembly SIMD; the tests never download a browser.
 */
const src = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const inCI = process.env["CI"] === "true" || process.env["CI"] === "1";

/** The system's Chromium (Debian's `chromium`; `CHROMIUM` overrides), or undefined. */
function findChromium(): string | undefined {
  const candidates = [process.env["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const found = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
    return found === "" ? undefined : found;
  } catch {
    return undefined;
  }
}

/** Whether the browser test can run here; throws under CI when Chromium is missing. */
function chromiumAvailable(): boolean {
  if (findChromium() !== undefined) return true;
  if (inCI) throw new Error("Chromium is missing: CI needs it for the browser thread tests");
  return false;
}

const runnable = chromiumAvailable() && simdAvailable() && availableCores() >= 2;

/** The page: starts the runner as a module worker and keeps what it posts back. */
const INDEX_HTML = `<!doctype html>
<html>
  <head><meta charset="utf-8" /><title>kindling threads</title><link rel="icon" href="data:," /></head>
  <body>
    <script type="module">
      const worker = new Worker("./runner.js", { type: "module" });
      worker.onmessage = (event) => { window.__result = event.data; };
      worker.onerror = (event) => {
        window.__result = { error: "worker error: " + (event.message || "unknown") };
      };
    </script>
  </body>
</html>
`;

/**
 * The worker the page starts: warms the pool up where threads are supported, then computes a few
 * large float32 matmuls and a tanh with the threaded paths on (retrying, after a short pause,
 * until workers took part) and off, and posts back, case by case, whether their bytes agree and
 * how close they are to a float64 reference, and how many tasks the workers ran.
 */
const RUNNER_JS = `
import { manualSeed, matmul, randn, setNumThreads, tanh } from "./lib/index.js";
import { workerTaskCount } from "./lib/kernels/wasm/threads/jobs.js";
import { setThreadedGemmEnabled } from "./lib/kernels/wasm/threads/gemmThreaded.js";
import { setThreadedTanhEnabled } from "./lib/kernels/wasm/threads/tanhThreaded.js";
import { threadsSupported } from "./lib/kernels/wasm/threads/platform.js";

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function sameBytes(x, y) {
  if (x.length !== y.length) return false;
  const a = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  const b = new Uint8Array(y.buffer, y.byteOffset, y.byteLength);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function matmulError(a, b, c) {
  const [m, k] = a.shape;
  const n = b.shape[1];
  const x = a.toTypedArray();
  const y = b.toTypedArray();
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let scale = 0;
      for (let p = 0; p < k; p++) {
        const term = x[i * k + p] * y[p * n + j];
        sum += term;
        scale += Math.abs(term);
      }
      worst = Math.max(worst, Math.abs(c[i * n + j] - sum) / (scale + 1e-30));
    }
  }
  return worst;
}

function tanhError(a, c) {
  const x = a.toTypedArray();
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(c[i] - Math.tanh(x[i])));
  return worst;
}

async function run() {
  const isolated = globalThis.crossOriginIsolated === true;
  const supported = threadsSupported();
  manualSeed(7);
  setNumThreads(2);
  const workerTasksBefore = workerTaskCount();
  if (supported) {
    const a = randn([256, 512]);
    const b = randn([512, 256]);
    const deadline = Date.now() + 5000;
    while (workerTaskCount() === workerTasksBefore && Date.now() < deadline) {
      matmul(a, b);
      await pause(20);
    }
  }
  const warmedUp = workerTaskCount();
  const cases = [
    ["matmul 300x400 @ 400x260", randn([300, 400]), randn([400, 260]), matmul, setThreadedGemmEnabled],
    ["matmul 300x400 @ (260x400).t()", randn([300, 400]), randn([260, 400]).t(), matmul, setThreadedGemmEnabled],
    ["matmul (400x300).t() @ 400x260", randn([400, 300]).t(), randn([400, 260]), matmul, setThreadedGemmEnabled],
    ["tanh 300001 x 3", randn([300001]).mul(3), null, (x) => tanh(x), setThreadedTanhEnabled],
  ];
  const details = [];
  for (const [name, a, b, op, setEnabled] of cases) {
    const previous = setEnabled(false);
    const reference = op(a, b).toTypedArray();
    setEnabled(previous);
    const error = b === null ? tanhError(a, reference) : matmulError(a, b, reference);
    let same = true;
    let attempts = 0;
    let shared = false;
    while (!shared && attempts < (supported ? 10 : 1)) {
      if (attempts > 0) await pause(20);
      attempts++;
      const tasks = workerTaskCount();
      const threaded = op(a, b).toTypedArray();
      shared = workerTaskCount() > tasks;
      same = same && sameBytes(threaded, reference);
    }
    details.push({ name, same, shared, attempts, error });
  }
  return {
    isolated,
    supported,
    workerTasksBefore,
    warmedUp,
    workerTasksAfter: workerTaskCount(),
    details,
  };
}

run().then(
  (result) => postMessage(result),
  (error) => postMessage({ error: String((error && error.stack) || error) }),
);
`;

/** What the runner posts back (or `error` when it failed). */
interface RunReport {
  error?: string;
  isolated: boolean;
  supported: boolean;
  workerTasksBefore: number;
  warmedUp: number;
  workerTasksAfter: number;
  details: { name: string; same: boolean; shared: boolean; attempts: number; error: number }[];
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/**
 * Serves `root` on 127.0.0.1 (a free port); with `isolated`, every response carries the headers
 * that make a page cross-origin isolated.
 */
async function serve(root: string, isolated: boolean): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (isolated) {
      headers["Cross-Origin-Opener-Policy"] = "same-origin";
      headers["Cross-Origin-Embedder-Policy"] = "require-corp";
      headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = normalize(join(root, pathname === "/" ? "index.html" : pathname));
    const type = CONTENT_TYPES[extname(file)];
    if (!file.startsWith(root + sep) || type === undefined || !existsSync(file)) {
      response.writeHead(404, headers).end("not found");
      return;
    }
    response.writeHead(200, { ...headers, "Content-Type": type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Stops `server`, dropping its idle keep-alive connections. */
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe.skipIf(!runnable)("worker threads in a browser (headless Chromium)", () => {
  let out = "";
  let browser: Browser | undefined;
  const servers: Server[] = [];
  const origins = { isolated: "", plain: "" };

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "kindling-browser-threads-"));
    transpileTree(src, join(out, "lib"));
    writeFileSync(join(out, "index.html"), INDEX_HTML);
    writeFileSync(join(out, "runner.js"), RUNNER_JS);
    for (const isolated of [true, false]) {
      const { server, origin } = await serve(out, isolated);
      servers.push(server);
      origins[isolated ? "isolated" : "plain"] = origin;
    }
    browser = await chromium.launch({
      executablePath: findChromium()!,
      headless: true,
      args: ["--headless", "--no-sandbox"],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map(close));
    if (out !== "") rmSync(out, { recursive: true, force: true });
  });

  /** Opens the page at `origin` and waits for the runner's report. */
  async function runPage(origin: string): Promise<RunReport> {
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    try {
      await page.goto(`${origin}/`, { timeout: 60_000 });
      await page.waitForFunction("window.__result !== undefined", undefined, { timeout: 60_000 });
      const report = (await page.evaluate("window.__result")) as RunReport;
      expect(report.error, report.error).toBeUndefined();
      expect(problems).toEqual([]);
      return report;
    } finally {
      await page.close();
    }
  }

  /** Every case's one-thread values are close to the runner's float64 reference. */
  function expectAccurate(report: RunReport): void {
    expect(report.details).toHaveLength(4);
    for (const d of report.details) expect(d.error, d.name).toBeLessThan(2e-5);
  }

  it("shares large matmuls and tanh with workers when cross-origin isolated, bit for bit", async () => {
    const report = await runPage(origins.isolated);
    expect(report.isolated).toBe(true);
    expect(report.supported).toBe(true);
    expect(report.warmedUp).toBeGreaterThan(report.workerTasksBefore);
    expect(report.workerTasksAfter).toBeGreaterThan(report.warmedUp);
    expect(report.details.filter((d) => !d.shared).map((d) => d.name)).toEqual([]);
    expect(
      report.details.every((d) => d.same),
      JSON.stringify(report.details),
    ).toBe(true);
    expectAccurate(report);
  });

  it("computes the same values on one thread without cross-origin isolation", async () => {
    const report = await runPage(origins.plain);
    expect(report.isolated).toBe(false);
    expect(report.supported).toBe(false);
    expect(report.workerTasksAfter).toBe(0);
    expect(
      report.details.every((d) => d.same),
      JSON.stringify(report.details),
    ).toBe(true);
    expectAccurate(report);
  });
});
