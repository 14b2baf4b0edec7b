/**
 * Draws a PlotSpec to a standalone SVG document with Observable Plot over linkedom's DOM (no browser,
 * no canvas): every mark type of the contract (line by series, dot, ruleX/ruleY, errorY as vertical
 * rules, area between y1 and y2, text), linear or log axes with grids, a categorical colour by
 * `series` with a swatch legend, or a continuous colour (viridis) by a numeric `color` field with a
 * colour-bar legend. Plot draws the axes and marks; the title and the legends are composed around its
 * SVG here, so that one SVG file holds the whole figure (Plot itself would wrap them in HTML).
 *
 * The libraries are imported on first use (`loadPlotRenderer`), so `--help` and argument errors do not
 * load them. Output is deterministic: the same spec gives the same bytes (Plot's class name is set).
 *
 * @module
 */
import type { Markish } from '@observablehq/plot';
import type { PlotMark, PlotSpec } from './experiment';
import { formatNumber } from './format';

/** Draws one plot; `key` (letters, digits, '-') names it in CSS classes and must be unique in a page. */
export type PlotRenderer = (spec: PlotSpec, key: string) => string;

type PlotModule = typeof import('@observablehq/plot');
type LinkedomModule = typeof import('linkedom');

const WIDTH = 640;
const HEIGHT = 380;
const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';
const SINGLE = '#4e79a7';
const NEUTRAL = '#444';

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A key usable in a CSS class: lower-case letters, digits and '-'. */
export function cssKey(key: string): string {
  const k = key.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return /^[a-z]/.test(k) ? k : `p-${k}`;
}

/** The Plot marks for one PlotSpec mark. */
function marksFor(Plot: PlotModule, m: PlotMark, continuous: boolean): Markish[] {
  const data = m.data as readonly Record<string, unknown>[];
  // The colour channel: the numeric field under a continuous scale, else the series under a categorical one.
  const field = continuous ? m.color : m.series;
  const z = m.series ?? (continuous && m.color !== undefined ? null : undefined);
  const dash = m.dash;
  switch (m.type) {
    case 'line':
      return [Plot.line(data, { x: m.x, y: m.y, z, stroke: field ?? SINGLE, strokeWidth: 1.6, strokeDasharray: dash })];
    case 'dot':
      return [Plot.dot(data, { x: m.x, y: m.y, fill: field ?? SINGLE, r: 3, stroke: 'white', strokeWidth: 0.5 })];
    case 'ruleY':
      return [Plot.ruleY(data, { y: m.y, stroke: field ?? NEUTRAL, strokeWidth: 1.2, strokeDasharray: dash })];
    case 'ruleX':
      return [Plot.ruleX(data, { x: m.x, stroke: field ?? NEUTRAL, strokeWidth: 1.2, strokeDasharray: dash })];
    case 'errorY': {
      // A bar whose upper end is unknown (null) is open: an arrow at its lower end, never a made-up top.
      const y2 = m.y2 ?? '';
      const open = data.filter((d) => d[y2] === null || d[y2] === undefined);
      const bars = [Plot.ruleX(data, { x: m.x, y1: m.y1, y2: m.y2, stroke: field ?? SINGLE, strokeWidth: 1.6 })];
      if (open.length === 0) return bars;
      return [...bars, Plot.text(open, { x: m.x, y: m.y1, text: () => '↑', fill: field ?? SINGLE, dy: -6, fontSize: 14, fontWeight: 'bold' })];
    }
    case 'area':
      return [Plot.areaY(data, { x: m.x, y1: m.y1, y2: m.y2, z, fill: field ?? SINGLE, fillOpacity: 0.18 })];
    case 'text':
      return [Plot.text(data, { x: m.x, y: m.y, text: m.text, fill: field ?? '#222', dy: -9, fontSize: 11 })];
  }
}

/** A swatch legend (one coloured square and label per series), wrapped to the plot's width; its markup and height. */
function swatches(domain: readonly unknown[], range: readonly unknown[], title: string | undefined): { svg: string; height: number } {
  const parts: string[] = [];
  let x = 0;
  let y = 0;
  if (title !== undefined && title !== '') {
    parts.push(`<text x="0" y="12" font-size="12" font-weight="600">${escapeXml(title)}</text>`);
    x = Math.min(WIDTH / 3, 7 * title.length + 12);
  }
  domain.forEach((d, i) => {
    const label = String(d);
    const w = 18 + 6.8 * label.length + 14;
    if (x > 0 && x + w > WIDTH) {
      x = 0;
      y += 18;
    }
    const c = range[i % Math.max(1, range.length)];
    const colour = typeof c === 'string' ? c : SINGLE;
    parts.push(`<rect x="${x}" y="${y + 2}" width="12" height="12" fill="${escapeXml(colour)}"/>`);
    parts.push(`<text x="${x + 17}" y="${y + 12}" font-size="12">${escapeXml(label)}</text>`);
    x += w;
  });
  return { svg: `<g class="legend" aria-label="legend">${parts.join('')}</g>`, height: y + 22 };
}

/**
 * A horizontal colour bar for a continuous scale: a gradient of 16 stops sampled from the scale, the
 * title, and the domain's ends and middle as tick labels. (Plot's own ramp legend paints a canvas,
 * which a DOM shim has not got.)
 */
