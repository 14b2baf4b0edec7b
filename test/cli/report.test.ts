/**
 * The renderers on the fake experiments: report.md has every finding, table and plot link; the SVGs
 * parse as XML (linkedom's DOMParser in XML mode) with an <svg> root in the SVG namespace, a title,
 * and non-empty paths for every mark; index.html holds the same, inline; output is deterministic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingCells, formatNumber } from '../../src/cli/format';
import { loadPlotRenderer } from '../../src/cli/plot-svg';
import { parseResults } from '../../src/cli/report-json';
import { expectedResult } from './fixtures/fake-experiments';
import { cli, listTree, removeFolder } from './helpers';

let cwd = '';
let dir = '';
beforeAll(async () => {
  const r = await cli(['all', '--quick', '--seed', '2', '--out', 'rep']);
  expect(r.code, r.err).toBe(0);
  cwd = r.cwd;
  dir = join(cwd, 'rep');
});
afterAll(() => removeFolder(cwd));

/** A cell as Markdown needs it: pipes escaped. */
const mdEscaped = (c: string) => c.replace(/\|/g, '\\|');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const results = () => parseResults(read('results.json')).results;

/** Parses XML strictly enough to catch what linkedom catches, and returns the document. */
function parseXml(text: string) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml') as unknown as {
    documentElement: { localName: string; getAttribute(n: string): string | null };
    querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null; textContent: string | null; children: ArrayLike<unknown> }>;
  };
  return doc;
}

