import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", "./scripts/vitest-summary-reporter.ts"],
    projects: projects.map(({ dir, name }) => ({
      extends: true,
      test: {
        name,
        root: `${root}${dir}`,
        include: ["src/**/*.test.ts", "test/**/*.test.ts"],
        testTimeout: 60_000,
      },
    })),
  },
});
