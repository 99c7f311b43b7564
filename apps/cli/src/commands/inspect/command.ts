import { Command } from "commander";

/** The `kindling inspect` command's definition; the work is loaded when it runs. */
export function inspectCommand(): Command {
  return new Command("inspect")
    .description(
      "show what a checkpoint (.pt or .safetensors) holds: keys, dtypes and shapes, optimizer " +
        "param groups and hyper-parameters, scheduler fields",
    )
    .argument("<file>", "the checkpoint")
    .option("--json", "print one JSON document instead of the tree")
    .addHelpText(
      "after",
      `
Examples:
  kindling inspect kindling-demo/checkpoint.pt
  kindling inspect kindling-fit/checkpoint.pt --json
  kindling inspect model.safetensors
`,
    )
    .action(async (file: string, opts: { json?: boolean }) => {
      const { runInspect } = await import("./runInspect.js");
      process.exitCode = await runInspect({
        file,
        json: opts.json === true,
        stdout: process.stdout,
      });
    });
}
