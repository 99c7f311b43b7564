/** One curve of a terminal plot. */
export interface PlotSeries {
  /** The legend entry. */
  readonly name: string;
  /** The y value at x = 0, 1, 2, ... */
  readonly y: readonly number[];
}

/** Options of {@link terminalPlot}. */
export interface TerminalPlotOptions {
  /** Plot width in characters (2 dots each). Default 60. */
  readonly width?: number;
  /** Plot height in characters (4 dots each). Default 12. */
  readonly height?: number;
  /** Colour each series with ANSI escapes (for a colour terminal). Default false. */
  readonly color?: boolean;
  /** The x axis title. */
  readonly xTitle?: string;
}

const COLORS = [36, 33, 35, 32, 31, 34];
/** Braille dot bits by [x][y] within a 2×4 cell. */
const DOTS = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];

function label(value: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  return abs >= 1e-3 && abs < 1e4 ? String(Number(value.toPrecision(3))) : value.toExponential(2);
}

/**
 * A line plot drawn with Unicode Braille characters (2×4 dots per character), so a curve of a
 * hundred steps fits a terminal line-width at readable resolution: y labels at the top, middle and
 * bottom, x labels at both ends, and a legend. Consecutive points are joined, so steps show as
 * vertical edges.
 * @returns The lines to print.
 */
export function terminalPlot(series: readonly PlotSeries[], options: TerminalPlotOptions = {}) {
  const width = options.width ?? 60;
  const height = options.height ?? 12;
  const pw = width * 2;
  const ph = height * 4;
  const values = series.flatMap((s) => s.y.filter(Number.isFinite));
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (values.length === 0) [min, max] = [0, 1];
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const n = Math.max(...series.map((s) => s.y.length), 2);
  const bits = new Uint8Array(width * height);
  const owner = new Int8Array(width * height).fill(-1);
  const px = (i: number) => Math.round((i / (n - 1)) * (pw - 1));
  const py = (v: number) => Math.round(((max - v) / (max - min)) * (ph - 1));
  const dot = (x: number, y: number, s: number) => {
    if (x < 0 || x >= pw || y < 0 || y >= ph) return;
    const cell = Math.floor(y / 4) * width + Math.floor(x / 2);
    bits[cell]! |= DOTS[x % 2]![y % 4]!;
    owner[cell] = s;
  };
  series.forEach((s, index) => {
    for (let i = 0; i < s.y.length; i++) {
      const v = s.y[i]!;
      if (!Number.isFinite(v)) continue;
      const [x0, y0] = [px(i), py(v)];
      const next = s.y[i + 1];
      if (next === undefined || !Number.isFinite(next)) {
        dot(x0, y0, index);
        continue;
      }
      const [x1, y1] = [px(i + 1), py(next)];
      const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
      for (let k = 0; k <= steps; k++) {
        dot(
          Math.round(x0 + ((x1 - x0) * k) / steps),
          Math.round(y0 + ((y1 - y0) * k) / steps),
          index,
        );
      }
    }
  });
  const paint = (text: string, s: number) =>
    options.color === true && s >= 0 ? `\x1b[${COLORS[s % COLORS.length]}m${text}\x1b[0m` : text;
  const yLabels = new Map([
    [0, label(max)],
    [Math.floor((height - 1) / 2), label((max + min) / 2)],
    [height - 1, label(min)],
  ]);
  const margin = Math.max(...[...yLabels.values()].map((l) => l.length));
  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    let text = "";
    for (let col = 0; col < width; col++) {
      const cell = row * width + col;
      const b = bits[cell]!;
      text += b === 0 ? " " : paint(String.fromCharCode(0x2800 + b), owner[cell]!);
    }
    lines.push(`${(yLabels.get(row) ?? "").padStart(margin)} ┤${text}`);
  }
  lines.push(`${" ".repeat(margin)} └${"─".repeat(width)}`);
  const last = String(n - 1);
  lines.push(`${" ".repeat(margin + 2)}0${last.padStart(width - 1)}`);
  if (options.xTitle !== undefined) {
    lines.push(
      `${" ".repeat(margin + 2)}${options.xTitle.padStart(Math.floor((width + options.xTitle.length) / 2))}`,
    );
  }
  if (series.length > 1 || options.color === true) {
    series.forEach((s, i) => {
      lines.push(`${" ".repeat(margin + 2)}${paint("⣿⣿", i)} ${s.name}`);
    });
  }
  return lines;
}
