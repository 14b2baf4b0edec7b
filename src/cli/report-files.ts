/**
 * The human-readable reports: report.md (Markdown: per experiment its summary, a findings table
 * value ± SE [interval] | theory | agrees, its tables, its plots as ![](file.svg) and its notes) and
 * index.html (the same, self-contained: a small inline stylesheet and the plots' SVG inline, so it
 * opens from file:// with no network), and the name of each plot's SVG file.
 *
 * @module
 */
import type { ExperimentResult, PlotSpec } from './experiment';
import { FINDING_COLUMNS, findingCells, formatAgrees, tableCells } from './format';
import { cssKey, escapeXml } from './plot-svg';
import type { ResultsFile } from './report-json';

/** One plot of one experiment with its unique key (file name without .svg, CSS class). */
export interface PlacedPlot {
  readonly result: ExperimentResult;
  readonly spec: PlotSpec;
  readonly key: string;
}

/**
 * Every plot of `results` with a unique key `<experiment>-<plot id>`, or the plot id alone when it
 * already starts with `<experiment>-` (suffixed -2, -3, … on a clash).
 */
export function placePlots(results: readonly ExperimentResult[]): PlacedPlot[] {
  const used = new Set<string>();
  const out: PlacedPlot[] = [];
  for (const result of results) {
    for (const spec of result.plots) {
      const base = cssKey(spec.id.startsWith(`${result.name}-`) ? spec.id : `${result.name}-${spec.id}`);
      let key = base;
      for (let i = 2; used.has(key); i++) key = `${base}-${i}`;
      used.add(key);
      out.push({ result, spec, key });
    }
  }
  return out;
}

/** A Markdown table cell: pipes escaped, line breaks as spaces. */
function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [line(columns), `|${columns.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** The GitHub-style anchor of a heading. */
function anchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** The line under the report's title: version, command, seed, mode, date, time. */
function provenance(file: ResultsFile): string {
  const cmd = file.command === '' ? 'sgd-dynamics' : `sgd-dynamics ${file.command}`;
  return `sgd-dynamics ${file.version} · \`${cmd}\` · seed ${file.seed} · mode ${file.mode} · ${file.date} · ${file.seconds.toFixed(1)} s`;
}

function heading(file: ResultsFile): string {
  return file.target === 'tour' ? 'sgd-dynamics: the tour' : `sgd-dynamics: ${file.target}`;
}

/** report.md for `file`; `plots` from placePlots(file.results). */
export function reportMarkdown(file: ResultsFile, plots: readonly PlacedPlot[]): string {
  const out: string[] = [`# ${heading(file)}`, '', provenance(file), ''];
  if (file.results.length > 1) {
    for (const r of file.results) out.push(`- [${r.title}](#${anchor(r.title)})`);
    out.push('');
  }
  for (const r of file.results) {
    out.push(`## ${r.title}`, '', `*${r.paper}* · experiment \`${r.name}\` · mode ${r.mode} · seed ${r.seed} · ${r.seconds.toFixed(1)} s`, '', r.summary, '');
    if (r.findings.length > 0) out.push('### Findings', '', mdTable(FINDING_COLUMNS, r.findings.map(findingCells)), '');
    for (const t of r.tables) {
      out.push(`### ${t.title}`, '', mdTable(t.columns, tableCells(t)), '');
      if (t.caption !== undefined) out.push(`*${t.caption}*`, '');
    }
    for (const p of plots.filter((q) => q.result === r)) {
      out.push(`![${p.spec.title.replace(/[[\]]/g, '')}](${p.key}.svg)`, '');
      if (p.spec.caption !== undefined) out.push(`*${p.spec.caption}*`, '');
    }
    if (r.notes.length > 0) out.push('### Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  }
  return out.join('\n');
}

const CSS = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; padding: 1.5rem; max-width: 1000px; color: #222; background: #fff; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; } h3 { margin-top: 1.4rem; }
.meta { color: #555; font-size: 0.9rem; } code { background: #f3f3f3; padding: 0 0.25em; border-radius: 3px; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.55rem; text-align: left; vertical-align: top; } th { background: #f6f6f6; }
td.yes { color: #116611; font-weight: 600; } td.no { color: #b00020; font-weight: 700; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; } figcaption, .caption { color: #555; font-size: 0.88rem; }
nav ul { padding-left: 1.2rem; }
`;

function htmlTable(columns: readonly string[], rows: readonly (readonly string[])[], agreesColumn = -1): string {
  const head = `<tr>${columns.map((c) => `<th>${escapeXml(c)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r) => {
      const cells = r.map((c, j) => {
        const cls = j === agreesColumn ? (c === formatAgrees(true) ? ' class="yes"' : c === formatAgrees(false) ? ' class="no"' : '') : '';
        return `<td${cls}>${escapeXml(c)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** index.html for `file`: `svgs` maps each placed plot's key to its SVG markup (an <svg> root). */
export function reportHtml(file: ResultsFile, plots: readonly PlacedPlot[], svgs: ReadonlyMap<string, string>): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(heading(file))}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeXml(heading(file))}</h1>`,
    `<p class="meta">${escapeXml(provenance(file)).replace(/`([^`]*)`/g, '<code>$1</code>')}</p>`,
  ];
  if (file.results.length > 1) {
    out.push('<nav><ul>', ...file.results.map((r) => `<li><a href="#${escapeXml(cssKey(r.name))}">${escapeXml(r.title)}</a></li>`), '</ul></nav>');
  }
  for (const r of file.results) {
    out.push(`<section id="${escapeXml(cssKey(r.name))}">`);
    out.push(`<h2>${escapeXml(r.title)}</h2>`);
    out.push(
      `<p class="meta"><em>${escapeXml(r.paper)}</em> · experiment <code>${escapeXml(r.name)}</code> · mode ${r.mode} · seed ${r.seed} · ${r.seconds.toFixed(1)} s</p>`,
    );
    out.push(`<p>${escapeXml(r.summary)}</p>`);
    if (r.findings.length > 0) out.push('<h3>Findings</h3>', htmlTable(FINDING_COLUMNS, r.findings.map(findingCells), 4));
    for (const t of r.tables) {
      out.push(`<h3>${escapeXml(t.title)}</h3>`, htmlTable(t.columns, tableCells(t)));
      if (t.caption !== undefined) out.push(`<p class="caption">${escapeXml(t.caption)}</p>`);
    }
    for (const p of plots.filter((q) => q.result === r)) {
      const svg = svgs.get(p.key) ?? '';
      const caption = p.spec.caption === undefined ? '' : `<figcaption>${escapeXml(p.spec.caption)}</figcaption>`;
      out.push(`<figure id="plot-${escapeXml(p.key)}">${svg}${caption}</figure>`);
    }
    if (r.notes.length > 0) out.push('<h3>Notes</h3>', '<ul>', ...r.notes.map((n) => `<li>${escapeXml(n)}</li>`), '</ul>');
    out.push('</section>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
