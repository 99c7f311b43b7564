#!/usr/bin/env node
// Builds the documentation site into apps/docs/dist: typedoc writes the API reference of every
// package as Markdown into docs/api (warnings, such as an undocumented export, are errors), then
// VitePress builds the guides and the API into static files (a dead link fails the build).
import { spawnSync } from "node:child_process";
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";

const site = fileURLToPath(new URL("..", import.meta.url));
// typedoc and vitepress are this package's dependencies: run its own binaries.
const env = { ...process.env, PATH: `${site}node_modules/.bin${delimiter}${process.env.PATH}` };

function run(title, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: site, env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`docs: ${title} failed (${seconds} s)\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`docs: ${title} done in ${seconds} s\n`);
}

run("API reference (typedoc)", "typedoc", ["--options", "typedoc.json", "--logLevel", "Warn"]);
run("site (vitepress build)", "vitepress", ["build", "."]);
