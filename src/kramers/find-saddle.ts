/**
 * The saddle between two minima of a landscape, by the climbing-image nudged elastic band and a
 * Newton polish: the minima, the saddle, the barrier, the Hessians and the escape direction that
 * the escape-time formulas take.
 *
 * @module
 */
import ndarray from 'ndarray';
import { checkBoolean, checkInteger, checkKnownOptions, checkObjective, checkOptions, checkPositive, checkVector } from '../core/checks';
import { describeValue } from '../core/errors';
import { longRun } from '../core/long-run';
import type { LongRunOptions, Objective, Points } from '../core/types';
import { criticalPointFromHessian, denseHessian, newtonCriticalPoint, type CriticalPoint } from '../objectives/critical-points';
import { symmetricEigen } from '../core/symmetric-eigen';
import { MAX_HESSIAN_ORDER } from './curvature-kernels';

/** What `onProgress` of {@link findSaddle} receives. */
export interface FindSaddleProgress {
  /** Band iterations done. */
  iteration: number;
  /** The iteration budget. */
  maxIterations: number;
  /** The largest NEB force on an image now. */
  force: number;
}

/** Options of {@link findSaddle}. */
export interface FindSaddleOptions extends LongRunOptions<FindSaddleProgress> {
  /** A point in the basin of the first minimum (relaxed to it first unless `relaxEndpoints: false`). */
  from: Float64Array | readonly number[];
  /** A point in the basin of the second minimum. */
  to: Float64Array | readonly number[];
  /** Interior images of the band. Default 16. */
  images?: number;
  /** Spring constant k of the band. Default: the largest gradient norm on the initial straight path divided by its length. */
  springConstant?: number;
  /** Band iterations (FIRE steps) at most. Default 5000. */
  maxIterations?: number;
  /** The band is relaxed when the largest NEB force is ≤ pathTol·F₀ (F₀ the largest gradient norm on the initial path). Default 1e-3. */
  pathTol?: number;
  /** Converged when the true ‖∇L‖ at the saddle and the minima is ≤ gradientTol·max(1, F₀). Default 1e-8. */
  gradientTol?: number;
  /** Relax `from` and `to` to their minima first (descent, then Newton). Default true. */
  relaxEndpoints?: boolean;
}

/** A critical point found by {@link findSaddle}, with its true gradient norm. */
export interface FoundCriticalPoint extends CriticalPoint {
  /** ‖∇L(point)‖₂. */
  gradientNorm: number;
  /** gradientNorm ≤ the tolerance and the Morse index expected (0 for a minimum, 1 for the saddle). */
  converged: boolean;
}

/** Result of {@link findSaddle}. */
export interface FindSaddleResult {
  /** The two minima, [from's, to's] (the relaxed endpoints). */
  minima: [FoundCriticalPoint, FoundCriticalPoint];
  /** The saddle: the climbing image polished by Newton. */
  saddle: FoundCriticalPoint;
  /** ΔL = L(saddle) − L(minima[0]): the barrier for escape from the first minimum. */
  barrier: number;
  /** L(saddle) − L(minima[1]): the barrier of the reverse escape. */
  barrierReverse: number;
  /** The unit eigenvector of the saddle's negative eigenvalue, pointing away from minima[0] (e·(saddle − minima[0]) > 0). */
  escapeDirection: Float64Array;
  /** The relaxed band, [images + 2, d], endpoints included. */
  path: Points;
  /** L along the band. */
  pathValues: Float64Array;
  /** The largest NEB force on an image at the end. */
  pathForce: number;
  /** F₀: the largest gradient norm on the initial straight path, the scale of `pathTol` and `gradientTol`. */
  gradientScale: number;
  /** Band iterations taken. */
  iterations: number;
  /** True exactly when stopReason is 'converged': both minima (index 0) and the saddle (index 1) at true gradient norms ≤ tolerance. */
  converged: boolean;
  /** 'converged'; 'budget' (the band did not relax in maxIterations); 'stalled' (it relaxed, but a point failed its gradient or index check); 'diverged' (a non-finite value or gradient on the band); 'aborted'. */
  stopReason: 'converged' | 'budget' | 'stalled' | 'diverged' | 'aborted';
}

