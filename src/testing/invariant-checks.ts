/**
 * Invariant checks for user objectives and operators: gradient against finite differences of the
 * value, HVP against finite differences of the gradient, and symmetry u·Hv = v·Hu. Each returns the
 * worst relative error with the details of every probe, and never throws for a numerical failure
 * (NaN or ±Infinity in what the objective returns gives an infinite error); it throws only for bad
 * arguments.
 *
 * @module
 */
import {
  checkNonNegative,
  checkObjective,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkSeed,
  checkVector,
  optionWithAlias,
  checkKnownOptions,
} from '../core/checks';
import { distance, dot, norm2 } from '../core/blas1';
import { describeValue } from '../core/errors';
import type { Objective, Seed, SymmetricOperator } from '../core/types';
import { rngFor, type Rng } from '../random/rng';
import { DEFAULT_FD_STEP, finiteDifferenceHvp } from '../objectives/finite-difference-hvp';
import { matVec } from '../core/mat-vec';

/** What every check returns: the worst relative error, where it happened, and each probe. */
export interface InvariantCheckResult<P> {
  /** The largest relative error over the probes (Infinity when a probe produced NaN/±Infinity). */
  maxRelativeError: number;
  /** The largest absolute error over the probes. */
  maxAbsoluteError: number;
  /** Index into `probes` of the probe with the largest relative error. */
  worst: number;
  /** One record per probe. */
  probes: P[];
}

/** One direction of {@link checkGradient}. */
export interface GradientProbe {
  /** The unit direction u. */
  direction: Float64Array;
  /** ∇L(x)·u from the objective's gradient. */
  analytic: number;
  /** (L(x + tu) − L(x − tu)) / 2t. */
  finiteDifference: number;
  /** |analytic − finiteDifference|. */
  absoluteError: number;
  /** absoluteError / max(‖∇L(x)‖, |finiteDifference|, floor). */
  relativeError: number;
}

/** One direction of {@link checkHvp}. */
export interface HvpProbe {
  /** The direction v. */
  direction: Float64Array;
  /** ∇²L(x)·v from the objective's hvp. */
  analytic: Float64Array;
  /** ‖v‖·(∇L(x + tv̂) − ∇L(x − tv̂)) / 2t, v̂ = v/‖v‖. */
  finiteDifference: Float64Array;
  /** ‖analytic − finiteDifference‖₂. */
  absoluteError: number;
  /** absoluteError / max(‖analytic‖, ‖finiteDifference‖, floor). */
  relativeError: number;
  /** When the objective has a dense `hessian`: ‖H(x)v − hvp(x, v)‖ / max(‖H(x)v‖, ‖hvp‖); else undefined. */
  hessianRelativeError: number | undefined;
}

/** One pair of {@link checkSymmetric}. */
export interface SymmetryProbe {
  u: Float64Array;
  v: Float64Array;
  /** u·(Hv). */
  uHv: number;
  /** v·(Hu). */
  vHu: number;
  /** |uHv − vHu|. */
  absoluteError: number;
  /** absoluteError / max(‖Hv‖, ‖Hu‖, floor) (u, v unit). */
  relativeError: number;
}

/** Options shared by the checks. */
export interface InvariantCheckOptions {
  /** Relative finite-difference step s: the point moves by t = s·(1 + ‖x‖). Default ∛ε ≈ 6.06e-6. */
  fdStep?: number;
  /** @deprecated The old name of `fdStep` (`step` now always means a step count). */
  step?: number;
  /** Number of random probes (unit directions, or pairs for the symmetry check). Default: see each check. */
  probes?: number;
  /** Seed of the random directions, drawn from `rngFor('<check>', seed)` (checkGradient, checkHvp, checkSymmetric). Default 0. */
  seed?: Seed;
  /**
   * Floor of the relative error's denominator: errors are divided by max(‖reference‖, floor).
   * Default 0 (purely relative). Set it to the typical size of your gradients (or HVPs) to judge
   * points near a critical point, where ‖∇L‖ → 0, by their absolute error.
   */
  floor?: number;
}

/** a / b as a relative error that never hides a failure: NaN → Infinity, 0/0 → 0, x/0 → Infinity. */
function relative(abs: number, denom: number): number {
  if (Number.isNaN(abs) || abs === Infinity) return Infinity;
  if (abs === 0) return 0;
  if (!(denom > 0) || !Number.isFinite(denom)) return Infinity;
  return abs / denom;
}

function summarise<P extends { absoluteError: number; relativeError: number }>(probes: P[]): InvariantCheckResult<P> {
  let worst = 0;
  let maxRel = -Infinity;
  let maxAbs = 0;
  probes.forEach((p, i) => {
    const abs = Number.isNaN(p.absoluteError) ? Infinity : p.absoluteError;
    if (abs > maxAbs) maxAbs = abs;
    if (p.relativeError > maxRel) {
      maxRel = p.relativeError;
      worst = i;
    }
  });
  return { maxRelativeError: Math.max(0, maxRel), maxAbsoluteError: maxAbs, worst, probes };
}

