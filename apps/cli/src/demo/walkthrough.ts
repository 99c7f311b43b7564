import { join } from "node:path";
import { LambdaLR } from "@kindling/lr-scheduler";
import { MSELoss } from "@kindling/nn";
import { SGD } from "@kindling/optim";
import { load, save } from "@kindling/serialize";
import type { Tensor } from "@kindling/tensor";
import { moduleStateForSave } from "./checkpointValues.js";
import { type DemoData, makeNet } from "./experiment.js";
import { pyNumber, pyRepr } from "./pyRepr.js";

/** One step of the tutorial: a heading and what it prints. */
export interface WalkStep {
  /** The step's heading. */
  readonly title: string;
  /** The lines it prints. */
  readonly lines: string[];
}

/** What the walk-through shows, as data (for `--json` and the tests). */
export interface Walkthrough {
  /** The steps, in the tutorial's order. */
  readonly steps: WalkStep[];
  /** `optimizer.state_dict()['param_groups']` before LambdaLR is attached. */
  readonly paramGroupsBefore: unknown[];
  /** The same after: with `initial_lr`. */
  readonly paramGroupsAfter: unknown[];
  /** The lr after each of the first `scheduler.step()` calls of LambdaLR(0.5 ** epoch) at 0.05. */
  readonly stepLrs: number[];
  /** Whether the weights changed after one epoch of training. */
  readonly trainingChangedWeights: boolean;
  /** Whether the state dict restored from the file equals the saved one exactly. */
  readonly restoredEqualsSaved: boolean;
  /** The model file the walk-through saved. */
  readonly savedFile: string;
}

function sameValues(a: Tensor, b: Tensor): boolean {
  const x = a.toTypedArray();
  const y = b.toTypedArray();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function sameState(a: Map<string, Tensor>, b: Map<string, Tensor>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, t] of a) {
    const other = b.get(key);
    if (other === undefined || !sameValues(t, other)) return false;
  }
  return true;
}

function row(t: Tensor): string {
  const values = Array.from(t.select(0, 0).toTypedArray() as Float32Array, (v) =>
    v.toFixed(4).padStart(7),
  );
  return `[${values.join(", ")}]`;
}

function trainOneEpoch(net: ReturnType<typeof makeNet>, optimizer: SGD, data: DemoData): void {
  const criterion = new MSELoss();
  net.train();
  for (const [x, y] of data.train) {
    const loss = criterion.call(net.forward(x!), y!);
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
  }
}

/**
 * The tutorial's sections 1 and 2 in order: the optimizer's state dict, saving a model, training
 * it one epoch and restoring it, then LambdaLR(0.5 ** epoch) attached and stepped.
 */
export async function walkthrough(data: DemoData, outDir: string): Promise<Walkthrough> {
  const steps: WalkStep[] = [];

  // 1.1: the optimizer's state dict.
  let net = makeNet();
  let optimizer = new SGD(net.parameters(), { lr: 0.01 });
  const first = optimizer.stateDict();
  steps.push({
    title: "1.1 optimizer.state_dict() of SGD(lr=0.01) on net_class2(tanh, 5, BN 'pre')",
    lines: [
      pyRepr(first),
      `param_groups[0]['lr'] = ${pyNumber(first.param_groups[0]!.lr)}`,
      `len(list(model.parameters())) = ${net.parameters().length} (params holds one index per tensor)`,
    ],
  });

  // 1.2: save, train one epoch, restore.
  net = makeNet();
  const savedFile = join(outDir, "tanh1.pt");
  const saved = net.stateDict();
  await save(moduleStateForSave(saved), savedFile);
  optimizer = new SGD(net.parameters(), { lr: 0.05 });
  trainOneEpoch(net, optimizer, data);
  const trained = net.stateDict();
  net.loadStateDict(await load<Map<string, Tensor>>(savedFile));
  const restored = net.stateDict();
  const trainingChangedWeights = !sameState(saved, trained);
  const restoredEqualsSaved = sameState(saved, restored);
  steps.push({
    title: "1.2 torch.save(model.state_dict()), one epoch of training, load_state_dict",
    lines: [
      `saved ${saved.size} entries to ${savedFile}`,
      `linear1.weight[0] saved:    ${row(saved.get("linear1.weight")!)}`,
      `linear1.weight[0] trained:  ${row(trained.get("linear1.weight")!)}  (one epoch, SGD lr 0.05)`,
      `linear1.weight[0] restored: ${row(restored.get("linear1.weight")!)}`,
      `normalize1.num_batches_tracked: saved ${saved.get("normalize1.num_batches_tracked")!.item()}, trained ${trained.get("normalize1.num_batches_tracked")!.item()}, restored ${restored.get("normalize1.num_batches_tracked")!.item()}`,
      restoredEqualsSaved
        ? "restored state dict equals the saved one, entry for entry"
        : "restored state dict DIFFERS from the saved one",
    ],
  });

  // 2: LambdaLR(0.5 ** epoch).
  net = makeNet();
  optimizer = new SGD(net.parameters(), { lr: 0.05 });
  const paramGroupsBefore = optimizer.stateDict().param_groups;
  const scheduler = new LambdaLR(optimizer, { lrLambda: "0.5 ** epoch" });
  const paramGroupsAfter = optimizer.stateDict().param_groups;
  const stepLrs: number[] = [];
  trainOneEpoch(net, optimizer, data);
  scheduler.step();
  stepLrs.push(optimizer.paramGroups[0]!.lr);
  for (let i = 0; i < 2; i++) {
    optimizer.zeroGrad();
    optimizer.step();
    scheduler.step();
    stepLrs.push(optimizer.paramGroups[0]!.lr);
  }
  steps.push({
    title: "2 LambdaLR(optimizer, lambda epoch: 0.5 ** epoch) on SGD(lr=0.05)",
    lines: [
      `param_groups before: ${pyRepr(paramGroupsBefore)}`,
      `param_groups after:  ${pyRepr(paramGroupsAfter)}  (initial_lr added)`,
      ...stepLrs.map(
        (lr, i) =>
          `scheduler.step() #${i + 1}${i === 0 ? " (after one epoch)" : " (after zero_grad, step)"}: lr = 0.5 ** ${i + 1} * 0.05 = ${pyNumber(lr)}`,
      ),
      `scheduler.state_dict() = ${pyRepr(scheduler.stateDict())}`,
    ],
  });

  return {
    steps,
    paramGroupsBefore,
    paramGroupsAfter,
    stepLrs,
    trainingChangedWeights,
    restoredEqualsSaved,
    savedFile,
  };
}
