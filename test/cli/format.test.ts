import { describe, expect, it } from 'vitest';
import { findingCells, formatInterval, formatNumber, formatValue, textTable } from '../../src/cli/format';

describe('number formatting', () => {
  it('four significant digits, exponents outside [1e-3, 1e6), integers as they are', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber('text')).toBe('text');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(-7)).toBe('-7');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(1 / 3)).toBe('0.3333');
    expect(formatNumber(1234.5678)).toBe('1235');
    expect(formatNumber(12.3)).toBe('12.3');
    expect(formatNumber(1.5e7)).toBe('1.5e+7');
    expect(formatNumber(0.000123)).toBe('1.23e-4');
    expect(formatNumber(1e-10)).toBe('1e-10');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Math.PI, 2)).toBe('3.1');
  });
  it('value ± SE with the unit, intervals, finding rows', () => {
    expect(formatValue({ value: 1.02, standardError: 0.031 })).toBe('1.02 ± 0.031');
    expect(formatValue({ value: 1234.5, standardError: 50, unit: 't' })).toBe('1235 ± 50 t');
    expect(formatValue({ value: 1, standardError: null })).toBe('1');
    expect(formatInterval([0.96, Infinity])).toBe('[0.96, ∞]');
    expect(formatInterval(null)).toBe('—');
    const f = { label: 'a', value: 2, standardError: 0.1, interval: null, theory: 2, theorySource: 'Kramers', agrees: true, criterion: '≤ 4 SE' };
    expect(findingCells(f)).toEqual(['a', '2 ± 0.1', '—', '2 (Kramers)', 'yes', '≤ 4 SE']);
    expect(findingCells({ ...f, theory: null, theorySource: null, agrees: null, criterion: null })).toEqual(['a', '2 ± 0.1', '—', '—', '—', '—']);
    expect(findingCells({ ...f, agrees: false })[4]).toBe('NO');
  });
  it('text tables pad columns to the widest cell', () => {
    expect(textTable(['a', 'bb'], [['xxx', 'y']])).toBe('a    bb\n───  ──\nxxx  y\n');
  });
});
