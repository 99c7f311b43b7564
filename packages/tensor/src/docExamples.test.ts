import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as T from "./index.js";

/**
 * Every `@example` in the ops and creation docs is run: a line `expr; // value` must evaluate
 * `expr` to `value`. This keeps the documented outputs true and gives each op a first test.
 */
const folders = ["ops", "creation", "format", "autograd", "iteration"];
const names = Object.keys(T);
const values = Object.values(T);

function examplesOf(source: string): string[] {
  const blocks: string[] = [];
  const pattern = /@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g;
  for (const match of source.matchAll(pattern)) {
    blocks.push(
      match[1]!
        .split("\n")
        .map((line) => line.replace(/^\s*\* ?/, ""))
        .join("\n"),
    );
  }
  return blocks;
}

/** Turns `expr; // value` lines into checks; a comment-only line continues the previous one. */
function toProgram(example: string): string {
  const lines = example.split("\n");
  const out: string[] = [];
  for (const line of lines) {
    const lone = /^\s*\/\/ (.*)$/.exec(line);
    if (lone !== null && out.length > 0 && out[out.length - 1]!.endsWith(";")) {
      const previous = out.pop()!;
      out.push(`__check(${previous.slice(0, -1)}, ${JSON.stringify(lone[1])});`);
      continue;
    }
    const withValue = /^(.*?);\s*\/\/ (.*)$/.exec(line);
    if (withValue !== null && !/^\s*(const|let)\b/.test(withValue[1]!)) {
      out.push(`__check(${withValue[1]}, ${JSON.stringify(withValue[2])});`);
    } else {
      out.push(line);
    }
  }
  return out.join("\n");
}

function check(actual: unknown, expectedText: string): void {
  const literal = expectedText.replace(/\s*\(.*\)\s*$/, "");
  const expected = new Function(`return (${literal});`)() as unknown;
  expect(actual).toEqual(expected);
}

for (const folder of folders) {
  const dir = new URL(`./${folder}/`, import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.includes(".test."))) {
    const examples = examplesOf(readFileSync(new URL(file, dir), "utf8"));
    if (examples.length === 0) continue;
    describe(`${folder}/${file} examples`, () => {
      examples.forEach((example, i) => {
        it(`example ${i + 1} runs as documented`, () => {
          const run = new Function("__check", ...names, toProgram(example));
          run(check, ...values);
        });
      });
    });
  }
}
