/** A chart as the reporters pass it around: a file name, a caption and a Vega-Lite spec with its data inlined. */

/** A Vega-Lite (v6) top-level spec; kept loose so chart builders stay readable. */
export type VegaLiteSpec = Record<string, unknown>;

export interface Chart {
  /** File stem under charts/: `<name>.vl.json`, `.svg`, `.png`. Lower-case, dash-separated. */
  name: string;
  /** Suite the chart belongs to (groups charts in the HTML report). */
  suite: string;
  /** One-line caption: what is plotted and how to read it. */
  caption: string;
  spec: VegaLiteSpec;
}
