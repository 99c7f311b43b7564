import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { compileAsmKernel, gemmKernel } from "./gemmAsm.js";

/**
 * The kernel is only fast when V8 validates its asm.js copy, and an edit that breaks one rule of
 * the subset (a `0` where `0.0` is needed, a `*` between integers) or changes a piece the copy
 * looks for silently turns it back into plain JavaScript. So this test transpiles the source as
 * `tsc` does for `dist`, runs it in a child Node with `--allow-natives-syntax`, asks V8 whether
 * the copy was compiled as asm.js (and that it printed no asm.js warning), and compares the
 * copy's block with the same block run here by the plain function: the bits must agree.
 */
const source = join(dirname(fileURLToPath(import.meta.url)), "gemmAsm.ts");
const MC = 12;
const NC = 16;
const KC = 37;

/** Deterministic inputs: A panels (MC×KC), B panels (KC×NC), C block (MC×NC) after them. */
function fill(f64: Float64Array): void {
  let s = 12345;
  for (let i = 0; i < (MC + NC) * KC; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    f64[i] = (s / 2 ** 32) * 2 - 1;
  }
}

/** The module as `tsc` emits it for `dist`. */
function transpiled(): string {
  return ts.transpileModule(readFileSync(source, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}

const childScript = `
const m = await import(process.argv[2]);
const heap = new ArrayBuffer(1 << 16);
const asm = m.compileAsmKernel();
if (asm === null) throw new Error("compileAsmKernel gave null for tsc's output");
const kernel = asm(globalThis, null, heap);
const f64 = new Float64Array(heap);
const inputs = JSON.parse(process.argv[3]);
f64.set(inputs);
kernel.block(${MC}, ${NC}, ${KC}, 0, ${MC * KC * 8}, ${(MC + NC) * KC * 8}, ${NC});
const c = Array.from(f64.subarray(${(MC + NC) * KC}, ${(MC + NC) * KC + MC * NC}));
console.log(JSON.stringify({ asm: %IsAsmWasmCode(asm), c }));
`;

describe("gemmAsm", () => {
  it("validates as asm.js in V8 and gives the bits of its plain JavaScript run", () => {
    const dir = mkdtempSync(join(tmpdir(), "kindling-asm-"));
    try {
      const js = transpiled();
      const modulePath = join(dir, "gemmAsm.js");
      writeFileSync(modulePath, js);
      const script = join(dir, "child.mjs");
      writeFileSync(script, childScript);

      const heap = new ArrayBuffer(1 << 16);
      const f64 = new Float64Array(heap);
      fill(f64);
      const inputs = JSON.stringify(Array.from(f64.subarray(0, (MC + NC) * KC)));
      const run = spawnSync(
        process.execPath,
        ["--allow-natives-syntax", script, `file://${modulePath}`, inputs],
        { encoding: "utf8" },
      );
      expect(run.stderr).not.toMatch(/asm\.js/);
      expect(run.status).toBe(0);
      const child = JSON.parse(run.stdout) as { asm: boolean; c: number[] };
      expect(child.asm).toBe(true);

      gemmKernel(globalThis, null, heap).block(MC, NC, KC, 0, MC * KC * 8, (MC + NC) * KC * 8, NC);
      const here = Array.from(f64.subarray((MC + NC) * KC, (MC + NC) * KC + MC * NC));
      expect(child.c).toEqual(here);
      expect(here.some((v) => v !== 0)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("makes no asm.js copy of a reprinted kernel, so V8 is never asked to validate one", () => {
    const emitted = transpiled();
    const start = emitted.indexOf("function gemmKernel(");
    const text = emitted.slice(start, emitted.indexOf("\n}\n", start) + 2);
    expect(compileAsmKernel(text)).not.toBeNull();
    // As esbuild prints it (0.0 becomes 0, which asm.js types as an integer), as a minifier
    // shortens a coercion, as a bundler renames a parameter: no copy.
    expect(compileAsmKernel(text.replaceAll("0.0", "0"))).toBeNull();
    expect(compileAsmKernel(text.replace("mc = mc | 0;", "mc |= 0;"))).toBeNull();
    expect(compileAsmKernel(text.replaceAll("stdlib", "s"))).toBeNull();
  });
});
