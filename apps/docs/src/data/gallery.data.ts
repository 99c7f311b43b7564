// Every scheduler's curve, computed at build time by @kindling/lr-scheduler over the playground's
// starting options; the gallery draws these numbers and links each to the playground.
import { defineLoader } from "vitepress";
import { CATALOG } from "../catalog.js";
import { computeCurve } from "../curve.js";
import { formatOption } from "../options.js";
import { DEFAULT_STATE, encodeState, specOf } from "../urlState.js";

/** One scheduler in the gallery. */
export interface GalleryItem {
  name: string;
  doc: string;
  /** Its options as `name=value` pairs. */
  options: string;
  lrs: number[];
  /** The playground query that opens it. */
  query: string;
}

/** The gallery: the settings every curve is drawn over, and one item per scheduler. */
export interface GalleryData {
  lr: number;
  steps: number;
  items: GalleryItem[];
}

declare const data: GalleryData;

export { data };

export default defineLoader({
  load(): GalleryData {
    const settings = { lr: DEFAULT_STATE.lr, steps: DEFAULT_STATE.steps };
    const items = CATALOG.map((entry) => {
      const spec = specOf(entry);
      const result = computeCurve(spec, settings);
      if ("error" in result) throw new Error(`gallery: ${entry.name}: ${result.error}`);
      return {
        name: entry.name,
        doc: entry.doc,
        options: Object.entries(spec.values)
          .map(([name, value]) => `${name}=${formatOption(value)}`)
          .join(", "),
        lrs: result.lrs,
        query: encodeState({ ...settings, a: spec, b: null }),
      };
    });
    return { ...settings, items };
  },
});
