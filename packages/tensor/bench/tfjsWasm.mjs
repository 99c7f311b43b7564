#!/usr/bin/env node
// Kindling beside TensorFlow.js's wasm backend (see _tfjs.mjs for what is measured and how).
// Run with `node bench/tfjsWasm.mjs` after a build, or through `pnpm bench` from the root.
import { runSuiteIfMain } from "../../../scripts/bench/harness.mjs";
import { tfjsSuite } from "./_tfjs.mjs";

/** The suite. */
export const suite = tfjsSuite("wasm");

await runSuiteIfMain(import.meta.url, suite);
