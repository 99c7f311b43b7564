import { TANH_SCRATCH_BYTES } from "../sleefConstants.js";
import * as L from "./layout.js";

/**
 * The worker's program, plain JavaScript for Node's `worker_threads` (`eval: true`) and for a
 * browser `Worker` (from a Blob URL). It instantiates the shared-memory module it is sent over the
 * memory it shares with the calling thread and, for every job message, claims tasks (see
 * layout.ts). For a product: runs `gemm_f32` over the task's block of C with the caller's k
 * blocks (so every element is summed in the same order as on one thread; the first block writes
 * C without reading it), in place, on the operands the caller packed. For tanh: once the caller
 * has copied the task's elements in (`READY`), runs `tanh_sleef_f32` on them in place (the pool
 * runs tanh only on the relaxed-SIMD module, which has it), with its own scratch area (its thread
 * number, sent with the memory, picks it). A message that comes ahead
 * of its job (the caller is still packing a product) is served by watching the generation for
 * up to `WAKE_AHEAD_MS`. Between jobs it never blocks: it sits in its event loop, so an
 * unreferenced worker never keeps a process alive.
 */
export const WORKER_SOURCE = `"use strict";
const GEN = ${L.GEN}, CLAIM = ${L.CLAIM}, DONE = ${L.DONE};
const M_PANELS = ${L.M_PANELS}, N_PANELS = ${L.N_PANELS}, K = ${L.K}, KC = ${L.KC};
const TASK_PANELS = ${L.TASK_PANELS}, TASK_COLUMN_PANELS = ${L.TASK_COLUMN_PANELS}, COLUMN_TASKS = ${L.COLUMN_TASKS}, TASKS = ${L.TASKS}, PA = ${L.PA}, PB = ${L.PB}, PC = ${L.PC};
const TANH_SCRATCH_BYTES = ${TANH_SCRATCH_BYTES}, E_SCRATCH = ${L.E_SCRATCH}, KIND = ${L.KIND}, KIND_TANH = ${L.KIND_TANH}, E_AT = ${L.E_AT}, E_LENGTH = ${L.E_LENGTH}, E_TASK = ${L.E_TASK};
const READY = ${L.READY}, STATUS = ${L.STATUS}, RUN_BY_WORKER = ${L.RUN_BY_WORKER}, FAILED = ${L.FAILED};
const WAKE_AHEAD_MS = ${L.WAKE_AHEAD_MS};
let wasm = null, memory = null, ctrl = null, thread = 0, served = 0;
function claim(gen) {
  for (;;) {
    const v = Atomics.load(ctrl, CLAIM);
    if (v < 0 || v >>> 15 !== (gen & 0xffff)) return -1;
    const next = v & 0x7fff;
    if (next >= Atomics.load(ctrl, TASKS)) return -1;
    if (Atomics.compareExchange(ctrl, CLAIM, v, v + 1) === v) return next;
  }
}
function run() {
  if (wasm === null) return;
  // a worker woken ahead of a job waits, without sleeping, for its generation
  let gen = Atomics.load(ctrl, GEN);
  for (const until = performance.now() + WAKE_AHEAD_MS; gen === served; gen = Atomics.load(ctrl, GEN)) {
    if (performance.now() > until) return;
  }
  served = gen;
  for (;;) {
    const t = claim(gen);
    if (t < 0) return;
    let status = RUN_BY_WORKER;
    try {
      if (ctrl[KIND] === KIND_TANH) tanh(t, gen);
      else gemm(t);
    } catch {
      status = FAILED;
    }
    Atomics.store(ctrl, STATUS + t, status);
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  }
}
function tanh(t, gen) {
  // streamed: the caller copies the input in task by task, and publishes how far in READY
  for (let ready = Atomics.load(ctrl, READY); ready <= t; ready = Atomics.load(ctrl, READY)) {
    if (Atomics.load(ctrl, GEN) !== gen) return;
    Atomics.wait(ctrl, READY, ready, 100);
  }
  const per = ctrl[E_TASK], at = ctrl[E_AT] + t * per * 4;
  const count = Math.min(per, ctrl[E_LENGTH] - t * per);
  const scratch = ctrl[E_SCRATCH] + thread * TANH_SCRATCH_BYTES;
  wasm.tanh_sleef_f32(at, at, (count + 3) & ~3, scratch);
}
function gemm(t) {
  const mPanels = ctrl[M_PANELS], nPanels = ctrl[N_PANELS], k = ctrl[K], kcMax = ctrl[KC];
  const tp = ctrl[TASK_PANELS], tcp = ctrl[TASK_COLUMN_PANELS], across = ctrl[COLUMN_TASKS];
  const pa = ctrl[PA], pb = ctrl[PB], pc = ctrl[PC];
  const ldc = nPanels * 8;
  const i0 = Math.floor(t / across) * tp, j0 = (t % across) * tcp;
  const rows = Math.min(tp, mPanels - i0), cols = Math.min(tcp, nPanels - j0);
  const a = pa + i0 * 16 * k, b = pb + j0 * 32 * k, c = pc + i0 * 16 * ldc + j0 * 32;
  for (let k0 = 0; k0 < k; k0 += kcMax) {
    const kc = Math.min(kcMax, k - k0);
    wasm.gemm_f32(a + k0 * 16, b + k0 * 32, c, rows, cols, kc, 16 * k, 32 * k, 4 * ldc, k0 === 0 ? 0 : 1);
  }
}
function onMessage(msg) {
  if (msg.type === "init") {
    memory = msg.memory;
    wasm = new WebAssembly.Instance(msg.module, { env: { memory } }).exports;
    ctrl = new Int32Array(msg.control);
    served = Atomics.load(ctrl, GEN);
    thread = msg.thread;
  } else if (msg.type === "job") {
    run();
  }
}
if (typeof require === "function") {
  require("node:worker_threads").parentPort.on("message", onMessage);
} else {
  self.onmessage = (event) => onMessage(event.data);
}
`;
