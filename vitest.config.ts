import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

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
 * The tensor tests that run again on the plain SIMD matmul kernel (separate multiply and add), in
 * a project of their own: everywhere else float32 matmuls run on the relaxed-SIMD kernel where the
 * runtime has it (Node 20 included, whose V8 flag the tensor package turns on), and
 * `KINDLING_RELAXED_SIMD=0` starts this project with it forbidden.
 */
const PLAIN_GEMM_TESTS = [
  "src/kernels/wasm/gemmPlain.test.ts",
  "src/kernels/wasm/gemmF32.test.ts",
  "src/kernels/wasm/threads/gemmThreaded.test.ts",
];

/**
 * Every project runs with unfilled results poisoned (storage.ts in @kindling/tensor): an op that
 * leaves an element of a large result unwritten then gives NaN (or 0x5a bytes), never stale memory.
 */
const env = { KINDLING_POISON_UNFILLED: "1" };

export default defineConfig({
  resolve: { alias },
  test: {
    env,
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
            ...(name === "@kindling/tensor" ? [PLAIN_GEMM_TESTS[0]!] : []),
          ],
          testTimeout: 60_000,
        },
      })),
      {
        extends: true,
        test: {
          name: "@kindling/tensor (plain SIMD matmul)",
          root: `${root}packages/tensor`,
          include: PLAIN_GEMM_TESTS,
          env: { ...env, KINDLING_RELAXED_SIMD: "0" },
          testTimeout: 60_000,
        },
      },
    ],
  },
});
