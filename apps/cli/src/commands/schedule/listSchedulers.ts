import { describeOptions } from "../../options/optionSpec.js";
import { SCHEDULERS } from "../../schedulers/catalog.js";

/** The text of `kindling schedule --list`: every scheduler, what it does, and its options. */
export function listSchedulers(): string[] {
  const lines: string[] = [];
  for (const entry of SCHEDULERS) {
    lines.push(`${entry.name}: ${entry.doc}`);
    for (const line of describeOptions(entry.options)) lines.push(`    ${line}`);
  }
  return lines;
}
