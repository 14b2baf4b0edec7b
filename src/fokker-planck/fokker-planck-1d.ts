/**
 * The 1-D Fokker–Planck solver: a Scharfetter–Gummel finite-volume generator for the Itô
 * diffusion dθ = b(θ) dt + √(2D(θ)) dW (b = −L′ for a potential), with its stationary density,
 * implicit evolution, mean first-passage times, escape rate and probability current.
 *
 * @module
 */
import {
  checkFiniteNumber,
  checkInRange,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkVector,
  checkKnownOptions,
  checkAllocation,
} from '../core/checks';
import { describeValue } from '../core/errors';
import type { CsrLinearOperator } from '../core/csr';
import {
  bernoulli,
  createEngine,
  evolveOf,
  faceCurrents,
  massOf,
  mfptOf,
  type MfptAccuracy,
  quasiStationaryRate,
  relaxationRate,
  stationaryOf,
  type Engine,
  type EscapeRateOptions,
  type EscapeRateProgress,
  type EscapeRateResult,
  type EvolveOptions,
  type EvolveProgress,
  type EvolveResult,
} from './generator-kernels';
import { longRun } from '../core/long-run';
import { axisWeights, checkPeriodicPair, interleaved, readBoundary, type Axis, type AxisWeights, type BoundaryKind } from './grid-kernels';
import { log } from '../core/elementary/index';
import { readField1d } from './field-kernels';

/** Boundaries of a 1-D domain: one kind for both sides, or one per side (default `'reflecting'`). */
export type Boundary1d = BoundaryKind | { left?: BoundaryKind; right?: BoundaryKind };

/** Options of {@link fokkerPlanck1d}: exactly one of `potential` and `drift`. */
export interface FokkerPlanck1dOptions {
  /** L(x): the drift is −L′(x). */
  potential?: (x: number) => number;
  /** b(x), the drift of dθ = b dt + √(2D) dW (for a drift that is not a gradient, e.g. a tilted periodic one). */
  drift?: (x: number) => number;
  /** D > 0, a number or a function D(x) (Itô: the noise of the SDE is √(2D(θ)) dW). */
  diffusion: number | ((x: number) => number);
  /** [lo, hi], lo < hi. */
  domain: readonly [number, number];
  /** Number of cells, ≥ 3. */
  cells: number;
  /** Default `'reflecting'`. Periodic must hold on both sides. */
  boundary?: Boundary1d;
}

/** A target set in 1-D: an interval [lo, hi] (the cells whose centre lies in it) or a predicate on cell centres. */
export type Target1d = readonly [number, number] | ((x: number) => boolean);

/** Mean first-passage times on a 1-D grid. */
export interface MeanFirstPassageTime1d extends MfptAccuracy {
  /** τ at each cell centre (0 on the target cells). */
  values: Float64Array;
  /** τ at any x in the domain: linear between centres, to 0 at an absorbing wall, flat at a reflecting one. */
  at(x: number): number;
  /** The cell centres the values belong to. */
  centers: Float64Array;
}

/** The 1-D grid: cell centres, the n + 1 edges, and the cell size h. */
export interface Grid1d {
  centers: Float64Array;
  edges: Float64Array;
  h: number;
}

/** The solver returned by {@link fokkerPlanck1d}. */
export interface FokkerPlanck1d {
  grid: Grid1d;
  /** The generator G as a (non-symmetric) CSR operator: dp/dt = G p for the cell densities p. */
  generator: CsrLinearOperator;
  /** The stationary density (h·Σp = 1), the null vector of G. Throws when a side is absorbing (there is none). */
  stationary(): Float64Array;
  /** The density at time t from p0 (≥ 0, normalised to mass 1 first), by an implicit scheme (see {@link EvolveOptions}); `{ density, time, steps, stopReason }`, partial with `stopReason: 'aborted'` when `options.signal` fires. */
  evolve(p0: Float64Array | readonly number[], t: number, options?: EvolveOptions): EvolveResult;
  /** τ solving Gᵀτ = −1 off the target, τ = 0 on it; without a target, the time until absorbed at the absorbing sides. */
  meanFirstPassageTime(target?: Target1d): MeanFirstPassageTime1d;
  /** The principal eigenvalue with the target (and absorbing sides) absorbing; with reflecting/periodic walls only and no target, the relaxation rate of the slowest mode. */
  escapeRate(target?: Target1d, options?: EscapeRateOptions): EscapeRateResult;
  /** The probability current J = b p − ∂ₓ(D p) at the n + 1 edges (discrete: the Scharfetter–Gummel flux). */
  probabilityCurrent(p: Float64Array | readonly number[]): Float64Array;
}

