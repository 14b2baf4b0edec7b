/**
 * Adaptive piecewise-Chebyshev indefinite integrals, F(y) = ∫_lo^y f, of a smooth integrand: each
 * panel holds the Chebyshev coefficients (17 Chebyshev–Lobatto points) of its integrand, is split
 * until the tail coefficients fall below the tolerance, and stores the coefficients of its
 * integral, so F can be read at any y by Clenshaw's recurrence. A log form integrates e^{g} for a
 * log-integrand g spanning hundreds of orders of magnitude: each panel is scaled by its own
 * maximum and the running sum is kept as a logarithm. @internal
 *
 * @module
 */
import { cos, exp, log as ln } from '../core/elementary/index';

const N = 16;
const NODES = Float64Array.from({ length: N + 1 }, (_, k) => cos((Math.PI * k) / N));
const COS = Float64Array.from({ length: (N + 1) * (N + 1) }, (_, idx) => cos((Math.PI * Math.floor(idx / (N + 1)) * (idx % (N + 1))) / N));

/** One panel of an indefinite integral. @internal */
interface Panel {
  lo: number;
  hi: number;
  /** Chebyshev coefficients (on [−1, 1]) of the panel's integral from lo, in its scaled units. */
  coef: Float64Array;
  /** F(lo) (plain form) or log F(lo) (log form). */
  base: number;
  /** Log-scale of the panel (log form): the panel's part is e^{scale}·Σ coef T. */
  scale: number;
}

/** An indefinite integral read at any point of [lo, hi]. @internal */
export interface Cumulative {
  lo: number;
  hi: number;
  /** F(y) (plain form) or log F(y) (log form). */
  at(y: number): number;
  /** F(hi) or log F(hi). */
  total: number;
  /** Estimated error: absolute (plain form) or relative (log form). */
  error: number;
  /** Integrand evaluations. */
  evaluations: number;
}

function clenshaw(c: Float64Array, t: number): number {
  let b1 = 0;
  let b2 = 0;
  for (let k = c.length - 1; k >= 1; k--) {
    const b0 = 2 * t * b1 - b2 + (c[k] as number);
    b2 = b1;
    b1 = b0;
  }
  return t * b1 - b2 + (c[0] as number);
}

/** Chebyshev coefficients of the values at NODES. */
function coefficients(f: Float64Array, out: Float64Array): void {
  for (let j = 0; j <= N; j++) {
    let s = 0;
    for (let k = 0; k <= N; k++) {
      const wk = k === 0 || k === N ? 0.5 : 1;
      s += wk * (f[k] as number) * (COS[j * (N + 1) + k] as number);
    }
    out[j] = ((j === 0 || j === N ? 1 : 2) * s) / N;
  }
}

/** Coefficients (length N + 2) of the integral from −1 of Σ c T on [−1, 1], times `half` (the half-width). */
function integralCoefficients(c: Float64Array, half: number): Float64Array {
  const m = N + 2;
  const C = new Float64Array(m);
  const cc = (j: number): number => (j <= N ? (c[j] as number) : 0);
  C[1] = cc(0) - cc(2) / 2;
  for (let k = 2; k < m; k++) C[k] = (cc(k - 1) - cc(k + 1)) / (2 * k);
  let s = 0;
  for (let k = 1; k < m; k++) s += (k % 2 === 0 ? 1 : -1) * (C[k] as number);
  C[0] = -s;
  for (let k = 0; k < m; k++) C[k] = (C[k] as number) * half;
  return C;
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const m = Math.max(a, b);
  return m + ln(exp(a - m) + exp(b - m));
}

/**
 * F(y) = ∫_lo^y f (plain) or log ∫_lo^y e^{g} (log form, `log: true`, with g = f the log-integrand,
 * −∞ allowed), to tolerance `tol` (absolute per unit length × max|f| in plain form, relative in
 * log form), starting from `initial` equal panels. @internal
 */
