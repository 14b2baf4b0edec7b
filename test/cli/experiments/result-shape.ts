/**
 * Shared checks of an experiment's result: plain JSON data, findings with their theory, tables whose
 * rows have the columns' length, plot marks whose fields exist in their data and are finite numbers.
 */
import { expect } from 'vitest';
import type { ExperimentResult, Finding } from '../../../src/cli/experiment';

const NUMERIC_CHANNELS = ['x', 'y', 'y1', 'y2', 'color'] as const;

/** Asserts the shape of an experiment's result (see the module comment). */
export function checkResultShape(result: ExperimentResult, name: string, mode: string, seed: number): void {
  expect(result.name).toBe(name);
  expect(result.mode).toBe(mode);
  expect(result.seed).toBe(seed);
  expect(result.summary.length).toBeGreaterThan(40);
  expect(result.seconds).toBeGreaterThan(0);
  // JSON round trip gives the same data (no NaN, Infinity, undefined, typed arrays or functions)
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  for (const f of result.findings) {
    expect(Number.isFinite(f.value), f.label).toBe(true);
    if (f.standardError !== null) expect(f.standardError, f.label).toBeGreaterThanOrEqual(0);
    if (f.interval !== null) expect(f.interval[0], f.label).toBeLessThanOrEqual(f.interval[1]);
    if (f.theory === null) expect(f.agrees).toBeNull();
    else {
      expect(typeof f.agrees, f.label).toBe('boolean');
      expect(f.criterion, f.label).not.toBeNull();
      expect(f.theorySource, f.label).not.toBeNull();
    }
  }
  const tableIds = new Set<string>();
  for (const t of result.tables) {
    expect(tableIds.has(t.id), t.id).toBe(false);
    tableIds.add(t.id);
    expect(t.rows.length, t.id).toBeGreaterThan(0);
    for (const row of t.rows) expect(row.length, t.id).toBe(t.columns.length);
  }
  const plotIds = new Set<string>();
  for (const p of result.plots) {
    expect(plotIds.has(p.id), p.id).toBe(false);
    plotIds.add(p.id);
    expect(p.marks.length, p.id).toBeGreaterThan(0);
    for (const m of p.marks) {
      expect(m.data.length, `${p.id} ${m.type}`).toBeGreaterThan(0);
      for (const d of m.data) {
        for (const ch of NUMERIC_CHANNELS) {
          const field = m[ch];
          if (field === undefined) continue;
          const v = d[field];
          expect(typeof v === 'number' && Number.isFinite(v), `${p.id} ${m.type}.${ch} = ${field}: ${String(v)}`).toBe(true);
          if (typeof v === 'number' && ((ch === 'x' && p.x.type === 'log') || (ch !== 'x' && ch !== 'color' && p.y.type === 'log'))) {
            expect(v, `${p.id}: ${field} on a log axis`).toBeGreaterThan(0);
          }
        }
        if (m.series !== undefined) expect(typeof d[m.series], `${p.id} series`).toBe('string');
        if (m.text !== undefined) expect(typeof d[m.text], `${p.id} text`).toBe('string');
      }
    }
  }
}

/** The finding whose label starts with `prefix` (exactly one). */
export function finding(result: ExperimentResult, prefix: string): Finding {
  const hits = result.findings.filter((f) => f.label.startsWith(prefix));
  expect(hits.length, prefix).toBe(1);
  return hits[0] as Finding;
}