/** An objective with an HVP: its own, its Hessian's, or central differences of the gradient. */
function withHvp(f: Objective): Objective {
  if (typeof f.hessian === 'function' || typeof f.hvp === 'function') return f;
  const d = f.dim;
  const xp = new Float64Array(d);
  const xm = new Float64Array(d);
  const gp = new Float64Array(d);
  const gm = new Float64Array(d);
  return {
    dim: d,
    value: (x) => f.value(x),
    gradient: (x, out) => f.gradient(x, out),
    hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array {
      let xn = 0;
      let vn = 0;
      for (let i = 0; i < d; i++) {
        xn += (x[i] as number) ** 2;
        vn += (v[i] as number) ** 2;
      }
      const o = out ?? new Float64Array(d);
      if (vn === 0) return o.fill(0);
      const h = (1e-5 * Math.max(1, Math.sqrt(xn))) / Math.sqrt(vn);
      for (let i = 0; i < d; i++) {
        xp[i] = (x[i] as number) + h * (v[i] as number);
        xm[i] = (x[i] as number) - h * (v[i] as number);
      }
      f.gradient(xp, gp);
      f.gradient(xm, gm);
      for (let i = 0; i < d; i++) o[i] = ((gp[i] as number) - (gm[i] as number)) / (2 * h);
      return o;
    },
  };
}

function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

/** Armijo descent from x (in place) until ‖∇L‖ ≤ tol or the budget is spent. */
function descend(f: Objective, x: Float64Array, tol: number, budget: number): void {
  const d = f.dim;
  const g = f.gradient(x, new Float64Array(d));
  const trial = new Float64Array(d);
  let fx = f.value(x);
  let alpha = 1e-3 / Math.max(1, norm(g));
  for (let it = 0; it < budget; it++) {
    const gn2 = norm(g) ** 2;
    if (!(Math.sqrt(gn2) > tol)) return;
    let accepted = false;
    for (let h = 0; h < 60; h++) {
      for (let i = 0; i < d; i++) trial[i] = (x[i] as number) - alpha * (g[i] as number);
      const ft = f.value(trial);
      if (ft <= fx - 1e-4 * alpha * gn2) {
        x.set(trial);
        fx = ft;
        f.gradient(x, g);
        alpha *= 1.5;
        accepted = true;
        break;
      }
      alpha *= 0.5;
    }
    if (!accepted) return;
  }
}

/**
 * Finds the saddle between two minima of `objective` — the point an escape from the first minimum
 * to the second crosses — and everything the escape-time formulas need from it:
 *
 * 1. The endpoints `from` and `to` are relaxed to their minima (Armijo descent, then Newton).
 * 2. A nudged elastic band (Henkelman, Uberuaga & Jónsson 2000) of `images` interior images,
 *    straight at first, relaxes by FIRE (Bitzek et al. 2006) under the NEB force
 *    Fᵢ = −∇L(xᵢ)⊥ + k(|xᵢ₊₁ − xᵢ| − |xᵢ − xᵢ₋₁|)τ̂ᵢ (the energy-weighted "improved" tangent τ̂ᵢ);
 *    after a first relaxation the highest image climbs, Fᵢ = −∇L + 2(∇L·τ̂)τ̂, to the saddle.
 * 3. The climbing image is polished by Newton's method (`newtonCriticalPoint`; the objective's
 *    Hessian or HVP, else central differences of the gradient), and each point is classified by
 *    its Hessian's eigenvalues.
 *
 * `converged` is read from true gradient norms, not the band's forces: both minima with ‖∇L‖ ≤
 * tol and index 0, the saddle with ‖∇L‖ ≤ tol and exactly one negative eigenvalue. A band that
 * finds a different saddle from the one the user expects is possible when the minimum-energy path
 * has several (the band reports the highest: give an intermediate minimum to get the others). It
 * never throws for non-convergence: read `stopReason`.
 *
 * Cost: per iteration `images` gradients (O(images·d)); then O(d) HVPs and O(d³) eigen-
 * decompositions for each polished point (d ≤ 2048). `onProgress` at most ~100 times, `signal`
 * checked every iteration (an aborted run returns the band so far, unpolished points classified).
 *
 * @example
 * import { mullerBrown } from 'sgd-dynamics/objectives';
 * const r = findSaddle(mullerBrown(), { from: [-0.558, 1.442], to: [-0.05, 0.467] });
 * r.saddle.point;  // ≈ (−0.822, 0.624)
 * r.barrier;       // ≈ 106.0
 */