/**
 * A finite-volume discretisation of the 1-D Fokker–Planck equation of the Itô diffusion
 * dθ = b(θ) dt + √(2D(θ)) dW, b = −L′ for a potential L (the Langevin module's convention):
 *
 *   ∂p/∂t = −∂ₓJ,   J = b p − ∂ₓ(D p).
 *
 * Cells of size h = (hi − lo)/n, centres xᵢ; with q = D p at the centres, the Scharfetter–Gummel
 * flux across the edge between cells i and i+1 is J = (1/h)[B(−v) qᵢ − B(v) qᵢ₊₁], B(v) = v/(eᵛ − 1),
 * where v = ∫ b/D over [xᵢ, xᵢ₊₁]: v = −(L(xᵢ₊₁) − L(xᵢ))/D(edge) with a potential, h·b(edge)/D(edge)
 * with a drift. G is the generator of a Markov chain (off-diagonal rates B(∓v)D/h² > 0, columns
 * summing to 0), so p stays ≥ 0 and the mass h·Σp is conserved exactly; for a potential with
 * constant D the stationary state is exactly the discrete Boltzmann density pᵢ ∝ e^{−L(xᵢ)/D}, and
 * for D(x) it is pᵢ ∝ e^{−Φᵢ}/D(xᵢ) with Φ summed edge by edge. Second order in h. An absorbing
 * side is p = 0 at the wall (half a cell from the last centre); reflecting, J = 0; periodic joins
 * the ends (give a drift unless the potential itself is periodic).
 *
 * Cost: assembly O(n) evaluations; each solve O(n) (tridiagonal LU, periodic ends interleaved).
 *
 * @example
 * // Ornstein–Uhlenbeck, L = x²/2, D = 0.5: stationary N(0, 0.5)
 * const fp = fokkerPlanck1d({ potential: (x) => x * x / 2, diffusion: 0.5, domain: [-5, 5], cells: 200 });
 * const p = fp.stationary(); // p[i] ≈ e^{−xᵢ²}/√π
 */
