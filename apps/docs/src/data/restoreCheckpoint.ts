import { LambdaLR } from "@kindling/lr-scheduler";
import { netClass2 } from "@kindling/nn";
import { type OptimizerStateDict, SGD } from "@kindling/optim";
import { load } from "@kindling/serialize";
import { manualSeed, type Tensor, tanh } from "@kindling/tensor";

/** What restoring a training checkpoint gave: the checkpoints guide shows it. */
export interface RestoredCheckpoint {
  epoch: number;
  lr: number;
  lastEpoch: number;
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Restores `kindling demo`'s `checkpoint.pt` into a new network, optimizer and scheduler, with
 * exactly the code the checkpoints guide shows.
 */
export async function restoreCheckpoint(path: string): Promise<RestoredCheckpoint> {
  const c = await load<{
    model: Record<string, Tensor>;
    optimizer: OptimizerStateDict;
    scheduler: Parameters<LambdaLR["loadStateDict"]>[0];
    epoch: number;
  }>(path, { dicts: "object" });
  manualSeed(0);
  const net = netClass2({ actFun: tanh, inFeatures: 5, bnModel: "pre" });
  const optimizer = new SGD(net.parameters(), { lr: 0.05 });
  const scheduler = new LambdaLR(optimizer, { lrLambda: "0.95 ** epoch" });
  const { missingKeys, unexpectedKeys } = net.loadStateDict(c.model);
  optimizer.loadStateDict(c.optimizer);
  scheduler.loadStateDict(c.scheduler);
  return {
    epoch: c.epoch,
    lr: optimizer.paramGroups[0]?.lr ?? Number.NaN,
    lastEpoch: scheduler.lastEpoch,
    missingKeys,
    unexpectedKeys,
  };
}
