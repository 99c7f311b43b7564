import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeWithTorch, runTorch, torch } from "../../../scripts/torch/live.js";
import { OrderedDict, PyTuple, pyFloat, tuple } from "./pickle/pyTypes.js";
import { deserialize, serialize } from "./serialize.js";
import type { TensorData } from "./tensor/tensorData.js";
import { describeValue } from "./testing/describeValue.js";
import { PYTHON_DESCRIBE } from "./testing/pythonDescribe.js";

/** Python with torch starts in seconds, but a loaded machine can take minutes. */
const LIVE_TIMEOUT = 300_000;
const folder = mkdtempSync(join(tmpdir(), "kindling-serialize-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function tensor(
  dtype: TensorData["dtype"],
  storage: TensorData["storage"],
  shape: number[],
  strides?: number[],
  offset = 0,
): TensorData {
  const contiguous: number[] = [];
  let step = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    contiguous[d] = step;
    step *= shape[d]!;
  }
  return { dtype, shape, strides: strides ?? contiguous, storageOffset: offset, storage };
}

/** Everything Kindling writes that PyTorch must read back identically. */
function kindlingValues() {
  const base = new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const matrix = tensor("float32", base, [3, 4]);
  const metadata = new OrderedDict([["", new Map([["version", 1]])]]);
  const module = new OrderedDict<string, TensorData>([
    ["0.weight", matrix],
    ["0.bias", tensor("float64", new Float64Array([0.5, -1.25, 1e-300]), [3])],
    ["1.num_batches_tracked", tensor("int64", new BigInt64Array([7n]), [])],
  ]);
  module.attributes.set("_metadata", metadata);
  return {
    module,
    everything: new Map<unknown, unknown>([
      ["row", tensor("float32", base, [4], [1], 4)],
      ["column", tensor("float32", base, [3], [4], 1)],
      ["transposed", tensor("float32", base, [4, 3], [1, 4])],
      ["matrix", matrix],
      ["int32", tensor("int32", new Int32Array([-5, 2147483647]), [2])],
      ["int16", tensor("int16", new Int16Array([-5, 300]), [2])],
      ["int8", tensor("int8", new Int8Array([-5, 100]), [2])],
      ["uint8", tensor("uint8", new Uint8Array([0, 255]), [2])],
      ["bool", tensor("bool", new Uint8Array([1, 0, 1]), [3])],
      ["empty", tensor("float32", new Float32Array(0), [0, 3])],
      [
        0,
        new Map<unknown, unknown>([
          ["momentum_buffer", null],
          ["step", 3],
        ]),
      ],
      ["lr", pyFloat(1)],
      ["eps", 1e-8],
      ["betas", tuple(0.9, 0.999)],
      ["big", 2n ** 70n],
      ["negative", -(2 ** 40)],
      ["nan", Number.NaN],
      ["inf", -Infinity],
      ["text", "é€ \u{1F600}"],
      ["flags", [true, false, null]],
      ["nested", [[1, [2, tuple(3)]]]],
    ]),
  };
}

