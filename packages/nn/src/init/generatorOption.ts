import type { Generator } from "@kindling/tensor";

/** The optional generator of the random `init` functions; the default generator when omitted. */
export interface GeneratorOption {
  /** The generator to draw from. Default: the default generator (`manualSeed` seeds it). */
  generator?: Generator;
}
