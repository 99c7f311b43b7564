#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { fitCommand } from "./commands/fit/command.js";
import { inspectCommand } from "./commands/inspect/command.js";
import { scheduleCommand } from "./commands/schedule/command.js";
import { EXIT, UserError } from "./errors.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

// A reader that stops early (`kindling schedule --list | head`) closes the pipe: that is the end
// of the output, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

function fail(message: string, code: number): void {
  process.stderr.write(`kindling: ${message}\n`);
  process.exitCode = code;
}

const program = new Command("kindling")
  .description(
    "Kindling's command: the seed learning-rate tutorial end to end, training runs, lr schedules " +
      "and checkpoint inspection.",
  )
  .version(manifest.version, "-v, --version", "print the version")
  .exitOverride()
  .configureOutput({
    // Commander's own messages are one line ("error: unknown option '--x'"); keep them so.
    outputError: (message, write) =>
      write(
        `kindling: ${message
          .replace(/^error: /, "")
          .replace(/\s*\n\(Did you mean (.*)\?\)/, " (did you mean $1?)")}`,
      ),
  })
  .showSuggestionAfterError(true);

program
  .command("demo")
  .description(
    "run the seed tutorial's experiment: the optimizer state dict, save/restore, LambdaLR, and 60 " +
      "epochs of four lr schedules; prints a results table and writes charts, curves and a checkpoint",
  )
  .option("-o, --out <dir>", "folder for charts, curves and checkpoints", "./kindling-demo")
  .option("--json", "print one JSON document (curves, results, files) instead of text")
  .option("-q, --quiet", "print nothing but errors")
  .addHelpText(
    "after",
    "\nExamples:\n  kindling demo\n  kindling demo --out /tmp/run1 --quiet\n  kindling demo --json > demo.json\n",
  )
  .action(async (opts: { out: string; json?: boolean; quiet?: boolean }) => {
    if (opts.out.trim() === "") throw new UserError("--out needs a folder path");
    // Loaded here, so that --help, --version and usage errors do not load the tensor stack.
    const { runDemo } = await import("./demo/runDemo.js");
    process.exitCode = await runDemo({
      out: opts.out,
      json: opts.json === true,
      quiet: opts.quiet === true,
      stdout: process.stdout,
    });
  });

for (const command of [fitCommand(), scheduleCommand(), inspectCommand()]) {
  program.addCommand(command.copyInheritedSettings(program));
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every parsing mistake is a usage error.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (error instanceof UserError) {
    fail(error.message, error.exitCode);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    fail(`internal error: ${message} (set KINDLING_DEBUG=1 for the stack trace)`, EXIT.internal);
    if (process.env.KINDLING_DEBUG === "1" && error instanceof Error) {
      process.stderr.write(`${error.stack}\n`);
    }
  }
}
