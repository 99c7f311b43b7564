import { Command } from "commander";

/** The flags of `kindling fit` that set config keys, with their help. */
export const CONFIG_FLAGS: readonly (readonly [flag: string, help: string])[] = [
  [
    "--task <task>",
    "regression (tensorGenReg, MSE) or classification (tensorGenCla, cross-entropy, accuracy); default regression",
  ],
  ["--rows <n>", "rows (regression, default 1000) or rows per class (classification, default 500)"],
  [
    "--w <list>",
    "regression: the true coefficients, default 2,-1,3,1,2 (their count is the feature count)",
  ],
  [
    "--bias <bool>",
    "regression: w ends with an intercept and a column of ones is added; default false",
  ],
  ["--deg <n>", "regression: the features' power in the true relation, 1 to 10, default 2"],
  ["--noise <std>", "regression: the label noise's standard deviation, default 0.01"],
  ["--features <n>", "classification: features per row, default 2"],
  ["--classes <n>", "classification: the number of classes, default 3"],
  ["--dispersion <mean,std>", "classification: class-centre spacing and spread, default 4,2"],
  ["--data-seed <n>", "manual_seed before the data are drawn, default 420"],
  ["--rate <x>", "share of rows in the training split, in (0, 1), default 0.7"],
  ["--hidden <list>", "hidden layer sizes, 1 to 4 layers (net_class1..4), default 4,4"],
  ["--activation <name>", "tanh (default), relu, sigmoid, gelu, elu, silu or leaky_relu"],
  [
    "--batch-norm <mode>",
    "BatchNorm before the activation (pre, default), after it (post), or none",
  ],
  ["--net-seed <n>", "manual_seed before the network is built, default 24"],
  [
    "--optimizer <spec>",
    'the optimizer and its options, e.g. "Adam(betas=[0.9, 0.99])"; default SGD',
  ],
  ["--lr <x>", "the learning rate (the initial one when scheduled), default 0.05"],
  [
    "--scheduler <spec>",
    'stepped once per epoch, e.g. "StepLR(stepSize=10, gamma=0.5)", or none; default "LambdaLR(lrLambda=0.95 ** epoch)" (none with --plan or --interactive)',
  ],
  ["--epochs <n>", "passes over the training data, default 60"],
  ["--batch-size <n>", "rows per training batch, default 50"],
  [
    "--plan <stints>",
    'stints of epochs@lr on the same network, each with a fresh optimizer, e.g. "30@0.03,30@0.01"',
  ],
];

/** The `kindling fit` command's definition; the work is loaded when it runs. */
export function fitCommand(): Command {
  const command = new Command("fit").description(
    "train the course's network on generated data: any optimizer and scheduler, curves, charts and " +
      "PyTorch-format checkpoints; resumable bit for bit; --interactive for the seed's hand-driven loop",
  );
  command.option("--config <file>", "a JSON file of settings (keys: the flags' camelCase names)");
  for (const [flag, help] of CONFIG_FLAGS) command.option(flag, help);
  command
    .option(
      "-i, --interactive",
      'ask "continue? [y/n]", epochs and lr before each stint (the seed\'s loop)',
    )
    .option(
      "--checkpoint-every <n>",
      "write checkpoint.pt after every n epochs (always at the end)",
    )
    .option("--resume <file>", "continue the run saved in a checkpoint (its settings are used)")
    .option(
      "-o, --out <dir>",
      "folder for curves, charts and checkpoints (default ./kindling-fit, or the checkpoint's folder with --resume)",
    )
    .option("--json", "print one JSON document (settings, curves, files) instead of text")
    .option("-q, --quiet", "print nothing but errors (and --interactive's questions)")
    .addHelpText(
      "after",
      `
Examples:
  kindling fit                                   the seed's LambdaLR run (60 epochs, lr 0.05)
  kindling fit --scheduler none --lr 0.03        a constant lr
  kindling fit --optimizer "SGD(momentum=0.9)" --scheduler "CosineAnnealingLR(T_max=60)"
  kindling fit --task classification --hidden 8,8 --activation relu --optimizer Adam --lr 0.01
  kindling fit --plan "30@0.03,30@0.01"          the tutorial's hand-tuned run, without prompts
  kindling fit --interactive                     the tutorial's section 3.3 loop
  kindling fit --checkpoint-every 5 --out run1   then, after a crash:
  kindling fit --resume run1/checkpoint.pt
  kindling fit --config settings.json --epochs 10
`,
    )
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const { fitMain } = await import("./fitMain.js");
      process.exitCode = await fitMain(opts, {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    });
  return command;
}