describeWithTorch(`interop with PyTorch ${torch?.version ?? ""}`, () => {
  it(
    "torch.load reads what Kindling writes: same types, dtypes, shapes, strides, values, sharing",
    () => {
      const values = kindlingValues();
      writeFileSync(join(folder, "module.pt"), serialize(values.module));
      writeFileSync(join(folder, "everything.pt"), serialize(values.everything));
      writeFileSync(join(folder, "zip64.pt"), serialize(values.everything, { forceZip64: true }));
      const out = runTorch<Record<string, { value: unknown; error: string | null }>>(
        `${PYTHON_DESCRIBE}
args = json.load(sys.stdin)
result = {}
for name in ["module", "everything", "zip64"]:
    for weights_only in [False, True]:
        value, error = try_load(args[name], weights_only=weights_only)
        result[name + ("_weights_only" if weights_only else "")] = {
            "value": None if value is None else describe(value, {}), "error": error}
print(json.dumps(result))`,
        {
          module: join(folder, "module.pt"),
          everything: join(folder, "everything.pt"),
          zip64: join(folder, "zip64.pt"),
        },
        { timeoutMs: LIVE_TIMEOUT },
      );
      expect(out["module"]!.error).toBeNull();
      expect(out["module"]!.value).toEqual(describeValue(values.module));
      expect(out["module_weights_only"]!.error).toBeNull();
      expect(out["module_weights_only"]!.value).toEqual(describeValue(values.module));
      expect(out["everything"]!.error).toBeNull();
      expect(out["everything"]!.value).toEqual(describeValue(values.everything));
      expect(out["zip64"]!.value).toEqual(describeValue(values.everything));
      const weightsOnly = out["everything_weights_only"]!;
      if (torch!.version.startsWith("1.")) {
        // PyTorch 1.13's weights_only unpickler has no BINFLOAT: it refuses every Python float,
        // in files torch.save writes as well (see the README).
        expect(weightsOnly.error).toContain("Unsupported operand 71");
      } else {
        expect(weightsOnly.value).toEqual(describeValue(values.everything));
      }
    },
    LIVE_TIMEOUT,
  );

  it(
    "round trips torch.save'd module, optimizer, scheduler and generator state through Kindling",
    () => {
      const originals = runTorch<{
        files: Record<string, string>;
        expected: Record<string, unknown>;
      }>(
        `${PYTHON_DESCRIBE}
folder = json.load(sys.stdin)
torch.manual_seed(0)
def make():
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.BatchNorm1d(4), torch.nn.Linear(4, 2))
    sgd = torch.optim.SGD(net.parameters(), lr=1.0, momentum=0.9)
    lam = torch.optim.lr_scheduler.LambdaLR(sgd, lambda epoch: 0.95 ** epoch)
    return net, sgd, lam
def train(net, sgd, lam, steps, seed):
    g = torch.Generator().manual_seed(seed)
    lrs = []
    for _ in range(steps):
        sgd.zero_grad(); net(torch.randn(5, 3, generator=g)).pow(2).sum().backward(); sgd.step(); lam.step()
        lrs.append(sgd.param_groups[0]["lr"])
    return lrs
net, sgd, lam = make()
train(net, sgd, lam, 3, 1)
adam_net = torch.nn.Linear(2, 2)
adam = torch.optim.Adam(adam_net.parameters(), lr=1e-3, betas=(0.8, 0.99))
step = torch.optim.lr_scheduler.StepLR(adam, step_size=2, gamma=0.5)
for _ in range(3):
    adam.zero_grad(); adam_net(torch.randn(3, 2)).sum().backward(); adam.step(); step.step()
files = {}
for name, value in [("net", net.state_dict()), ("sgd", sgd.state_dict()), ("lambda", lam.state_dict()),
                    ("adam", adam.state_dict()), ("step", step.state_dict()), ("rng", torch.get_rng_state())]:
    files[name] = folder + "/" + name + ".pt"
    torch.save(value, files[name])
net.eval()
x = torch.linspace(-1, 1, 12).reshape(4, 3)
expected = {"predictions": net(x).tolist(), "lrs": train(net, sgd, lam, 3, 2), "random": torch.rand(3).tolist()}
print(json.dumps({"files": files, "expected": expected}))`,
        folder,
        { timeoutMs: LIVE_TIMEOUT },
      );
      const resaved: Record<string, string> = {};
      for (const [name, path] of Object.entries(originals.files)) {
        const value = deserialize(new Uint8Array(readFileSync(path)), { floats: "exact" });
        resaved[name] = join(folder, `${name}.kindling.pt`);
        writeFileSync(resaved[name]!, serialize(value));
      }
      const out = runTorch<Record<string, unknown>>(
        `${PYTHON_DESCRIBE}
args = json.load(sys.stdin)
files, originals = args["files"], args["originals"]
same = {}
for name in files:
    a, b = torch.load(originals[name]), torch.load(files[name])
    same[name] = describe(a, {}) == describe(b, {})
torch.manual_seed(0)
net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.BatchNorm1d(4), torch.nn.Linear(4, 2))
net.load_state_dict(torch.load(files["net"], weights_only=True), strict=True)
sgd = torch.optim.SGD(net.parameters(), lr=0.5, momentum=0.1)
sgd.load_state_dict(torch.load(files["sgd"]))
lam = torch.optim.lr_scheduler.LambdaLR(sgd, lambda epoch: 0.95 ** epoch)
lam.load_state_dict(torch.load(files["lambda"]))
adam = torch.optim.Adam(torch.nn.Linear(2, 2).parameters(), lr=1e-3, betas=(0.8, 0.99))
adam.load_state_dict(torch.load(files["adam"]))
torch.set_rng_state(torch.load(files["rng"], weights_only=True))
random = torch.rand(3).tolist()
net.eval()
x = torch.linspace(-1, 1, 12).reshape(4, 3)
predictions = net(x).tolist()
net.train()
g = torch.Generator().manual_seed(2)
lrs = []
for _ in range(3):
    sgd.zero_grad(); net(torch.randn(5, 3, generator=g)).pow(2).sum().backward(); sgd.step(); lam.step()
    lrs.append(sgd.param_groups[0]["lr"])
print(json.dumps({"same": same, "predictions": predictions, "lrs": lrs, "random": random,
                  "betas_type": type(adam.param_groups[0]["betas"]).__name__,
                  "lr_type": type(sgd.param_groups[0]["lr"]).__name__}))`,
        { files: resaved, originals: originals.files },
        { timeoutMs: LIVE_TIMEOUT },
      );
      expect(out["same"]).toEqual({
        net: true,
        sgd: true,
        lambda: true,
        adam: true,
        step: true,
        rng: true,
      });
      expect(out["predictions"]).toEqual(
        (originals.expected as Record<string, unknown>)["predictions"],
      );
      expect(out["lrs"]).toEqual((originals.expected as Record<string, unknown>)["lrs"]);
      expect(out["random"]).toEqual((originals.expected as Record<string, unknown>)["random"]);
      expect(out["betas_type"]).toBe("tuple");
      expect(out["lr_type"]).toBe("float");
    },
    2 * LIVE_TIMEOUT,
  );

  it(
    "round trips sets, frozensets, bytes and bytearrays (protocol 2) both ways",
    () => {
      const kindling = new Map<unknown, unknown>([
        ["tags", new Set(["a", "b"])],
        ["pairs", new Set([tuple<unknown>(1, "x"), 2n ** 70n, pyFloat(0.5)])],
        ["none", new Set()],
        ["blob", new Uint8Array([0, 1, 0x7f, 0x80, 0xff])],
        ["empty", new Uint8Array(0)],
      ]);
      writeFileSync(join(folder, "sets.kindling.pt"), serialize(kindling));
      const out = runTorch<Record<string, unknown>>(
        `${PYTHON_DESCRIBE}
args = json.load(sys.stdin)
mine = torch.load(args["mine"])
theirs = {"tags": {"a", "b"}, "frozen": frozenset([1, 2]), "blob": b"\\x00\\x01\\xff", "empty": b"",
          "array": bytearray(b"\\x00\\x80"), "none": set()}
torch.save(theirs, args["theirs"])
print(json.dumps({"mine": describe(mine, {}), "types": {k: type(v).__name__ for k, v in mine.items()},
                  "theirs": describe(theirs, {})}))`,
        { mine: join(folder, "sets.kindling.pt"), theirs: join(folder, "sets.torch.pt") },
        { timeoutMs: LIVE_TIMEOUT },
      );
      expect(out["mine"]).toEqual(describeValue(kindling));
      expect(out["types"]).toEqual({
        tags: "set",
        pairs: "set",
        none: "set",
        blob: "bytes",
        empty: "bytes",
      });
      const loaded = deserialize(new Uint8Array(readFileSync(join(folder, "sets.torch.pt"))));
      expect(describeValue(loaded)).toEqual(out["theirs"]);
      writeFileSync(join(folder, "sets.resaved.pt"), serialize(loaded));
      const back = runTorch<unknown>(
        `${PYTHON_DESCRIBE}
print(json.dumps(describe(torch.load(json.load(sys.stdin)), {})))`,
        join(folder, "sets.resaved.pt"),
        { timeoutMs: LIVE_TIMEOUT },
      );
      expect(back).toEqual(out["theirs"]);
    },
    LIVE_TIMEOUT,
  );

  it("keeps tuples as PyTuple and OrderedDicts as OrderedDict on load", () => {
    const value = deserialize(serialize(kindlingValues().everything)) as Map<unknown, unknown>;
    expect(value.get("betas")).toBeInstanceOf(PyTuple);
  });
});