export function findSaddle(objective: Objective, options: FindSaddleOptions): FindSaddleResult {
  const f0 = checkObjective(objective);
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, [
    'from',
    'to',
    'images',
    'springConstant',
    'maxIterations',
    'pathTol',
    'gradientTol',
    'relaxEndpoints',
    'onProgress',
    'signal',
  ]);
  const d = f0.dim;
  if (d > MAX_HESSIAN_ORDER) throw new RangeError(`objective.dim: expected at most ${MAX_HESSIAN_ORDER} (dense Hessians are formed), received ${d}`);
  const from = Float64Array.from(checkVector('options.from', o.from, d));
  const to = Float64Array.from(checkVector('options.to', o.to, d));
  const M = checkInteger('options.images', o.images ?? 16, 1, 1000);
  const maxIterations = checkInteger('options.maxIterations', o.maxIterations ?? 5000, 1, 1e7);
  const pathTol = checkPositive('options.pathTol', o.pathTol ?? 1e-3);
  const gradTolRel = checkPositive('options.gradientTol', o.gradientTol ?? 1e-8);
  const relax = o.relaxEndpoints === undefined ? true : checkBoolean('options.relaxEndpoints', o.relaxEndpoints);
  const springOpt = o.springConstant === undefined ? undefined : checkPositive('options.springConstant', o.springConstant);
  const run = longRun<FindSaddleProgress>(o);
  const f = withHvp(f0);

  const g = new Float64Array(d);
  const gradNorm = (x: Float64Array): number => norm(f.gradient(x, g));
  const checkFinite = (name: string, x: Float64Array): void => {
    const v = f.value(x);
    if (!Number.isFinite(v) || !Number.isFinite(gradNorm(x)))
      throw new RangeError(`${name}: expected a point where the objective is finite, received one where L = ${describeValue(v)}`);
  };
  checkFinite('options.from', from);
  checkFinite('options.to', to);

  // gradient scale F₀ on the initial straight path
  let F0 = 0;
  const tmp = new Float64Array(d);
  for (let i = 0; i <= M + 1; i++) {
    const t = i / (M + 1);
    for (let j = 0; j < d; j++) tmp[j] = (1 - t) * (from[j] as number) + t * (to[j] as number);
    const gn = gradNorm(tmp);
    if (Number.isFinite(gn)) F0 = Math.max(F0, gn);
  }
  const scale = Math.max(1, F0);
  const gradTol = gradTolRel * scale;
  // the band's own scale is F₀ itself (pathTol·F₀ as documented), so that L and c·L relax alike
  const bandScale = F0 > 0 ? F0 : 1;

  const polish = (x: Float64Array): { point: Float64Array; ok: boolean } => {
    const r = newtonCriticalPoint(f, x, { gradientTol: gradTol, maxIterations: 100 });
    return { point: r.point, ok: r.converged };
  };
  if (relax) {
    descend(f, from, 1e-3 * bandScale, 20000);
    descend(f, to, 1e-3 * bandScale, 20000);
    from.set(polish(from).point);
    to.set(polish(to).point);
  }
  let dist = 0;
  for (let j = 0; j < d; j++) dist += ((to[j] as number) - (from[j] as number)) ** 2;
  dist = Math.sqrt(dist);
  if (!(dist > 0))
    throw new RangeError('options.to: expected a point in the basin of another minimum than options.from, received one that relaxes to the same minimum');

  // the band: N = M + 2 images, row-major
  const N = M + 2;
  const X = new Float64Array(N * d);
  for (let i = 0; i < N; i++) {
    const t = i / (N - 1);
    for (let j = 0; j < d; j++) X[i * d + j] = (1 - t) * (from[j] as number) + t * (to[j] as number);
  }
  const V = new Float64Array(N * d);
  const F = new Float64Array(N * d);
  const G = new Float64Array(N * d);
  const E = new Float64Array(N);
  const tau = new Float64Array(d);
  const xi = new Float64Array(d);
  const gi = new Float64Array(d);
  const row = (A: Float64Array, i: number): Float64Array => A.subarray(i * d, (i + 1) * d);
  E[0] = f.value(from);
  E[N - 1] = f.value(to);
  const k = springOpt ?? bandScale / dist;
  const seg = dist / (N - 1);
  let climbing = -1;

  /** NEB forces into F (interior rows); returns the largest image force. */
  const forces = (): number => {
    for (let i = 1; i < N - 1; i++) {
      xi.set(row(X, i));
      E[i] = f.value(xi);
      f.gradient(xi, gi);
      G.set(gi, i * d);
    }
    let fmax = 0;
    for (let i = 1; i < N - 1; i++) {
      // improved tangent (Henkelman & Jónsson 2000)
      const ep = E[i + 1] as number;
      const e0 = E[i] as number;
      const em = E[i - 1] as number;
      const dVp = ep - e0;
      const dVm = e0 - em;
      let wp: number;
      let wm: number;
      if (ep > e0 && e0 > em) {
        wp = 1;
        wm = 0;
      } else if (ep < e0 && e0 < em) {
        wp = 0;
        wm = 1;
      } else {
        const big = Math.max(Math.abs(dVp), Math.abs(dVm));
        const small = Math.min(Math.abs(dVp), Math.abs(dVm));
        if (ep > em) {
          wp = big;
          wm = small;
        } else {
          wp = small;
          wm = big;
        }
        if (wp === 0 && wm === 0) wp = wm = 1;
      }
      let dp = 0;
      let dm = 0;
      let tn = 0;
      for (let j = 0; j < d; j++) {
        const a = (X[(i + 1) * d + j] as number) - (X[i * d + j] as number);
        const b = (X[i * d + j] as number) - (X[(i - 1) * d + j] as number);
        dp += a * a;
        dm += b * b;
        tau[j] = wp * a + wm * b;
        tn += (tau[j] as number) ** 2;
      }
      tn = Math.sqrt(tn);
      if (tn > 0) for (let j = 0; j < d; j++) tau[j] = (tau[j] as number) / tn;
      let gt = 0;
      for (let j = 0; j < d; j++) gt += (G[i * d + j] as number) * (tau[j] as number);
      let fn = 0;
      if (i === climbing) {
        for (let j = 0; j < d; j++) {
          const v = -(G[i * d + j] as number) + 2 * gt * (tau[j] as number);
          F[i * d + j] = v;
          fn += v * v;
        }
      } else {
        const spring = k * (Math.sqrt(dp) - Math.sqrt(dm));
        for (let j = 0; j < d; j++) {
          const v = -((G[i * d + j] as number) - gt * (tau[j] as number)) + spring * (tau[j] as number);
          F[i * d + j] = v;
          fn += v * v;
        }
      }
      fmax = Math.max(fmax, Math.sqrt(fn));
    }
    return fmax;
  };

  // FIRE (Bitzek et al. 2006), unit masses; dt so that a first step moves ~1% of a segment
  let fmax = forces();
  const dt0 = Math.sqrt((0.01 * seg) / Math.max(fmax, 1e-300));
  let dt = dt0;
  const dtMax = 10 * dt0;
  let alpha = 0.1;
  let sincePositive = 0;
  const maxMove = 0.2 * seg;
  let iterations = 0;
  let relaxed = false;
  let aborted = false;
  let diverged = false;
  const target = pathTol * bandScale;
  while (iterations < maxIterations) {
    if (fmax <= target) {
      if (climbing >= 0) {
        relaxed = true;
        break;
      }
      // first relaxation done: the highest interior image climbs from here
      climbing = 1;
      for (let i = 2; i < N - 1; i++) if ((E[i] as number) > (E[climbing] as number)) climbing = i;
      V.fill(0);
      fmax = forces();
      continue;
    }
    // after a quarter of the budget, climb anyway
    if (climbing < 0 && iterations >= maxIterations / 4) {
      climbing = 1;
      for (let i = 2; i < N - 1; i++) if ((E[i] as number) > (E[climbing] as number)) climbing = i;
    }
    let P = 0;
    let vn = 0;
    let fn = 0;
    for (let q = d; q < (N - 1) * d; q++) {
      P += (F[q] as number) * (V[q] as number);
      vn += (V[q] as number) ** 2;
      fn += (F[q] as number) ** 2;
    }
    vn = Math.sqrt(vn);
    fn = Math.sqrt(fn);
    if (P > 0) {
      const c = fn > 0 ? (alpha * vn) / fn : 0;
      for (let q = d; q < (N - 1) * d; q++) V[q] = (1 - alpha) * (V[q] as number) + c * (F[q] as number);
      if (sincePositive++ > 5) {
        dt = Math.min(dt * 1.1, dtMax);
        alpha *= 0.99;
      }
    } else {
      V.fill(0);
      dt *= 0.5;
      alpha = 0.1;
      sincePositive = 0;
    }
    // semi-implicit Euler step, each image's move capped
    for (let i = 1; i < N - 1; i++) {
      let mv = 0;
      for (let j = 0; j < d; j++) {
        const q = i * d + j;
        const vq = (V[q] as number) + dt * (F[q] as number);
        V[q] = vq;
        mv += (vq * dt) ** 2;
      }
      mv = Math.sqrt(mv);
      const cap = mv > maxMove ? maxMove / mv : 1;
      for (let j = 0; j < d; j++) {
        const q = i * d + j;
        X[q] = (X[q] as number) + cap * dt * (V[q] as number);
      }
    }
    fmax = forces();
    iterations++;
    if (!Number.isFinite(fmax)) {
      diverged = true;
      break;
    }
    if (run.report(iterations, maxIterations, () => ({ iteration: iterations, maxIterations, force: fmax }))) {
      aborted = true;
      break;
    }
  }
  if (climbing < 0) {
    climbing = 1;
    for (let i = 2; i < N - 1; i++) if ((E[i] as number) > (E[climbing] as number)) climbing = i;
  }

  const describe = (x: Float64Array, expectIndex: number, doPolish: boolean): FoundCriticalPoint => {
    if (!x.every(Number.isFinite)) {
      // a band that diverged: nothing to classify
      const nan = new Float64Array(d).fill(NaN);
      return {
        point: Float64Array.from(x),
        value: NaN,
        hessian: new Float64Array(d * d).fill(NaN),
        eigenvalues: nan,
        index: 0,
        kind: 'degenerate',
        gradientNorm: NaN,
        converged: false,
      };
    }
    const p = doPolish ? polish(x).point : Float64Array.from(x);
    const gn = gradNorm(p);
    const value = f.value(p);
    const H = denseHessian(f, p);
    if (!H.every(Number.isFinite) || !Number.isFinite(value)) {
      return { point: p, value, hessian: H, eigenvalues: new Float64Array(d).fill(NaN), index: 0, kind: 'degenerate', gradientNorm: gn, converged: false };
    }
    const r = criticalPointFromHessian(p, value, H);
    return { ...r, gradientNorm: gn, converged: gn <= gradTol && r.index === expectIndex && r.kind !== 'degenerate' };
  };
  const minima: [FoundCriticalPoint, FoundCriticalPoint] = [describe(from, 0, false), describe(to, 0, false)];
  const saddle = describe(Float64Array.from(row(X, climbing)), 1, !aborted);
  // the unit eigenvector of the saddle's smallest eigenvalue, pointing away from the first minimum
  const escapeDirection = saddle.hessian.every(Number.isFinite)
    ? Float64Array.from(symmetricEigen(saddle.hessian).vectors[0] as Float64Array)
    : new Float64Array(d).fill(NaN);
  let side = 0;
  for (let j = 0; j < d; j++) side += (escapeDirection[j] as number) * ((saddle.point[j] as number) - (minima[0].point[j] as number));
  if (side < 0) for (let j = 0; j < d; j++) escapeDirection[j] = -(escapeDirection[j] as number);
  const pathValues = Float64Array.from(E);

  const converged = !aborted && relaxed && saddle.converged && minima[0].converged && minima[1].converged;
  const stopReason = aborted ? 'aborted' : converged ? 'converged' : diverged ? 'diverged' : relaxed ? 'stalled' : 'budget';
  return {
    minima,
    saddle,
    barrier: saddle.value - minima[0].value,
    barrierReverse: saddle.value - minima[1].value,
    escapeDirection,
    path: ndarray(Float64Array.from(X), [N, d]),
    pathValues,
    pathForce: fmax,
    gradientScale: F0,
    iterations,
    converged,
    stopReason,
  };
}