function randomUnit(rng: Rng, d: number): Float64Array {
  const u = new Float64Array(d);
  for (;;) {
    rng.fillNormal(u);
    const n = norm2(u);
    if (n > 0) {
      for (let i = 0; i < d; i++) u[i] = (u[i] as number) / n;
      return u;
    }
  }
}

function readCommon(options: InvariantCheckOptions | undefined): { step: number; probes: number | undefined; seed: Seed; floor: number } {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['fdStep', 'floor', 'probes', 'seed', 'step']);
  const step = checkPositive('options.fdStep', optionWithAlias(opts, 'fdStep', 'step') ?? DEFAULT_FD_STEP);
  const floor = checkNonNegative('options.floor', opts.floor ?? 0);
  const probes = opts.probes === undefined ? undefined : checkPositiveInteger('options.probes', opts.probes);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  return { step, probes, seed, floor };
}

/**
 * Checks `objective.gradient` at x against central differences of `objective.value`: for each unit
 * direction u, ∇L(x)·u against (L(x + tu) − L(x − tu))/2t with t = step·(1 + ‖x‖).
 *
 * Directions: the d coordinate axes when d ≤ 16 and `probes` is not given, else `probes` (default
 * 16) random unit directions from `seed`. Relative error of a probe:
 * |∇L·u − fd| / max(‖∇L(x)‖, |fd|). For a correct gradient it is about
 * t²·|∂³L|/6 + ε·|L|/t over ‖∇L‖ (≈ 1e-10 for a unit-scaled smooth L at the default step); near a
 * critical point ‖∇L‖ → 0 and the relative error is meaningless: read `maxAbsoluteError` there.
 * A wrong gradient gives errors of order one. Costs 2 values per probe and one gradient.
 *
 * @example
 * const r = checkGradient(styblinskiTang(3), Float64Array.of(0.3, -1, 2));
 * r.maxRelativeError < 1e-6; // true
 */
export function checkGradient(objective: Objective, x: Float64Array | readonly number[], options?: InvariantCheckOptions): InvariantCheckResult<GradientProbe> {
  const f = checkObjective(objective);
  const d = f.dim;
  const x0 = Float64Array.from(checkVector('x', x, d));
  const { step, probes, seed, floor } = readCommon(options);
  const t = step * (1 + norm2(x0));
  const g = f.gradient(x0, new Float64Array(d));
  const gnorm = norm2(g);
  const dirs: Float64Array[] = [];
  if (probes === undefined && d <= 16) {
    for (let i = 0; i < d; i++) {
      const e = new Float64Array(d);
      e[i] = 1;
      dirs.push(e);
    }
  } else {
    const rng = rngFor('check-gradient', seed);
    for (let k = 0; k < (probes ?? 16); k++) dirs.push(randomUnit(rng, d));
  }
  const xp = new Float64Array(d);
  const xm = new Float64Array(d);
  const list = dirs.map((u): GradientProbe => {
    for (let i = 0; i < d; i++) {
      xp[i] = (x0[i] as number) + t * (u[i] as number);
      xm[i] = (x0[i] as number) - t * (u[i] as number);
    }
    const fd = (f.value(xp) - f.value(xm)) / (2 * t);
    const analytic = dot(g, u);
    const absoluteError = Math.abs(analytic - fd);
    return { direction: u, analytic, finiteDifference: fd, absoluteError, relativeError: relative(absoluteError, Math.max(gnorm, Math.abs(fd), floor)) };
  });
  return summarise(list);
}

/**
 * Checks `objective.hvp` at x against central differences of `objective.gradient`:
 * ∇²L(x)·v against ‖v‖·(∇L(x + tv̂) − ∇L(x − tv̂))/2t, v̂ = v/‖v‖, t = step·(1 + ‖x‖); and, when
 * the objective has a dense `hessian`, hvp(x, v) against hessian(x)·v (`hessianRelativeError`,
 * which should be at rounding level, ~d·ε).
 *
 * Directions: `v` when given, else `probes` (default 4) random unit directions from `seed`.
 * Relative error: ‖Hv − fd‖ / max(‖Hv‖, ‖fd‖), about t²‖∂³L‖/6 + ε‖∇L‖/t over ‖Hv‖ for a correct
 * HVP (≈ 1e-9 at the default step, unit scales); order one for a wrong one. `maxRelativeError`
 * covers both comparisons. Costs 2 gradients and 1 HVP per probe (plus a dense Hessian).
 *
 * @example
 * checkHvp(rosenbrock(4), Float64Array.of(0.5, 1, -1, 2)).maxRelativeError < 1e-6; // true
 */
