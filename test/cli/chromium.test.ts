/**
 * index.html in headless Chromium (Debian's /usr/bin/chromium through puppeteer-core; skipped with a
 * message when it is absent): opened from file:// with every network request refused, it logs no
 * console error and throws no page error, requests nothing but itself, and draws every plot — each
 * <svg> and each of its mark groups (line, dot, rule, area, text, legend) has a non-empty bounding
 * box. The SVG files are parsed by Chromium's strict XML parser (DOMParser, image/svg+xml), which
 * rejects any document that is not well-formed XML.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, removeFolder } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`chromium.test: ${CHROMIUM} is absent (apt-get install chromium); the browser checks are skipped`);

interface PageReport {
  plots: { key: string; width: number; height: number; marks: { label: string; width: number; height: number; children: number }[] }[];
  parsed: { file: string; error: string | null; root: string; namespace: string | null; paths: number; emptyPaths: number }[];
}

/**
 * Runs in the page (as source text: the test's compiler has no DOM library): the bounding boxes of the
 * plots and their marks, and each SVG file parsed by the browser's XML parser.
 */
const IN_PAGE = `(files) => {
  const box = (e) => e.getBoundingClientRect();
  const plots = Array.from(document.querySelectorAll('figure > svg.sgd-plot')).map((svg) => {
    const b = box(svg);
    const marks = Array.from(svg.querySelectorAll('g[aria-label]'))
      .filter((g) => ['line', 'dot', 'rule', 'area', 'text', 'legend'].includes(g.getAttribute('aria-label') ?? ''))
      .map((g) => ({ label: g.getAttribute('aria-label') ?? '', width: box(g).width, height: box(g).height, children: g.children.length }));
    return { key: svg.parentElement?.id ?? '', width: b.width, height: b.height, marks };
  });
  const parsed = files.map(({ file, text }) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const err = doc.querySelector('parsererror');
    const paths = Array.from(doc.querySelectorAll('path'));
    return {
      file,
      error: err === null ? null : (err.textContent ?? 'parsererror'),
      root: doc.documentElement.localName,
      namespace: doc.documentElement.namespaceURI,
      paths: paths.length,
      emptyPaths: paths.filter((p) => (p.getAttribute('d') ?? '') === '').length,
    };
  });
  return { plots, parsed };
}`;

describe.skipIf(!present)('index.html in headless Chromium', () => {
  let cwd = '';
  let report: PageReport;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const r = await cli(['all', '--quick', '--out', 'rep']);
    expect(r.code, r.err).toBe(0);
    cwd = r.cwd;
    const dir = join(cwd, 'rep');
    const svgFiles = readdirSync(dir)
      .filter((f) => f.endsWith('.svg'))
      .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
    const { launch } = await import('puppeteer-core');
    const browser = await launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      const page = await browser.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warn') problems.push(`console.${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        requests.push(req.url());
        if (req.url().startsWith('file:')) void req.continue();
        else void req.abort();
      });
      const url = pathToFileURL(join(dir, 'index.html')).href;
      await page.goto(url, { waitUntil: 'load' });
      report = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(svgFiles)})`)) as PageReport;
    } finally {
      await browser.close();
    }
  }, 60_000);
  afterAll(() => removeFolder(cwd));

  it('logs no error, throws none, and loads nothing but the page', () => {
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.endsWith('/rep/index.html'))).toEqual([]);
  });

  it('draws every plot: each <svg> and each of its marks has a non-empty bounding box', () => {
    expect(report.plots.map((p) => p.key).sort()).toEqual(['plot-escape-embedding', 'plot-escape-scaling', 'plot-limiting-embedding', 'plot-limiting-scaling']);
    for (const p of report.plots) {
      expect(p.width, p.key).toBeGreaterThan(100);
      expect(p.height, p.key).toBeGreaterThan(100);
      expect(p.marks.length, p.key).toBeGreaterThanOrEqual(3);
      for (const m of p.marks) {
        expect(m.children, `${p.key} ${m.label}`).toBeGreaterThan(0);
        // A horizontal or vertical rule is a line: one side may be 0, never both.
        expect(m.width + m.height, `${p.key} ${m.label}`).toBeGreaterThan(0);
        if (m.label !== 'rule') expect(m.width * m.height, `${p.key} ${m.label}`).toBeGreaterThan(0);
      }
    }
    const scaling = report.plots.find((p) => p.key === 'plot-escape-scaling')!;
    expect(scaling.marks.map((m) => m.label).sort()).toEqual(['area', 'dot', 'legend', 'line', 'rule', 'rule', 'rule', 'text']);
  });

  it('every SVG file is well-formed XML for a strict parser, with an <svg> root and non-empty paths', () => {
    expect(report.parsed).toHaveLength(4);
    for (const f of report.parsed) {
      expect(f.error, f.file).toBeNull();
      expect(f.root, f.file).toBe('svg');
      expect(f.namespace, f.file).toBe('http://www.w3.org/2000/svg');
      expect(f.paths, f.file).toBeGreaterThan(0);
      expect(f.emptyPaths, f.file).toBe(0);
    }
  });
});