export function cumulativeIntegral(f: (x: number) => number, lo: number, hi: number, log: boolean, tol: number, initial = 8): Cumulative {
  const panels: Panel[] = [];
  const stack: [number, number, number, number][] = [];
  for (let k = initial - 1; k >= 0; k--)
    stack.push([lo + ((hi - lo) * k) / initial, k === initial - 1 ? hi : lo + ((hi - lo) * (k + 1)) / initial, 0, Number.POSITIVE_INFINITY]);
  const vals = new Float64Array(N + 1);
  const c = new Float64Array(N + 1);
  let evaluations = 0;
  const minWidth = (hi - lo) * 1e-13;
  const done: { lo: number; hi: number; coef: Float64Array; scale: number; err: number }[] = [];
  while (stack.length > 0) {
    const [a, b, depth, parentTail] = stack.pop() as [number, number, number, number];
    const mid = (a + b) / 2;
    const half = (b - a) / 2;
    let scale = Number.NEGATIVE_INFINITY;
    let gAbs = 0;
    for (let k = 0; k <= N; k++) {
      const x = k === 0 ? b : k === N ? a : mid + half * (NODES[k] as number);
      const v = f(x);
      evaluations++;
      vals[k] = v;
      if (log && v > scale) scale = v;
      if (log && Number.isFinite(v)) gAbs = Math.max(gAbs, Math.abs(v));
    }
    if (log) {
      if (scale === Number.NEGATIVE_INFINITY) {
        done.push({ lo: a, hi: b, coef: new Float64Array(N + 2), scale, err: 0 });
        continue;
      }
      for (let k = 0; k <= N; k++) vals[k] = exp((vals[k] as number) - scale);
    } else scale = 0;
    coefficients(vals, c);
    let cmax = 0;
    for (let k = 0; k <= N; k++) cmax = Math.max(cmax, Math.abs(c[k] as number));
    const tail = Math.max(Math.abs(c[N - 2] as number), Math.abs(c[N - 1] as number), Math.abs(c[N] as number));
    // log form: values scaled to max 1 on the panel, so the tail bounds the relative error of the
    // panel's integral against its largest value (its contribution is ≥ that value's share)
    // The values carry the rounding of the integrand (of g in the log form: a relative error of
    // about ε·|g|, or more where g is a difference of large terms); a split that no longer shrinks
    // the tail (a resolved panel shrinks it by ~2¹⁶) has reached that noise floor.
    const relTail = tail / Math.max(cmax, log ? 1 : Number.MIN_VALUE);
    const floor = log ? 32 * Number.EPSILON * gAbs : 0;
    const ok =
      !(relTail > Math.max(tol, floor)) ||
      (relTail < 1e-8 && relTail > 0.25 * parentTail) ||
      b - a <= minWidth ||
      depth > 50 ||
      done.length + stack.length > 50000;
    if (!ok) {
      stack.push([mid, b, depth + 1, relTail], [a, mid, depth + 1, relTail]);
      continue;
    }
    done.push({ lo: a, hi: b, coef: integralCoefficients(c, half), scale, err: tail * (b - a) });
  }
  done.sort((p, q) => p.lo - q.lo);
  let base = log ? Number.NEGATIVE_INFINITY : 0;
  let errAcc = log ? Number.NEGATIVE_INFINITY : 0;
  for (const d of done) {
    panels.push({ lo: d.lo, hi: d.hi, coef: d.coef, base, scale: d.scale });
    const part = clenshaw(d.coef, 1);
    if (log) {
      if (d.scale !== Number.NEGATIVE_INFINITY && part > 0) {
        const logPart = d.scale + ln(part);
        errAcc = logAddExp(errAcc, d.scale + ln(d.err + 1e-300));
        base = logAddExp(base, logPart);
      }
    } else {
      base += part;
      errAcc += d.err;
    }
  }
  const error = log ? (base === Number.NEGATIVE_INFINITY ? 0 : exp(errAcc - base)) : errAcc;
  const total = base;
  const find = (y: number): Panel => {
    let l = 0;
    let r = panels.length - 1;
    while (l < r) {
      const m = (l + r + 1) >> 1;
      if ((panels[m] as Panel).lo <= y) l = m;
      else r = m - 1;
    }
    return panels[l] as Panel;
  };
  return {
    lo,
    hi,
    total,
    error,
    evaluations,
    at(y: number): number {
      if (y <= lo) return log ? Number.NEGATIVE_INFINITY : 0;
      if (y >= hi) return total;
      const p = find(y);
      const t = Math.min(1, Math.max(-1, (2 * y - p.lo - p.hi) / (p.hi - p.lo)));
      const part = clenshaw(p.coef, t);
      if (!log) return p.base + part;
      if (p.scale === Number.NEGATIVE_INFINITY || !(part > 0)) return p.base;
      return logAddExp(p.base, p.scale + ln(part));
    },
  };
}
