/** End-to-end tests of `kindling inspect`, on the built binary. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OrderedDict, save, writeZip } from "@kindling/serialize";
import { tensor } from "@kindling/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, kindling, stderrLines } from "../../testing/cli.js";

const folder = mkdtempSync(join(tmpdir(), "kindling-inspect-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
beforeAll(() => ensureBuilt(), 300_000);

const fixtures = new URL("../../../../../packages/serialize/fixtures/", import.meta.url);
const fixture = (name: string) => new URL(name, fixtures).pathname;

interface InspectJson {
  format: string;
  tensors: number;
  elements: number;
  sections: { path: string; role: string }[];
  metadata?: Record<string, string>;
  value: unknown;
}

function inspectJson(file: string): InspectJson {
  const result = kindling(["inspect", file, "--json"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as InspectJson;
}

describe("kindling inspect", () => {
  it("shows an optimizer state dict saved by torch.save: per-parameter state and param groups", () => {
    const result = kindling(["inspect", fixture("adam.pt")]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/adam\.pt: PyTorch zip \(torch\.save\), \d+ bytes, 6 tensors \(14/);
    expect(lines[1]).toBe(
      "adam.pt: optimizer state dict, 2 keys, 6 tensors, 14 elements, 1 param group",
    );
    expect(result.stdout).toContain("│  ├─ 0: dict, 3 keys, 3 tensors, 9 elements");
    expect(result.stdout).toContain("│  │  ├─ exp_avg: float32 [2, 2]");
    expect(result.stdout).toMatch(
      /└─ \[0\]: lr=0\.0005, betas=\(0\.9, 0\.999\), eps=1e-8, .*params=\[0, 1\]/,
    );
  });

  it("shows integers beyond 2^53 as digits, not as quoted text, and counts in the singular", async () => {
    const file = join(folder, "big.pt");
    await save({ seed: 2n ** 64n - 1n, small: 3n, one: { key: 1 } }, file);
    const result = kindling(["inspect", file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("├─ seed: 18446744073709551615\n");
    expect(result.stdout).toContain("├─ small: 3\n");
    expect(result.stdout).toContain("└─ one: dict, 1 key\n");
    expect(inspectJson(file).value).toMatchObject({ seed: "18446744073709551615" });
  });

  it("finds the model, optimizer and scheduler in a combined checkpoint, as JSON", () => {
    const file = join(folder, "combined.pt");
    const model = new OrderedDict<string, unknown>([
      ["linear1.weight", tensor([[1, 2, 3]])],
      ["linear1.bias", tensor([0.5])],
      ["bn.num_batches_tracked", tensor(7, { dtype: "int64" })],
    ]);
    const optimizer = {
      state: new Map([[0, { momentum_buffer: tensor([[0, 0, 0]]) }]]),
      param_groups: [{ lr: 0.1, momentum: 0.9, params: [0, 1] }],
    };
    const scheduler = { base_lrs: [0.1], last_epoch: 3, _last_lr: [0.0857375] };
    return save({ model, optimizer, scheduler, epoch: 3 }, file).then(() => {
      const doc = inspectJson(file);
      expect(doc.format).toBe("PyTorch zip (torch.save)");
      expect(doc.tensors).toBe(4);
      expect(doc.elements).toBe(3 + 1 + 1 + 3);
      expect(doc.sections).toEqual([
        { path: "model", role: "model state dict" },
        { path: "optimizer", role: "optimizer state dict" },
        { path: "scheduler", role: "scheduler state dict" },
      ]);
      const value = doc.value as Record<string, Record<string, unknown>>;
      expect(value.model?.["bn.num_batches_tracked"]).toEqual({
        tensor: true,
        dtype: "int64",
        shape: [],
      });
      expect(value.scheduler?.last_epoch).toBe(3);
      expect(value.epoch).toBe(3);
    });
  });

  it("reads the demo's kind of scheduler state: expressions and Python-style scalars", () => {
    const result = kindling(["inspect", fixture("step_lr.pt")]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("step_lr.pt: scheduler state dict, 8 keys");
    expect(result.stdout).toContain("├─ gamma: 0.5");
    expect(result.stdout).toContain("├─ verbose: False");
  });

  it("shows safetensors tensors and metadata", () => {
    const file = join(folder, "model.safetensors");
    const tensors = new Map([
      [
        "a.weight",
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ],
      ["a.bias", tensor([1, 2], { dtype: "float64" })],
    ]);
    return save(tensors, file, { metadata: { epoch: "12" } }).then(() => {
      const text = kindling(["inspect", file]);
      expect(text.status).toBe(0);
      expect(text.stdout).toContain("safetensors");
      expect(text.stdout).toContain('metadata: {"epoch":"12"}');
      expect(text.stdout).toMatch(/a\.bias: float64 \[2\]/);
      const doc = inspectJson(file);
      expect(doc.metadata).toEqual({ epoch: "12" });
      expect(doc.tensors).toBe(2);
      expect(doc.elements).toBe(6);
    });
  });

  it("refuses a missing, a truncated and a non-checkpoint file with one line and exit code 3", () => {
    const truncated = join(folder, "truncated.pt");
    writeFileSync(truncated, readFileSync(fixture("adam.pt")).subarray(0, 300));
    const text = join(folder, "notes.txt");
    writeFileSync(text, "hello, not a checkpoint\n");
    for (const [file, message] of [
      [
        join(folder, "missing.pt"),
        /^kindling: cannot read .*missing\.pt: no such file or directory$/,
      ],
      [truncated, /^kindling: cannot read .*truncated\.pt: not a valid checkpoint \(.+\)$/],
      [text, /^kindling: cannot read .*notes\.txt: not a valid checkpoint \(.+\)$/],
    ] as const) {
      const result = kindling(["inspect", file]);
      expect(result.status).toBe(3);
      expect(result.stdout).toBe("");
      const lines = stderrLines(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  });

  it("refuses a checkpoint whose pickle calls a global outside the allow-list, running nothing", () => {
    // PROTO 2, GLOBAL 'os system', 'touch <marker>', TUPLE1, REDUCE, STOP: os.system("touch ...")
    const marker = join(folder, "pwned");
    const command = `touch ${marker}`;
    const pickle = Buffer.concat([
      Buffer.from([0x80, 0x02]),
      Buffer.from("cos\nsystem\n", "latin1"),
      Buffer.from([0x58]),
      Buffer.from(new Uint32Array([command.length]).buffer),
      Buffer.from(command, "latin1"),
      Buffer.from("\x85R.", "latin1"),
    ]);
    const file = join(folder, "hostile.pt");
    writeFileSync(
      file,
      writeZip([
        { name: "archive/data.pkl", data: pickle },
        { name: "archive/version", data: new TextEncoder().encode("3\n") },
      ]),
    );
    const result = kindling(["inspect", file]);
    expect(result.status).toBe(3);
    const lines = stderrLines(result);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/hostile\.pt: not a valid checkpoint \(.*os.*system/);
    expect(existsSync(marker)).toBe(false);
  });
  it("describes a file that shares one object under itself 2^40 times in a few lines, at once", () => {
    // EMPTY_TUPLE, BINPUT 0, POP; 40 times: BINGET i, BINGET i, TUPLE2, BINPUT i+1, POP;
    // then BINGET 40, STOP: a tuple of two of a tuple of two of ... 40 deep, 202 bytes.
    const ops = [0x80, 0x02, 0x29, 0x71, 0x00, 0x30];
    for (let i = 0; i < 40; i++) ops.push(0x68, i, 0x68, i, 0x86, 0x71, i + 1, 0x30);
    ops.push(0x68, 40, 0x2e);
    const file = join(folder, "laugh.pt");
    writeFileSync(
      file,
      writeZip([
        { name: "archive/data.pkl", data: new Uint8Array(ops) },
        { name: "archive/version", data: new TextEncoder().encode("3\n") },
      ]),
    );
    const started = Date.now();
    const result = kindling(["inspect", file], { timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.length).toBeLessThan(200);
    expect(result.stdout).toContain("[1]: the same object as [0]");
    const json = kindling(["inspect", file, "--json"], { timeout: 20_000 });
    expect(json.status).toBe(0);
    expect(json.stdout.length).toBeLessThan(100_000);
    expect(json.stdout).toContain('"sameAs"');
  });
});
