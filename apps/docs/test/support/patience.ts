/**
 * How long `expect.poll` waits for the page (vitest's default is 1 s): a loaded CI machine can take
 * several seconds to load a page's chunks and draw a chart.
 */
export const patience = { timeout: 15_000, interval: 50 } as const;
