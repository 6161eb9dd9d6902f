/**
 * Headless rendering of Vega-Lite specs: SVG with vega + vega-lite (no
 * browser, no canvas: text widths are estimated, generously), PNG with
 * resvg. The libraries are imported on first use so `run` and `report`
 * that draw no chart do not pay for loading them.
 */
import type { VegaLiteSpec } from './charts/types.ts';
import { CHART_FONT } from './charts/common.ts';
import { dejaVuWidth } from './text-width.ts';

interface Renderers {
  vega: typeof import('vega');
  vegaLite: typeof import('vega-lite');
  renderAsync: typeof import('@resvg/resvg-js').renderAsync;
}

type TextWidth = (item: { fontSize?: number; fontWeight?: string | number }, text: unknown) => number;

let loading: Promise<Renderers> | null = null;

function renderers(): Promise<Renderers> {
  loading ??= (async () => {
    const [vega, vegaLite, resvg] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
    // Lay text out with the widths of the font resvg will draw it in (see text-width.ts).
    // vega's typings omit textMetrics; vega-scenegraph documents a user-set width function (vl-convert uses it).
    (vega as unknown as { textMetrics: { width: TextWidth } }).textMetrics.width = (item, text) =>
      dejaVuWidth(
        Array.isArray(text) ? text.join(' ') : String(text ?? ''),
        item.fontSize ?? 11,
        isBold(item.fontWeight),
      );
    return { vega, vegaLite, renderAsync: resvg.renderAsync };
  })();
  return loading;
}

function isBold(weight: string | number | undefined): boolean {
  return (
    weight === 'bold' ||
    weight === 'bolder' ||
    (typeof weight === 'number' && weight >= 600) ||
    (typeof weight === 'string' && Number(weight) >= 600)
  );
}

/** Start loading the renderers now (e.g. while CSVs are written); rendering awaits the same promise. */
export function preloadRenderers(): void {
  renderers().catch(() => {}); // a failure surfaces again, with context, when a chart is rendered
}

/** PNG pixels per SVG pixel: 2x stays sharp on high-density screens and in PR comments. */
const PNG_ZOOM = 2;

/** Compile a Vega-Lite spec and render it to an SVG string; Vega-Lite warnings are returned, not printed. */
export async function renderSvg(spec: VegaLiteSpec): Promise<{ svg: string; warnings: string[] }> {
  const { vega, vegaLite } = await renderers();
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...args: unknown[]) => {
      keepWarning(warnings, args.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.join(' '));
    },
  };
  const compiled = vegaLite.compile(spec as never, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger: logger as never });
  view.logLevel(vega.Warn);
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Rasterise an SVG with resvg using the system fonts (DejaVu Sans on Debian:
 * package fonts-dejavu-core). Runs on libuv's thread pool, so the next
 * chart's SVG can be laid out meanwhile.
 */
export async function renderPng(svg: string): Promise<Buffer> {
  const { renderAsync } = await renderers();
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT.split(',')[0].trim(), sansSerifFamily: 'DejaVu Sans' },
  });
  return image.asPng();
}

/**
 * Warnings that say nothing about the chart: Vega-Lite's note that faceted
 * independent scales union a field "from a different fork of the same data
 * source" (true by construction: one inlined dataset), and Vega's "infinite
 * extent" for an overlay layer (crossover markers) that is empty in one
 * panel. Every other warning is kept.
 */
export const BENIGN_WARNINGS = [/faceted independent scales that union domain/, /Infinite extent for field/];

function keepWarning(warnings: string[], message: string): void {
  if (BENIGN_WARNINGS.some((re) => re.test(message))) return;
  if (!warnings.includes(message)) warnings.push(message);
}