describe('report files', () => {
  it('one SVG per plot, named <experiment>-<plot id>.svg', () => {
    expect(listTree(dir)).toEqual([
      'escape-embedding.svg',
      'escape-scaling.svg',
      'index.html',
      'limiting-embedding.svg',
      'limiting-scaling.svg',
      'report.md',
      'results.json',
    ]);
  });

  it('report.md: every experiment, finding row, table cell, plot link (to a file that exists) and note', () => {
    const md = read('report.md');
    expect(md).toMatch(/^# sgd-dynamics: all\n/);
    expect(md).toContain('`sgd-dynamics all --quick --seed 2 --out rep`');
    for (const r of results()) {
      expect(md).toContain(`## ${r.title}`);
      expect(md).toContain(`*${r.paper}* · experiment \`${r.name}\` · mode quick · seed 2`);
      expect(md).toContain('| finding | value ± SE | 95% interval | theory | agrees | criterion |');
      for (const f of r.findings) expect(md).toContain(`| ${findingCells(f).map(mdEscaped).join(' | ')} |`);
      for (const t of r.tables) {
        expect(md).toContain(`### ${t.title}`);
        for (const row of t.rows) expect(md).toContain(`| ${row.map((c) => mdEscaped(formatNumber(c))).join(' | ')} |`);
      }
      for (const p of r.plots) {
        const link = new RegExp(`!\\[[^\\]]*\\]\\((${r.name}-${p.id}\\.svg)\\)`).exec(md);
        expect(link, p.id).not.toBeNull();
        expect(listTree(dir)).toContain(link![1]);
        if (p.caption !== undefined) expect(md).toContain(`*${p.caption}*`);
      }
      for (const n of r.notes) expect(md).toContain(`- ${n}`);
    }
    // A pipe inside a cell is escaped, so the row keeps its columns.
    expect(md).toContain('censored \\| partly');
    expect(md).toContain('[1100, ∞]');
  });

  it('every SVG parses as XML: <svg> root in the SVG namespace, its title, and a non-empty drawing for each mark', () => {
    for (const f of listTree(dir).filter((x) => x.endsWith('.svg'))) {
      const text = read(f);
      expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      const doc = parseXml(text);
      expect(doc.documentElement.localName, f).toBe('svg');
      expect(Number(doc.documentElement.getAttribute('width'))).toBeGreaterThan(0);
      const groups = Array.from(doc.querySelectorAll('g[aria-label]')).map((g) => g.getAttribute('aria-label'));
      const paths = Array.from(doc.querySelectorAll('path'));
      expect(paths.length, f).toBeGreaterThan(0);
      for (const p of paths) expect((p.getAttribute('d') ?? '').length, f).toBeGreaterThan(0);
      expect(groups).toContain('x-axis tick label');
      expect(groups).toContain('y-axis label');
      if (f.endsWith('scaling.svg')) {
        // area, line, dot, errorY + ruleY + ruleX (three rule groups), text, and the swatch legend.
        expect(groups.filter((g) => ['area', 'line', 'dot', 'rule', 'text', 'legend'].includes(g ?? '')).sort()).toEqual([
          'area',
          'dot',
          'legend',
          'line',
          'rule',
          'rule',
          'rule',
          'text',
        ]);
        expect(text).toContain('B = 1');
        expect(text).toContain('B = 4');
        expect(text).toContain('batch size');
        // The title, escaped.
        expect(text).toContain('<title>Escape time against 1/η &lt;with&gt; &quot;escaping&quot; &amp; more</title>');
      } else {
        expect(groups.filter((g) => ['line', 'dot', 'legend'].includes(g ?? '')).sort()).toEqual(['dot', 'legend', 'line']);
        expect(text).toContain('linearGradient'); // the colour bar of the continuous colour
        expect(text).toContain('time t');
      }
      for (const c of Array.from(doc.querySelectorAll('circle'))) expect(Number(c.getAttribute('r'))).toBeGreaterThan(0);
    }
  });

  it('index.html: self-contained, the plots inline, every finding and table', () => {
    const html = read('index.html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/);
    expect((html.match(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="sgd-plot"/g) ?? []).length).toBe(4);
    for (const r of results()) {
      expect(html).toContain(`<section id="${r.name}">`);
      for (const f of r.findings) expect(html).toContain(`<td>${f.label}</td>`);
    }
    expect(html).toContain('<td class="no">NO</td>');
    expect(html).toContain('<td class="yes">yes</td>');
    expect(html).toContain('&lt;angle brackets&gt;');
    expect(html).not.toContain('<angle brackets>');
  });

  it('a plot id that already starts with the experiment name is not prefixed twice; clashing keys get a suffix', async () => {
    const { placePlots } = await import('../../src/cli/report-files');
    const r = expectedResult('escape', { seed: 0, mode: 'quick' });
    const p = r.plots[0]!;
    const keys = placePlots([{ ...r, plots: [{ ...p, id: 'escape-rate' }, { ...p, id: 'rate' }, p, p] }]).map((x) => x.key);
    expect(keys).toEqual(['escape-rate', 'escape-rate-2', 'escape-scaling', 'escape-scaling-2']);
  });

  it('an error bar without an upper end (null) is drawn open, an arrow at its lower end, never closed at a made-up top', async () => {
    const draw = await loadPlotRenderer();
    const spec = (high: number | null) => ({
      id: 'open',
      title: 'open bars',
      x: { label: 'x' },
      y: { label: 'y' },
      marks: [
        {
          type: 'errorY' as const,
          data: [
            { x: 1, low: 2, high: 3 },
            { x: 2, low: 4, high },
          ],
          x: 'x',
          y1: 'low',
          y2: 'high',
        },
      ],
    });
    const rules = (svg: string) => parseXml(svg).querySelectorAll('g[aria-label="rule"] line').length;
    const open = draw(spec(null), 'o');
    const closed = draw(spec(5), 'c');
    expect(open).toContain('↑');
    expect(closed).not.toContain('↑');
    // the open point has no rule of its own: one bar fewer than when both ends are known
    expect(rules(closed) - rules(open)).toBe(1);
    expect(parseXml(open).documentElement.localName).toBe('svg');
  });

  it('drawing is deterministic: the same spec gives the same bytes', async () => {
    const draw = await loadPlotRenderer();
    const spec = expectedResult('escape', { seed: 2, mode: 'quick' }).plots[0]!;
    expect(draw(spec, 'k')).toBe(draw(spec, 'k'));
    expect(read('escape-scaling.svg')).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n${draw(spec, 'escape-scaling')}\n`);
  });
});
