import { Command } from "commander";
import { collect } from "../collect.js";

/** The `kindling schedule` command's definition; the work is loaded when it runs. */
export function scheduleCommand(): Command {
  return new Command("schedule")
    .description(
      "draw the learning-rate curve of any @kindling/lr-scheduler scheduler in the terminal, " +
        "without training, and write it as SVG, PNG and CSV",
    )
    .argument("[name]", "the scheduler, e.g. StepLR, LambdaLR, OneCycleLR (see --list)")
    .option(
      "-s, --set <key=value>",
      "a scheduler option, camelCase or PyTorch's snake_case (repeatable)",
      collect,
      [],
    )
    .option("-n, --steps <n>", "scheduler.step() calls to draw", "100")
    .option("--lr <x>", "the optimizer's initial learning rate", "0.1")
    .option(
      "-c, --compare <spec>",
      'another scheduler to overlay, e.g. "StepLR(stepSize=30, gamma=0.5)" (repeatable)',
      collect,
      [],
    )
    .option("--metrics <list>", "ReduceLROnPlateau's metric per step, comma-separated (default 1)")
    .option(
      "-o, --out <dir>",
      "folder for schedule.svg, schedule.png and schedule.csv",
      "./kindling-schedule",
    )
    .option("--no-files", "write no files, only draw")
    .option("--list", "list every scheduler and its options")
    .option("--json", "print one JSON document (the curves and files) instead of text")
    .option("-q, --quiet", "print nothing but errors")
    .addHelpText(
      "after",
      `
Examples:
  kindling schedule StepLR --set stepSize=30 --set gamma=0.1 --steps 100
  kindling schedule LambdaLR --set "lrLambda=0.95 ** epoch" --lr 0.05 --steps 60
  kindling schedule CosineAnnealingLR --set T_max=50 --compare "ExponentialLR(gamma=0.95)"
  kindling schedule OneCycleLR --set maxLr=0.1 --set totalSteps=100 --steps 99 --no-files
  kindling schedule SequentialLR --set "schedulers=[LinearLR(totalIters=5), ExponentialLR(gamma=0.9)]" --set milestones=5
  kindling schedule ReduceLROnPlateau --set patience=2 --metrics 1,0.9,0.8,0.8
  kindling schedule --list
`,
    )
    .action(async (name: string | undefined, opts: Record<string, unknown>) => {
      const { runSchedule } = await import("./runSchedule.js");
      process.exitCode = await runSchedule({
        name,
        set: opts["set"] as string[],
        compare: opts["compare"] as string[],
        steps: opts["steps"] as string,
        lr: opts["lr"] as string,
        metrics: opts["metrics"] as string | undefined,
        out: opts["out"] as string,
        files: opts["files"] !== false,
        json: opts["json"] === true,
        quiet: opts["quiet"] === true,
        list: opts["list"] === true,
        stdout: process.stdout,
      });
    });
}
