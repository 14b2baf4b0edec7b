/**
 * Helpers shared by the command's experiments: building findings with their agreement criteria,
 * straight-line fits with intervals, rank correlation, progress stages and the abort check. Plain
 * functions over numbers; nothing here prints or touches files.
 *
 * @internal
 * @module
 */
import { studentTQuantile, weightedLine } from '../../core/statistics-kernels';
import { pow } from '../../core/elementary';
import type { ExperimentContext, Finding } from '../experiment';

/** Throws the `AbortError` the command expects when the context's signal has fired. @internal */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    const e = new Error('experiment aborted');
    e.name = 'AbortError';
    throw e;
  }
}

/** A progress reporter over weighted stages: `stage(i)` returns a callback mapping the stage's own fraction into [0, 1]. @internal */
export interface Stages {
  /** Reports the start of stage `index` and returns a reporter of its own progress in [0, 1]. */
  readonly begin: (index: number) => (fraction: number) => void;
  readonly done: () => void;
}

/** Stages named `labels` with relative costs `weights` (same length). @internal */
export function stages(context: ExperimentContext, labels: readonly string[], weights: readonly number[]): Stages {
  const total = weights.reduce((a, b) => a + b, 0);
  const starts: number[] = [];
  let acc = 0;
  for (const w of weights) {
    starts.push(acc / total);
    acc += w;
  }
  const report = context.onProgress;
  return {
    begin: (index) => {
      throwIfAborted(context.signal);
      const start = starts[index] ?? 1;
      const width = (weights[index] ?? 0) / total;
      const label = labels[index] ?? '';
      report?.(start, label);
      let last = -1;
      return (fraction) => {
        const f = Math.min(1, Math.max(0, fraction));
        if (f - last < 0.01 && f < 1) return;
        last = f;
        report?.(start + width * f, label);
      };
    },
    done: () => {
      report?.(1, 'done');
    },
  };
}

/** A seed string for one random stream of an experiment, derived from the base seed. @internal */
export function subSeed(seed: number, ...parts: (string | number)[]): string {
  return [String(seed), ...parts.map(String)].join('/');
}

/** Rounds to `digits` significant digits (for labels and tables; null stays null). @internal */
export function sig(value: number | null, digits = 4): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}

/** A finite number, or null (JSON has no NaN or Infinity). @internal */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

/** A finding whose agreement is |value − theory| ≤ k·SE (k = 4 unless told). @internal */
export function withinStandardErrors(
  label: string,
  value: number,
  standardError: number,
  theory: number,
  theorySource: string,
  options: { k?: number; interval?: readonly [number, number] | null; unit?: string; extra?: number; extraLabel?: string } = {},
): Finding {
  const k = options.k ?? 4;
  const extra = options.extra ?? 0;
  const agrees = Math.abs(value - theory) <= k * standardError + extra;
  const criterion = extra > 0 ? `|value − theory| ≤ ${String(k)} SE + ${options.extraLabel ?? String(sig(extra, 3))}` : `|value − theory| ≤ ${String(k)} SE`;
  return {
    label,
    value,
    standardError,
    interval: options.interval ?? [value - 1.96 * standardError, value + 1.96 * standardError],
    theory,
    theorySource,
    agrees,
    criterion,
    ...(options.unit === undefined ? {} : { unit: options.unit }),
  };
}

/** A finding whose agreement is: the theory value lies inside the 95% interval. @internal */
export function insideInterval(
  label: string,
  value: number,
  standardError: number | null,
  interval: readonly [number, number],
  theory: number,
  theorySource: string,
  unit?: string,
): Finding {
  return {
    label,
    value,
    standardError,
    interval,
    theory,
    theorySource,
    agrees: theory >= interval[0] && theory <= interval[1],
    criterion: 'theory inside the 95% interval',
    ...(unit === undefined ? {} : { unit }),
  };
}

/** A finding compared by a relative tolerance: |value − theory| ≤ tol·|theory|. @internal */
export function withinRelative(
  label: string,
  value: number,
  standardError: number | null,
  interval: readonly [number, number] | null,
  theory: number,
  theorySource: string,
  tolerance: number,
  why: string,
): Finding {
  return {
    label,
    value,
    standardError,
    interval,
    theory,
    theorySource,
    agrees: Math.abs(value - theory) <= tolerance * Math.abs(theory),
    criterion: `|value − theory| ≤ ${String(tolerance)}·|theory| (${why})`,
  };
}

/** A finding with no theory beside it. @internal */
export function plainFinding(
  label: string,
  value: number,
  standardError: number | null = null,
  interval: readonly [number, number] | null = null,
  unit?: string,
): Finding {
  return { label, value, standardError, interval, theory: null, theorySource: null, agrees: null, criterion: null, ...(unit === undefined ? {} : { unit }) };
}

/** A least-squares line with its slope's standard error and 95% interval. @internal */
export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  readonly slopeStandardError: number;
  readonly slopeCi95: readonly [number, number];
}

/**
 * y ≈ a + b x by least squares. Unweighted (`standardErrors` absent): the residual standard error
 * and a Student-t interval on n − 2 degrees of freedom. Weighted by 1/σᵢ²: the slope's error from
 * the σᵢ alone and a normal interval. Needs n ≥ 3 and distinct x. @internal
 */
export function lineFit(x: readonly number[], y: readonly number[], standardErrors?: readonly number[]): LineFit {
  const n = x.length;
  const w = standardErrors?.map((s) => 1 / (s * s)) ?? null;
  const line = weightedLine(x, y, w, n);
  if (w === null) {
    const se = Math.sqrt(line.rss / (n - 2) / line.sxx);
    const t = studentTQuantile(n - 2, 0.975);
    return { slope: line.slope, intercept: line.intercept, slopeStandardError: se, slopeCi95: [line.slope - t * se, line.slope + t * se] };
  }
  const se = Math.sqrt(1 / line.sxx);
  return { slope: line.slope, intercept: line.intercept, slopeStandardError: se, slopeCi95: [line.slope - 1.96 * se, line.slope + 1.96 * se] };
}

/** Ranks (average ranks for ties), 1-based. @internal */
function ranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (v[a] ?? 0) - (v[b] ?? 0));
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && v[order[j + 1] ?? 0] === v[order[i] ?? 0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k] ?? 0] = rank;
    i = j + 1;
  }
  return r;
}

/** Pearson's correlation of two equally long samples. @internal */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] ?? 0;
    mb += b[i] ?? 0;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] ?? 0) - ma;
    const db = (b[i] ?? 0) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Spearman's rank correlation. @internal */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(a), ranks(b));
}

/** Seconds since `start` (a `performance.now()` reading). @internal */
export function secondsSince(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10000;
}

/** `count` values evenly spaced on a log scale from `lo` to `hi`. @internal */
export function logSpace(lo: number, hi: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => lo * pow(hi / lo, count === 1 ? 0 : i / (count - 1)));
}
