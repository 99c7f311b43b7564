import { createRequire } from "node:module";

/** One line of a chart: its legend entry and its points. */
export interface LineSeries {
  /** The legend entry. */
  readonly name: string;
  /** The x values (epochs). */
  readonly x: readonly number[];
  /** The y values, one per x. */
  readonly y: readonly number[];
}

/** A line chart: title, axis titles (with units) and the series overlaid. */
export interface LineChart {
  /** The chart's title. */
  readonly title: string;
  /** A line under the title. */
  readonly subtitle?: string;
  /** The x axis title, with its unit. */
  readonly xTitle: string;
  /** The y axis title, with its unit. */
  readonly yTitle: string;
  /** The legend's title. */
  readonly legendTitle: string;
  /** The lines, in legend order. */
  readonly series: readonly LineSeries[];
}

/** A rendered chart: the SVG text and the PNG bytes (twice the SVG's size, for sharpness). */
export interface RenderedChart {
  /** The SVG document. */
  readonly svg: string;
  /** The PNG image. */
  readonly png: Uint8Array;
  /** The SVG's width in pixels. */
  readonly width: number;
  /** The SVG's height in pixels. */
  readonly height: number;
}

/** PNG pixels per SVG pixel. */
export const PNG_SCALE = 2;

const FONT = "DejaVu Sans";

/** The bundled DejaVu Sans files, so PNG text looks the same on every machine (no system fonts). */
function fontFiles(): string[] {
  const require = createRequire(import.meta.url);
  const dir = require.resolve("dejavu-fonts-ttf/package.json").replace(/package\.json$/, "ttf/");
  return [`${dir}DejaVuSans.ttf`, `${dir}DejaVuSans-Bold.ttf`];
}

/** The Vega-Lite specification of a chart. */
export function chartSpec(chart: LineChart): Record<string, unknown> {
  const values = chart.series.flatMap((s) => s.x.map((x, i) => ({ series: s.name, x, y: s.y[i] })));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: chart.title,
      ...(chart.subtitle === undefined ? {} : { subtitle: chart.subtitle }),
    },
    width: 560,
    height: 320,
    background: "white",
    data: { values },
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x: { field: "x", type: "quantitative", title: chart.xTitle },
      y: { field: "y", type: "quantitative", title: chart.yTitle, scale: { zero: false } },
      color: {
        field: "series",
        type: "nominal",
        title: chart.legendTitle,
        sort: chart.series.map((s) => s.name),
        legend: {
          orient: "bottom",
          direction: "vertical",
          labelLimit: 560,
          symbolType: "stroke",
          symbolSize: 300,
        },
      },
      // Distinct dashes too, so runs that coincide (the hand-tuned run is constant 0.03 for its
      // first 30 epochs) stay visible.
      strokeDash: {
        field: "series",
        type: "nominal",
        title: chart.legendTitle,
        sort: chart.series.map((s) => s.name),
      },
    },
    config: {
      font: FONT,
      title: { fontSize: 15 },
      axis: { labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 11, titleFontSize: 12, fillColor: "white", padding: 6 },
    },
  };
}

/**
 * Renders a chart headless: Vega-Lite compiles the specification, Vega draws it to SVG without a
 * browser or canvas, and resvg rasterises the SVG to PNG with the bundled font.
 */
export async function renderChart(chart: LineChart): Promise<RenderedChart> {
  const [vega, vegaLite, resvg] = await Promise.all([
    import("vega"),
    import("vega-lite"),
    import("@resvg/resvg-js"),
  ]);
  const compiled = vegaLite.compile(chartSpec(chart) as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const size = /<svg[^>]*\bwidth="(\d+(?:\.\d+)?)"[^>]*\bheight="(\d+(?:\.\d+)?)"/.exec(svg);
  const width = Number(size?.[1] ?? Number.NaN);
  const height = Number(size?.[2] ?? Number.NaN);
  const renderer = new resvg.Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: FONT },
    fitTo: { mode: "zoom", value: PNG_SCALE },
  });
  const png = renderer.render().asPng();
  return { svg, png: new Uint8Array(png), width, height };
}
