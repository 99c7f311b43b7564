import {
  addKernels,
  addRowsKernels,
  divKernels,
  divRowsKernels,
  mulKernels,
  mulRowsKernels,
  subKernels,
  subRowsKernels,
} from "./generated/tables.js";
import type { BinaryKernelTable, BinaryRowsKernelTable } from "./types.js";

const ROWS = new Map<BinaryKernelTable, BinaryRowsKernelTable>([
  [addKernels, addRowsKernels],
  [subKernels, subRowsKernels],
  [mulKernels, mulRowsKernels],
  [divKernels, divRowsKernels],
]);

/** The 2-d kernels of the op whose 1-d kernels are `table`, when it has them. */
export function rowsKernelsOf(table: BinaryKernelTable): BinaryRowsKernelTable | undefined {
  return ROWS.get(table);
}