export function checkHvp(
  objective: Objective,
  x: Float64Array | readonly number[],
  v?: Float64Array | readonly number[],
  options?: InvariantCheckOptions,
): InvariantCheckResult<HvpProbe> {
  const f = checkObjective(objective, { hvp: true });
  const hvp = f.hvp as NonNullable<Objective['hvp']>;
  const d = f.dim;
  const x0 = Float64Array.from(checkVector('x', x, d));
  const { step, probes, seed, floor } = readCommon(options);
  const dirs: Float64Array[] = [];
  if (v !== undefined) {
    const vv = Float64Array.from(checkVector('v', v, d));
    if (probes !== undefined) throw new RangeError('options.probes: expected undefined when v is given, received a number');
    dirs.push(vv);
  } else {
    const rng = rngFor('check-hvp', seed);
    for (let k = 0; k < (probes ?? 4); k++) dirs.push(randomUnit(rng, d));
  }
  const H = typeof f.hessian === 'function' ? f.hessian(x0) : undefined;
  // Central differences of the gradient, step t = step·(1 + ‖x‖) along v/‖v‖ (zero for v = 0).
  const numeric = finiteDifferenceHvp(f, { fdStep: step });
  const hv = new Float64Array(d);
  const list = dirs.map((dir): HvpProbe => {
    const analytic = hvp.call(f, x0, dir, new Float64Array(d));
    const fd = numeric.hvp(x0, dir, new Float64Array(d));
    const absoluteError = distance(analytic, fd);
    let relativeError = relative(absoluteError, Math.max(norm2(analytic), norm2(fd), floor));
    let hessianRelativeError: number | undefined;
    if (H !== undefined) {
      matVec(H, d, d, dir, hv);
      hessianRelativeError = relative(distance(hv, analytic), Math.max(norm2(hv), norm2(analytic), floor));
      relativeError = Math.max(relativeError, hessianRelativeError);
    }
    return { direction: dir, analytic, finiteDifference: fd, absoluteError, relativeError, hessianRelativeError };
  });
  return summarise(list);
}

function isOperator(x: unknown): x is SymmetricOperator {
  return x !== null && typeof x === 'object' && typeof (x as { apply?: unknown }).apply === 'function';
}

/**
 * Checks that a Hessian (an objective's `hvp` at x) or a `SymmetricOperator` is symmetric:
 * u·(Hv) against v·(Hu) for `probes` (default 4) pairs of random unit vectors from `seed`.
 *
 * Relative error |u·Hv − v·Hu| / max(‖u‖‖Hv‖, ‖v‖‖Hu‖): for a symmetric H computed in floating
 * point it is a few d·ε (two dot products of length d); for a non-symmetric one it is of order
 * ‖H − Hᵀ‖/‖H‖. A finite-difference HVP is symmetric only to its truncation error. Costs 2
 * products per pair. Pass `x` for an objective; omit it for an operator.
 *
 * @example
 * checkSymmetric(mullerBrown(), Float64Array.of(0, 0.5)).maxRelativeError < 1e-13; // true
 */
export function checkSymmetric(
  target: Objective | SymmetricOperator,
  x?: Float64Array | readonly number[],
  options?: Omit<InvariantCheckOptions, 'step'>,
): InvariantCheckResult<SymmetryProbe> {
  let d: number;
  let apply: (v: Float64Array, out: Float64Array) => Float64Array;
  if (isOperator(target)) {
    d = target.dim;
    if (!Number.isSafeInteger(d) || d < 1) throw new RangeError(`operator.dim: expected an integer ≥ 1, received ${describeValue(d)}`);
    if (x !== undefined) throw new TypeError('x: expected undefined for a SymmetricOperator, received a point');
    apply = (v, out) => target.apply(v, out);
  } else {
    if (target === null || typeof target !== 'object' || typeof target.hvp !== 'function') {
      throw new TypeError('target: expected an Objective with an hvp method or a SymmetricOperator with an apply method');
    }
    const f = checkObjective(target, { hvp: true });
    d = f.dim;
    if (x === undefined) throw new TypeError("x: expected the point at which to check the objective's Hessian, received undefined");
    const x0 = Float64Array.from(checkVector('x', x, d));
    const hvp = f.hvp as NonNullable<Objective['hvp']>;
    apply = (v, out) => hvp.call(f, x0, v, out);
  }
  const { probes, seed, floor } = readCommon(options);
  const count = probes ?? 4;
  const rng = rngFor('check-symmetric', seed);
  const Hu = new Float64Array(d);
  const Hv = new Float64Array(d);
  const list: SymmetryProbe[] = [];
  for (let k = 0; k < count; k++) {
    const u = randomUnit(rng, d);
    const v = randomUnit(rng, d);
    apply(v, Hv);
    apply(u, Hu);
    const uHv = dot(u, Hv);
    const vHu = dot(v, Hu);
    const absoluteError = Math.abs(uHv - vHu);
    list.push({ u, v, uHv, vHu, absoluteError, relativeError: relative(absoluteError, Math.max(norm2(Hv), norm2(Hu), floor)) });
  }
  return summarise(list);
}
