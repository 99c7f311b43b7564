import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LBFGS, type OptimizerStateDict } from "@kindling/optim";
import { noGrad, type Tensor, tensor } from "@kindling/tensor";
import { afterAll, expect, it } from "vitest";
import { describeWithTorch, runTorch } from "../../../../scripts/torch/live.js";
import { load, save } from "../node/fileIO.js";

const C = [0.7, 1.3, 0.9, 1.1, 0.6];
const D = [0.4, -1.2, 0.3, 0.8, -0.5];
const START = [1.5, -0.5, 2.0, -1.0, 0.25];
const OPTIONS = { lr: 1, maxIter: 5, historySize: 3, lineSearchFn: "strong_wolfe" } as const;

/** The quartic problem of the optim fixtures: grad (p·p·p)·c + d, loss added element by element. */
function problem(p: Tensor) {
  const c = tensor(C);
  const d = tensor(D);
  const c4 = c.mul(0.25);
  return () =>
    noGrad(() => {
      const x = p.toTypedArray() as Float32Array;
      p.grad = tensor(
        Array.from(x, (v, j) =>
          Math.fround(
            Math.fround(Math.fround(Math.fround(v * v) * v) * Math.fround(C[j]!)) +
              Math.fround(D[j]!),
          ),
        ),
      );
      let loss = 0;
      let first = true;
      for (const v of p.mul(p).mul(p.mul(p)).mul(c4).add(d.mul(p)).toTypedArray() as Float32Array) {
        loss = first ? v : Math.fround(loss + v);
        first = false;
      }
      return tensor(loss);
    });
}

const PYTHON = `
import json, sys, torch
args = json.load(sys.stdin)
C = torch.tensor(args["C"]); D = torch.tensor(args["D"]); C4 = C * 0.25
p = torch.nn.Parameter(torch.tensor(args["start"]))
opt = torch.optim.LBFGS([p], lr=1.0, max_iter=5, history_size=3, line_search_fn="strong_wolfe")
def closure():
    with torch.no_grad():
        p.grad = (p * p * p) * C + D
        loss = None
        for x in (((p * p) * (p * p)) * C4 + D * p):
            loss = x if loss is None else loss + x
    return loss
if args["mode"] == "continue":
    saved = torch.load(args["path"])
    with torch.no_grad():
        p.copy_(saved["param"])
    opt.load_state_dict(saved["optimizer"])
else:
    for _ in range(2):
        opt.step(closure)
    torch.save({"param": p.detach().clone(), "optimizer": opt.state_dict()}, args["path"])
for _ in range(2):
    opt.step(closure)
print(json.dumps({"param": p.detach().tolist(), "func_evals": opt.state[p]["func_evals"]}))
`;

describeWithTorch("LBFGS checkpoints between Kindling and PyTorch 1.13", () => {
  const dir = mkdtempSync(join(tmpdir(), "kindling-lbfgs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a Kindling checkpoint (history lists, 0-dim tensors, None in al) continues in PyTorch as in Kindling", async () => {
    const p = tensor(START, { requiresGrad: true });
    const opt = new LBFGS([p], OPTIONS);
    const closure = problem(p);
    for (let i = 0; i < 2; i++) opt.step(closure);
    const path = join(dir, "kindling.pt");
    await save({ param: p.detach().clone(), optimizer: opt.stateDict() }, path);
    for (let i = 0; i < 2; i++) opt.step(closure);
    const theirs = runTorch(PYTHON, { C, D, start: START, path, mode: "continue" }) as {
      param: number[];
      func_evals: number;
    };
    expect(Array.from(p.toTypedArray() as Float32Array)).toEqual(theirs.param);
    expect(opt.state.get(p)!.func_evals).toBe(theirs.func_evals);
  });

  it("a PyTorch checkpoint continues in Kindling as in PyTorch", async () => {
    const path = join(dir, "torch.pt");
    const theirs = runTorch(PYTHON, { C, D, start: START, path, mode: "save" }) as {
      param: number[];
    };
    const saved = (await load(path, { dicts: "object" })) as {
      param: Tensor;
      optimizer: OptimizerStateDict;
    };
    const p = saved.param.clone().requiresGrad_();
    const opt = new LBFGS([p], OPTIONS);
    opt.loadStateDict(saved.optimizer);
    const closure = problem(p);
    for (let i = 0; i < 2; i++) opt.step(closure);
    expect(Array.from(p.toTypedArray() as Float32Array)).toEqual(theirs.param);
  });
});
