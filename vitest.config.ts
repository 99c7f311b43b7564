import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import { GEMM_RELAXED_WASM_BASE64 } from "./packages/tensor/src/kernels/wasm/gemmRelaxedBinary.js";

/**
 * One vitest run over every workspace package. Workspace imports (`@kindling/tensor`, ...) resolve
 * to each package's TypeScript source, so tests never need a prior build and always see the code
 * beside them.
 */
const root = fileURLToPath(new URL(".", import.meta.url));
const workspaceDirs = ["packages", "apps"].flatMap((group) =>
  readdirSync(`${root}${group}`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${group}/${entry.name}`),
);

const alias: Record<string, string> = {};
const projects = workspaceDirs.map((dir) => {
  const manifest = JSON.parse(readFileSync(`${root}${dir}/package.json`, "utf8")) as {
    name: string;
  };
  alias[manifest.name] = `${root}${dir}/src/index.ts`;
  return { dir, name: manifest.name };
});

/**
 * The tensor tests that run again on the relaxed-SIMD matmul kernel, in a project of their own.
 * Node 20 accepts relaxed SIMD only with `--experimental-wasm-relaxed-simd`; later versions have
 * it on, and may no longer know the flag, so it is passed only where a module using relaxed SIMD
 * fails validation without it.
 */
const RELAXED_TESTS = [
  "src/kernels/wasm/gemmRelaxed.test.ts",
  "src/kernels/wasm/gemmF32.test.ts",
  "src/kernels/wasm/threads/gemmThreaded.test.ts",
];
const relaxedExecArgv = WebAssembly.validate(Buffer.from(GEMM_RELAXED_WASM_BASE64, "base64"))
  ? []
  : ["--experimental-wasm-relaxed-simd"];

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", "./scripts/vitest-summary-reporter.ts"],
    projects: [
      ...projects.map(({ dir, name }) => ({
        extends: true,
        test: {
          name,
          root: `${root}${dir}`,
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [
            ...configDefaults.exclude,
            ...(name === "@kindling/tensor" ? [RELAXED_TESTS[0]!] : []),
          ],
          testTimeout: 60_000,
        },
      })),
      {
        extends: true,
        test: {
          name: "@kindling/tensor (relaxed SIMD)",
          root: `${root}packages/tensor`,
          include: RELAXED_TESTS,
          execArgv: relaxedExecArgv,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
