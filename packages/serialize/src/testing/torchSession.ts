import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface, type Interface } from "node:readline";

/**
 * The loop the Python process runs: one JSON request per line on stdin (`code` and `input`),
 * `code` executed in one namespace kept across requests (so `import torch` and the helpers it
 * defines are paid for once per test file) with `args` bound to `input`; the value the code leaves
 * in `result` goes back as one JSON line on the real stdout. Anything the code prints goes to
 * stderr, so it cannot break the protocol.
 */
const SERVER = `
import json, sys, traceback
out = sys.stdout
sys.stdout = sys.stderr
ns = {"__name__": "__kindling_session__"}
for line in sys.stdin:
    request = json.loads(line)
    ns["args"] = request["input"]
    ns["result"] = None
    try:
        exec(request["code"], ns)
        reply = {"ok": True, "result": ns["result"]}
    except BaseException:
        reply = {"ok": False, "error": traceback.format_exc()}
    out.write(json.dumps(reply) + "\\n")
    out.flush()
`;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One long-lived PyTorch interpreter for a test file: importing torch takes seconds (minutes on
 * a loaded machine), so every test of a file sends its code to the same process. Requests run one
 * at a time, in order.
 */
export class TorchSession {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: Interface;
  readonly #queue: Pending[] = [];
  #stderr = "";
  #exited: string | null = null;

  /** Starts `python` running the request loop (torch itself is imported by the first request). */
  constructor(python: string) {
    this.#child = spawn(python, ["-c", SERVER], {
      env: { ...process.env, OMP_NUM_THREADS: "1", PYTHONHASHSEED: "0" },
    });
    this.#child.stderr.setEncoding("utf8");
    this.#child.stderr.on("data", (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-20_000);
    });
    this.#lines = createInterface({ input: this.#child.stdout });
    this.#lines.on("line", (line) => this.#reply(line));
    this.#child.on("exit", (code, signal) => {
      this.#exited = `python exited (${signal ?? code})`;
      for (const pending of this.#queue.splice(0)) {
        clearTimeout(pending.timer);
        pending.reject(new Error(`${this.#exited}\n${this.#stderr}`));
      }
    });
  }

  /**
   * Runs `code` with `args` = `input` (passed as JSON) and resolves with the JSON value the code
   * assigns to `result`; rejects with the Python traceback on an exception.
   */
  run<T>(code: string, input: unknown = null, timeoutMs = 300_000): Promise<T> {
    if (this.#exited !== null) return Promise.reject(new Error(this.#exited));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`python did not answer within ${timeoutMs} ms\n${this.#stderr}`));
        this.close();
      }, timeoutMs);
      this.#queue.push({ resolve: resolve as (value: unknown) => void, reject, timer });
      this.#child.stdin.write(`${JSON.stringify({ code, input })}\n`);
    });
  }

  /** Ends the interpreter (closing its stdin ends the loop). */
  close(): void {
    this.#child.stdin.end();
    this.#lines.close();
  }

  #reply(line: string): void {
    const pending = this.#queue.shift();
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    const reply = JSON.parse(line) as { ok: boolean; result?: unknown; error?: string };
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(new Error(`python raised:\n${reply.error}`));
  }
}
