import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/**
 * Transpiles every non-test `.ts` file under `from` into `.js` under `to` (the same tree; no type
 * check), so that a child process or a browser page can run the package's current sources as
 * plain JavaScript without a build.
 */
export function transpileTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const path = join(from, entry.name);
    if (entry.isDirectory()) {
      transpileTree(path, join(to, entry.name));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      const js = ts.transpileModule(readFileSync(path, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      mkdirSync(to, { recursive: true });
      writeFileSync(join(to, entry.name.replace(/\.ts$/, ".js")), js);
    }
  }
}
