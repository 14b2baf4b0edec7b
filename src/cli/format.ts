/**
 * How the command writes numbers and findings as text (terminal, Markdown, HTML share it): four
 * significant digits, exponent notation outside [1e-3, 1e6), standard errors to two digits,
 * '—' for an absent value, and a plain-text table for the terminal.
 *
 * @module
 */
import type { Finding, Table } from './experiment';

/** Strips trailing zeros of a fixed or exponent mantissa: 0.5000 → 0.5, 1.200e-5 → 1.2e-5. */
function trimZeros(s: string): string {
  return s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/** A number to `digits` significant digits; integers below 1e6 as they are; null as '—'. */
export function formatNumber(v: number | string | null, digits = 4): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return trimZeros(v.toPrecision(digits));
  return trimZeros(v.toExponential(digits - 1));
}

/** value ± SE (SE to two significant digits), or the value alone when the SE is null; with the unit if any. */
export function formatValue(f: Pick<Finding, 'value' | 'standardError' | 'unit'>): string {
  const unit = f.unit === undefined || f.unit === '' ? '' : ` ${f.unit}`;
  const se = f.standardError === null ? '' : ` ± ${formatNumber(f.standardError, 2)}`;
  return `${formatNumber(f.value)}${se}${unit}`;
}

/** The 95% interval as [a, b], or '—'. */
export function formatInterval(interval: Finding['interval']): string {
  return interval === null ? '—' : `[${formatNumber(interval[0])}, ${formatNumber(interval[1])}]`;
}

/** 'yes' | 'NO' | '—' for a finding's agreement with its theory. */
export function formatAgrees(agrees: boolean | null): string {
  return agrees === null ? '—' : agrees ? 'yes' : 'NO';
}

/** The header of a findings table, shared by every renderer. */
export const FINDING_COLUMNS = ['finding', 'value ± SE', '95% interval', 'theory', 'agrees', 'criterion'] as const;

/** The cells of one finding's row, in FINDING_COLUMNS' order. */
export function findingCells(f: Finding): string[] {
  const theory = f.theory === null ? '—' : `${formatNumber(f.theory)}${f.theorySource === null ? '' : ` (${f.theorySource})`}`;
  return [f.label, formatValue(f), formatInterval(f.interval), theory, formatAgrees(f.agrees), f.criterion ?? '—'];
}

/** The string cells of a table's rows (numbers formatted, null as '—'). */
export function tableCells(t: Table): string[][] {
  return t.rows.map((r) => r.map((c) => formatNumber(c)));
}

/** A plain-text table with a header rule, columns padded to their widest cell. */
export function textTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, j) => Math.max(c.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((w, j) => (cells[j] ?? '').padEnd(w))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
