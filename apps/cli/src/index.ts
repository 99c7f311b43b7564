/**
 * The `kindling` command's library entry: the training helpers that `kindling demo` and
 * `kindling fit` run, exported for use from code.
 *
 * @packageDocumentation
 */
export type { DType } from "@kindling/tensor";
