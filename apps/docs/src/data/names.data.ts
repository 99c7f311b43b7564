// The PyTorch keyword → Kindling option table of the name map, read at build time from
// @kindling/lr-scheduler's SCHEDULER_CATALOG, so it always matches the package.
import { SCHEDULER_CATALOG } from "@kindling/lr-scheduler";
import { defineLoader } from "vitepress";

/** One option name, and the schedulers (and presets) that take it. */
export interface OptionName {
  torch: string;
  kindling: string;
  schedulers: string[];
}

declare const data: OptionName[];

export { data };

export default defineLoader({
  load(): OptionName[] {
    const names = new Map<string, OptionName>();
    for (const info of SCHEDULER_CATALOG) {
      for (const option of info.options) {
        const key = `${option.torch} ${option.name}`;
        const row = names.get(key) ?? {
          torch: option.torch,
          kindling: option.name,
          schedulers: [],
        };
        row.schedulers.push(info.name);
        names.set(key, row);
      }
    }
    return [...names.values()];
  },
});
