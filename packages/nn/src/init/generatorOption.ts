import { type Generator, optionKeys, rejectUnknownOptions } from "@kindling/tensor";

/** The optional generator of the random `init` functions; the default generator when omitted. */
export interface GeneratorOption {
  /** The generator to draw from. Default: the default generator (`manualSeed` seeds it). */
  generator?: Generator;
}

const GENERATOR_OPTION = optionKeys<GeneratorOption>()("generator");

/**
 * The generator of an `init` function whose only option it is; any other key is refused with a
 * TypeError naming `fn` (`{ genrator: g }` would otherwise draw from the default generator).
 */
export function generatorOption(fn: string, options: GeneratorOption): Generator | undefined {
  rejectUnknownOptions(fn, options, GENERATOR_OPTION);
  return options.generator;
}
