import type { RunResult } from "./experiment.js";

/** The run with the lowest final train MSE (the seed's criterion). */
export function winnerOf(runs: readonly RunResult[]): RunResult {
  return runs.reduce((best, run) => (run.train.at(-1)! < best.train.at(-1)! ? run : best));
}

/** The results table: final train and test MSE and final lr of each run, and the winner. */
export function resultsTable(runs: readonly RunResult[]): string[] {
  const header = ["run", "schedule", "train MSE", "test MSE", "final lr"];
  const rows = runs.map((run) => [
    run.spec.name,
    run.spec.label,
    run.train.at(-1)!.toFixed(4),
    run.test.at(-1)!.toFixed(4),
    run.finalLr.toPrecision(4),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join("  ");
  const winner = winnerOf(runs);
  return [
    format(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(format),
    "",
    `winner (lowest final train MSE): ${winner.spec.name} (${winner.spec.label}), ` +
      `train MSE ${winner.train.at(-1)!.toFixed(4)} with a final lr of ${winner.finalLr.toPrecision(3)}`,
  ];
}