export function fokkerPlanck1d(options: FokkerPlanck1dOptions): FokkerPlanck1d {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['boundary', 'cells', 'diffusion', 'domain', 'drift', 'potential']);
  const { potential, drift, diffusionConstant: dConst, diffusionField: dFun } = readField1d(o);
  const domain = o.domain as unknown;
  if (!Array.isArray(domain) || domain.length !== 2) throw new TypeError(`options.domain: expected [lo, hi], received ${describeValue(domain)}`);
  const lo = checkFiniteNumber('options.domain[0]', domain[0]);
  const hi = checkFiniteNumber('options.domain[1]', domain[1]);
  if (!(lo < hi)) throw new RangeError(`options.domain: expected lo < hi, received [${lo}, ${hi}]`);
  const n = checkInteger('options.cells', o.cells, 3);
  checkAllocation('options.cells', 8 * n, 'the grid and generator (about 8 doubles per cell)');
  const b = readBoundary('options.boundary', o.boundary, ['left', 'right']);
  const left = b.left as BoundaryKind;
  const right = b.right as BoundaryKind;
  checkPeriodicPair('options.boundary', left, right, 'left', 'right');
  const h = (hi - lo) / n;
  const centers = new Float64Array(n);
  const edges = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) centers[i] = lo + (i + 0.5) * h;
  for (let k = 0; k <= n; k++) edges[k] = k === n ? hi : lo + k * h;

  const D = (x: number, what: string): number => {
    if (dConst !== undefined) return dConst;
    const d = (dFun as (x: number) => number)(x);
    if (typeof d !== 'number' || !(d > 0) || !Number.isFinite(d)) {
      throw new RangeError(`options.diffusion: expected a positive finite D(x), received ${describeValue(d)} at x = ${x} (${what})`);
    }
    return d;
  };
  const fin = (name: string, v: unknown, x: number): number => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new RangeError(`options.${name}: expected a finite value, received ${describeValue(v)} at x = ${x}`);
    return v;
  };
  const Lc = new Float64Array(n);
  const Dc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = centers[i] as number;
    Dc[i] = D(x, 'cell centre');
    if (potential) Lc[i] = fin('potential', potential(x), x);
  }
  /** v = ∫ b/D from centre i to the point at distance `dist` beyond it in direction `dir` (±1), ending at x1 with potential L1. */
  const peclet = (i: number, x1: number, L1: number | null, dir: number, dist: number): number => {
    const mid = (centers[i] as number) + (dir * dist) / 2;
    if (potential) {
      const xe = dist === h ? mid : x1;
      return -((L1 as number) - (Lc[i] as number)) / D(xe, 'edge');
    }
    return (dist * dir * fin('drift', (drift as (x: number) => number)(mid), mid)) / D(mid, 'edge');
  };

  const periodic = left === 'periodic';
  const nf = periodic ? n : n - 1;
  const faces = {
    a: new Int32Array(nf),
    b: new Int32Array(nf),
    rateAB: new Float64Array(nf),
    rateBA: new Float64Array(nf),
    length: new Float64Array(nf).fill(h),
  };
  const h2 = h * h;
  for (let f = 0; f < nf; f++) {
    const i = f;
    const j = (f + 1) % n;
    // v over [x_i, x_i + h]; at the wrap-around face, x_j is taken as x_0 + (hi − lo) (L periodic)
    const v = peclet(i, (centers[i] as number) + h, potential ? (Lc[j] as number) : null, 1, h);
    faces.a[f] = i;
    faces.b[f] = j;
    faces.rateAB[f] = (bernoulli(-v) * (Dc[i] as number)) / h2;
    faces.rateBA[f] = (bernoulli(v) * (Dc[j] as number)) / h2;
  }
  const exit = new Float64Array(n);
  const wallRate = (i: number, x: number, dir: number): number => {
    const v = peclet(i, x, potential ? fin('potential', potential(x), x) : null, dir, h / 2);
    return (bernoulli(-v) * (Dc[i] as number)) / (h * (h / 2));
  };
  if (left === 'absorbing') exit[0] = wallRate(0, lo, -1);
  if (right === 'absorbing') exit[n - 1] = (exit[n - 1] as number) + wallRate(n - 1, hi, 1);
  const ordering = periodic ? interleaved(n) : Int32Array.from({ length: n }, (_, i) => i);
  const engine: Engine = createEngine(n, faces, exit, ordering, h);
  const axis: Axis = { n, lo, hi, h, low: left, high: right };

  let pinGuess = n >> 1;
  if (potential) {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const s = (Lc[i] as number) / (Dc[i] as number) + log(Dc[i] as number);
      if (s < best) {
        best = s;
        pinGuess = i;
      }
    }
  }

  const targetMask = (target: Target1d | undefined, name: string): Uint8Array => {
    const mask = new Uint8Array(n);
    if (target === undefined) return mask;
    let pred: (x: number) => boolean;
    if (typeof target === 'function') pred = target;
    else {
      const t = target as unknown;
      if (!Array.isArray(t) || t.length !== 2) throw new TypeError(`${name}: expected an interval [lo, hi] or a predicate, received ${describeValue(t)}`);
      const a = checkFiniteNumber(`${name}[0]`, t[0]);
      const c = checkFiniteNumber(`${name}[1]`, t[1]);
      if (!(a <= c)) throw new RangeError(`${name}: expected lo ≤ hi, received [${a}, ${c}]`);
      pred = (x) => x >= a && x <= c;
    }
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (pred(centers[i] as number)) {
        mask[i] = 1;
        count++;
      }
    }
    if (count === 0) throw new RangeError(`${name}: expected a target holding at least one cell centre, received one holding none`);
    if (count === n) throw new RangeError(`${name}: expected a target leaving at least one cell outside, received one holding every cell`);
    return mask;
  };
  const hasAbsorbing = (mask: Uint8Array): boolean => engine.absorbing || mask.includes(1);
  const density = (name: string, p: unknown, normalise: boolean): Float64Array => {
    const v = checkVector(name, p, n);
    for (let i = 0; i < n; i++) {
      if ((v[i] as number) < 0) throw new RangeError(`${name}: expected non-negative entries, received ${v[i]} at index ${i}`);
    }
    if (!normalise) return v;
    const m = massOf(engine, v);
    if (!(m > 0) || !Number.isFinite(m))
      throw new RangeError(`${name}: expected a normalisable density (positive finite mass), received mass ${describeValue(m)}`);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (v[i] as number) / m;
    return out;
  };
  const w: AxisWeights = { i0: 0, i1: 0, w0: 0, w1: 0 };

  return {
    grid: { centers, edges, h },
    generator: engine.generator,
    stationary(): Float64Array {
      if (engine.absorbing) {
        throw new RangeError(
          'stationary: expected reflecting or periodic sides, received an absorbing side (there is no stationary density; escapeRate().mode is the quasi-stationary one)',
        );
      }
      return stationaryOf(engine, pinGuess).density;
    },
    evolve(p0: Float64Array | readonly number[], t: number, evolveOptions?: EvolveOptions): EvolveResult {
      const p = density('p0', p0, true);
      const tt = checkPositive('t', t);
      const eo = checkOptions('options', evolveOptions);
      checkKnownOptions('options', eo, ['onProgress', 'scheme', 'signal', 'steps']);
      const steps = eo.steps === undefined ? 100 : checkPositiveInteger('options.steps', eo.steps);
      const scheme = eo.scheme === undefined ? 'backward-euler' : checkOneOf('options.scheme', eo.scheme, ['backward-euler', 'extrapolated'] as const);
      const lr = longRun<EvolveProgress>(eo, 'options');
      return evolveOf(engine, p, tt, steps, scheme, lr);
    },
    meanFirstPassageTime(target?: Target1d): MeanFirstPassageTime1d {
      const mask = targetMask(target, 'target');
      if (!hasAbsorbing(mask)) throw new RangeError('target: expected a target or an absorbing side, received neither');
      const { values, conditionNumber, errorBound, accurate } = mfptOf(engine, mask);
      return {
        values,
        conditionNumber,
        errorBound,
        accurate,
        centers,
        at(x: number): number {
          checkInRange('x', x, lo, hi);
          axisWeights(axis, x, w);
          return (w.i0 < 0 ? 0 : w.w0 * (values[w.i0] as number)) + (w.i1 < 0 ? 0 : w.w1 * (values[w.i1] as number));
        },
      };
    },
    escapeRate(target?: Target1d, rateOptions?: EscapeRateOptions): EscapeRateResult {
      const mask = targetMask(target, 'target');
      const ro = checkOptions('options', rateOptions);
      checkKnownOptions('options', ro, ['maxIterations', 'onProgress', 'signal', 'tol']);
      const tol = ro.tol === undefined ? 1e-12 : checkPositive('options.tol', ro.tol);
      const maxIterations = ro.maxIterations === undefined ? 1000 : checkPositiveInteger('options.maxIterations', ro.maxIterations);
      const lr = longRun<EscapeRateProgress>(ro, 'options');
      if (hasAbsorbing(mask)) return quasiStationaryRate(engine, mask, tol, maxIterations, lr);
      const start = new Float64Array(n);
      for (let i = 0; i < n; i++) start[i] = (centers[i] as number) - (lo + hi) / 2;
      return relaxationRate(engine, pinGuess, start, tol, maxIterations, lr);
    },
    probabilityCurrent(p: Float64Array | readonly number[]): Float64Array {
      const v = density('p', p, false);
      const fc = faceCurrents(engine, v);
      const out = new Float64Array(n + 1);
      for (let f = 0; f < n - 1; f++) out[f + 1] = fc[f] as number;
      if (periodic) out[0] = out[n] = fc[n - 1] as number;
      else {
        out[0] = -h * (exit[0] as number) * (v[0] as number) * (left === 'absorbing' ? 1 : 0);
        out[n] = right === 'absorbing' ? h * (exit[n - 1] as number) * (v[n - 1] as number) : 0;
      }
      return out;
    },
  };
}