function colourBar(
  scale: { apply: (v: unknown) => unknown },
  domain: readonly unknown[],
  title: string | undefined,
  className: string,
): { svg: string; height: number } {
  const lo = Number(domain[0]);
  const hi = Number(domain[domain.length - 1]);
  const id = `${className}-gradient`;
  const stops: string[] = [];
  for (let i = 0; i <= 15; i++) {
    const v = lo + ((hi - lo) * i) / 15;
    stops.push(`<stop offset="${((100 * i) / 15).toFixed(2)}%" stop-color="${escapeXml(String(scale.apply(v)))}"/>`);
  }
  const barX = title !== undefined && title !== '' ? Math.min(WIDTH / 3, 7 * title.length + 12) : 0;
  const barW = 260;
  const ticks = [lo, (lo + hi) / 2, hi].map((v, i) => {
    const x = barX + (barW * i) / 2;
    return `<line x1="${x}" x2="${x}" y1="2" y2="18" stroke="#222"/><text x="${x}" y="31" font-size="11" text-anchor="middle">${escapeXml(formatNumber(v, 3))}</text>`;
  });
  const label = title !== undefined && title !== '' ? `<text x="0" y="14" font-size="12" font-weight="600">${escapeXml(title)}</text>` : '';
  return {
    svg:
      `<g class="legend" aria-label="legend"><defs><linearGradient id="${id}" x1="0" x2="1" y1="0" y2="0">${stops.join('')}</linearGradient></defs>` +
      `${label}<rect x="${barX}" y="4" width="${barW}" height="12" fill="url(#${id})"/>${ticks.join('')}</g>`,
    height: 36,
  };
}

/** Sets x/y on a serialised nested <svg> root. */
function placeSvg(markup: string, x: number, y: number): string {
  return markup.replace(/^<svg\b/, `<svg x="${x}" y="${y}"`);
}

/** What is used here of the <svg> element that Plot.plot returns (its declared type needs the DOM library, which src/ does not load). */
interface PlotElement {
  readonly outerHTML: string;
  scale(name: 'color'): { readonly domain: readonly unknown[]; readonly range?: readonly unknown[] } | undefined;
}

function render(Plot: PlotModule, parseHTML: LinkedomModule['parseHTML'], spec: PlotSpec, key: string): string {
  const { document } = parseHTML('<!DOCTYPE html><html><head></head><body></body></html>') as unknown as { document: unknown };
  const continuous = spec.marks.some((m) => m.color !== undefined);
  const categorical = !continuous && spec.marks.some((m) => m.series !== undefined);
  const className = `sgd-${cssKey(key)}`;
  const plot = Plot.plot({
    document,
    className,
    width: WIDTH,
    height: HEIGHT,
    marginLeft: 64,
    marginBottom: 44,
    marginRight: 24,
    style: { fontSize: '12px', fontFamily: FONT, background: 'white', color: '#222' },
    x: { type: spec.x.type ?? 'linear', label: spec.x.label, labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true },
    y: { type: spec.y.type ?? 'linear', label: spec.y.label, labelAnchor: 'center', labelArrow: 'none', grid: true, nice: true },
    color: continuous
      ? { type: 'linear', scheme: 'viridis', label: spec.colorLabel }
      : categorical
        ? { type: 'categorical', scheme: 'tableau10', label: spec.colorLabel }
        : undefined,
    marks: spec.marks.flatMap((m) => marksFor(Plot, m, continuous)),
  }) as unknown as PlotElement;
  const parts: string[] = [];
  let y = 6;
  parts.push(`<text x="4" y="${y + 16}" font-size="16" font-weight="700">${escapeXml(spec.title)}</text>`);
  y += 30;
  if (continuous) {
    const scale = plot.scale('color');
    if (scale !== undefined) {
      const bar = colourBar(Plot.scale({ color: scale }), Array.from(scale.domain), spec.colorLabel, className);
      parts.push(`<g transform="translate(4,${y})">${bar.svg}</g>`);
      y += bar.height + 2;
    }
  } else if (categorical) {
    const scale = plot.scale('color');
    const domain = scale?.domain ?? [];
    const range = scale?.range ?? [];
    const s = swatches(Array.from(domain), Array.from(range), spec.colorLabel);
    parts.push(`<g transform="translate(4,${y})">${s.svg}</g>`);
    y += s.height + 2;
  }
  parts.push(placeSvg(plot.outerHTML, 0, y));
  y += HEIGHT;
  const height = Math.ceil(y + 4);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="sgd-plot" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
    `font-family="${escapeXml(FONT)}" fill="#222" role="img" aria-label="${escapeXml(spec.title)}">` +
    `<title>${escapeXml(spec.title)}</title><rect width="${WIDTH}" height="${height}" fill="white"/>${parts.join('')}</svg>`
  );
}

/**
 * Loads Observable Plot and linkedom and returns a renderer of PlotSpecs to SVG markup (an `<svg>`
 * root with the xmlns, to inline in HTML or to write as a file after an XML declaration).
 * About 40 ms a plot on this machine, after a one-off ~1 s import.
 *
 * @example
 * ```ts no-run
 * const draw = await loadPlotRenderer();
 * const svg = draw({ id: 'p', title: 'y = x²', x: { label: 'x' }, y: { label: 'y' },
 *   marks: [{ type: 'line', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], x: 'x', y: 'y' }] }, 'p');
 * ```
 */
export async function loadPlotRenderer(): Promise<PlotRenderer> {
  const [Plot, linkedom] = await Promise.all([import('@observablehq/plot'), import('linkedom')]);
  return (spec, key) => render(Plot, linkedom.parseHTML, spec, key);
}
