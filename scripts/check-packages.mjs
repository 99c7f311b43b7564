#!/usr/bin/env node
// Checks that every publishable workspace package is publishable as it stands, on the tarball npm
// would publish: publint for the manifest and packed files, and "are the types wrong" (attw) for
// what TypeScript users resolve, with attw's esm-only profile (Kindling ships ESM only, so the
// node10 and CommonJS-require resolutions are out of scope). Run after `pnpm build`.
// One `pnpm pack` for all packages and both checkers through their APIs in this one process: the
// CLIs pack each package again and take minutes on a 2-core machine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const IGNORED_RESOLUTIONS = new Set(["node10", "node16-cjs"]);

const dirs = ["packages", "apps"]
  .flatMap((group) =>
    readdirSync(group, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(group, entry.name)),
  )
  .filter((dir) => !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private);

const out = mkdtempSync(join(tmpdir(), "kindling-pack-"));
const filters = dirs.flatMap((dir) => ["--filter", `./${dir}`]);
const pack = spawnSync("pnpm", [...filters, "pack", "--pack-destination", out], {
  encoding: "utf8",
});
if (pack.status !== 0) {
  process.stderr.write(`pnpm pack failed\n${pack.stdout}${pack.stderr}`);
  process.exit(1);
}

let failures = 0;
for (const dir of dirs) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const tarballName = `${manifest.name.replace("@", "").replace("/", "-")}-${manifest.version}.tgz`;
  const tarball = readFileSync(join(out, tarballName));

  const lint = await publint({
    pack: {
      tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.length),
    },
    level: "suggestion",
    strict: true,
  });
  const lintProblems = lint.messages.map((m) => formatMessage(m, lint.pkg) ?? m.code);

  const types = await checkPackage(createPackageFromTarballData(new Uint8Array(tarball)));
  const typeProblems = types.types
    ? types.problems
        .filter((p) => !("resolutionKind" in p) || !IGNORED_RESOLUTIONS.has(p.resolutionKind))
        .map((p) => `${p.kind}${"entrypoint" in p ? ` at ${p.entrypoint}` : ""}`)
    : ["no types found in the package"];

  for (const [tool, problems] of [
    ["publint", lintProblems],
    ["attw", typeProblems],
  ]) {
    process.stdout.write(
      `${problems.length === 0 ? "ok  " : "FAIL"} ${tool.padEnd(8)} ${manifest.name}\n`,
    );
    for (const problem of problems) process.stdout.write(`       ${problem}\n`);
    if (problems.length > 0) failures++;
  }
}
rmSync(out, { recursive: true, force: true });
if (failures > 0) {
  process.stdout.write(`${failures} package check(s) failed\n`);
  process.exit(1);
}
