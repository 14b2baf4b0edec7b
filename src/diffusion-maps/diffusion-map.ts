/**
 * Diffusion maps (Coifman & Lafon 2006) of point clouds and optimizer trajectories: Gaussian
 * kernel, α-normalisation, the symmetric conjugate of P = D⁻¹K solved by Lanczos (dense or sparse
 * kNN), canonical signs and order, disconnection reported, Nyström extension.
 *
 * @module
 */
import ndarray from 'ndarray';
import {
  checkBoolean,
  checkInRange,
  checkInteger,
  checkKnownOptions,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkSeed,
  checkSignal,
  checkFiniteNumber,
  checkFunction,
} from '../core/checks';
import { DimensionError, describeValue } from '../core/errors';
import type { LongRunOptions, Points, PointsLike, Seed, Trajectory } from '../core/types';
import type { LanczosProgress } from '../spectral/lanczos';
import { distanceSample, kernelSumCurve, kthDistances, median, type KernelSumCurve } from './bandwidth-kernels';
import { readNeighbors } from './bandwidth';
import { alignEigenvectors } from './align-eigenvectors';
import {
  canonicalize,
  countComponents,
  distanceGraph,
  kernelValues,
  normalizeKernel,
  planShiftInvert,
  solveConjugate,
  type DistanceGraph,
  type TimeExclusion,
} from './diffusion-map-kernels';
import { nearestNeighbors } from './nearest-neighbors';
import { toPointMatrix, type PointMatrix } from './point-input';
import { exp, pow } from '../core/elementary/index';

/** How ε is chosen: a number (squared coordinate units), or a rule. */
export type EpsilonRule = number | 'auto' | 'median' | 'kth-neighbor' | 'self-tuning';

/** Options of {@link diffusionMap}. */
export interface DiffusionMapOptions extends LongRunOptions<LanczosProgress> {
  /**
   * Bandwidth ε of K = exp(−‖x − y‖²/ε) (squared units of the coordinates), or a rule: `'auto'`
   * (default; the kernel-sum criterion, see {@link bandwidth}), `'median'` (median squared
   * distance of the kept pairs), `'kth-neighbor'` (median squared distance to the k-th neighbour,
   * k = `bandwidthNeighbors`), `'self-tuning'` (variable bandwidth εᵢⱼ = σᵢσⱼ, σᵢ the distance of
   * xᵢ to its k-th neighbour; Zelnik-Manor & Perona 2004).
   */
  epsilon?: EpsilonRule;
  /** k of the `'kth-neighbor'` and `'self-tuning'` rules. Default 7 (at most n − 1). */
  bandwidthNeighbors?: number;
  /** α of the normalisation K ← K/(qᵢ^α qⱼ^α), in [0, 1]: 0 graph Laplacian, ½ Fokker–Planck, 1 Laplace–Beltrami (default). */
  alpha?: number;
  /** Non-trivial eigenpairs (diffusion coordinates) computed, ≥ 1 and ≤ n − 1. Default 10. */
  components?: number;
  /** Diffusion time t ≥ 0 of the coordinates λᵏᵗ ψₖ (real). Default 1. */
  t?: number;
  /** `'power'` (default): coordinates λᵗψ. `'multiscale'`: λ/(1 − λ) ψ (the sum over all t). */
  weighting?: 'power' | 'multiscale';
  /**
   * `'all'`: the dense kernel over every pair (default up to 4096 points; refused above 11585).
   * A number k in [1, n − 1]: the symmetrised k-nearest-neighbour kernel (default 15 above 4096
   * points), memory O(n·k).
   */
  neighbors?: number | 'all';
  /** Seed of the Lanczos start vectors (the result does not depend on it beyond rounding). Default 0. */
  seed?: Seed;
  /** Snapshots dropped at the start of each run (trajectories). Default 0. */
  burnIn?: number;
  /** Keep every `thin`-th snapshot after the burn-in. Default 1. */
  thin?: number;
  /** Run id of each row (a plain point set made of several runs; integers). Default: one run, or one per trajectory given. */
  runIds?: ArrayLike<number>;
  /**
   * Leave out kernel pairs of one run at most `timeWindow` snapshots apart (original snapshot
   * indices, before thinning), so that neighbours in time do not dominate neighbours in space.
   * Default 0 (none excluded).
   */
  timeWindow?: number;
  /**
   * Compute how stable the leading eigenpairs are across ε·2^{±½} (two more solves). Default
   * true for a dense kernel on at most 2000 points, else false.
   */
  stability?: boolean;
  /** Lanczos tolerance (residual ≤ tol, S has norm 1). Default 1e-10. */
  tol?: number;
}

/** How stable the leading eigenpairs are under a change of ε. */
export interface BandwidthStability {
  /** The factors f of the nearby bandwidths f·ε: [2^{−½}, 2^{½}]. */
  factors: Float64Array;
  /** The leading non-trivial eigenvalues at each f·ε (L = min(components, 5) each). */
  eigenvalues: Float64Array[];
  /** For each f and each leading eigenvector, |cos| with its best match at f·ε (1: unchanged). */
  overlaps: Float64Array[];
  /** For each f, the index of the match of each leading eigenvector (≠ its own index: the order changed). */
  order: Int32Array[];
  /** The smallest overlap over both factors. */
  minOverlap: number;
}

/** The bandwidth chosen and its diagnostics. */
export interface DiffusionMapBandwidth {
  /** The rule (or 'fixed' for a given number). */
  rule: 'fixed' | 'auto' | 'median' | 'kth-neighbor' | 'self-tuning';
  /** ε used (for 'self-tuning' the median of σᵢ², for reference). */
  epsilon: number;
  /** Per-point σᵢ of the self-tuning kernel (εᵢⱼ = σᵢσⱼ), else null. */
  scales: Float64Array | null;
  /** The kernel-sum curve T(ε) over the kept pairs, with its slope (null when a time window leaves no pair but the diagonal). */
  curve: KernelSumCurve | null;
  /** 2 · max slope of the curve: an intrinsic-dimension estimate (null without a curve). */
  dimension: number | null;
  /** Stability of the leading eigenpairs across nearby ε, or null when not computed. */
  stability: BandwidthStability | null;
}

/** Result of {@link diffusionMap}. */
export interface DiffusionMapResult {
  /** Non-trivial eigenvalues 1 ≥ λ₁ ≥ λ₂ ≥ … of P (length `components`, fewer after an abort). */
  eigenvalues: Float64Array;
  /** Right eigenvectors ψₖ of P, [n, components], normalised Σᵢ πᵢ ψₖ(i)² = 1, canonical signs. */
  eigenvectors: Points;
  /** The trivial pair (λ₀ = 1 up to rounding, ψ₀ ≡ 1), reported on its own. */
  trivial: { eigenvalue: number; eigenvector: Float64Array };
  /** Diffusion coordinates, [n, components]: λₖᵗ ψₖ (or λₖ/(1 − λₖ) ψₖ with weighting 'multiscale'). */
  coordinates: Points;
  /** Stationary distribution π of P (πᵢ = dᵢ/Σd), ψ's inner-product weights. */
  stationary: Float64Array;
  /** ε used (see `bandwidth` for the rule and diagnostics). */
  epsilon: number;
  bandwidth: DiffusionMapBandwidth;
  alpha: number;
  t: number;
  weighting: 'power' | 'multiscale';
  /** 'dense' (all pairs) or 'sparse' (symmetrised kNN). */
  method: 'dense' | 'sparse';
  /** k of the kNN kernel, or n − 1 for the dense one. */
  neighbors: number;
  /** Rows of the input kept (after burn-in and thinning), in order; row i of the result is input row indices[i]. */
  indices: Int32Array;
  /** Run id of each kept row, or null for a single run. */
  runIds: Int32Array | null;
  /** Connected components of the graph of nonzero kernel entries (union-find on the kept edges). */
  connectedComponents: number;
  /**
   * True when the kernel graph has more than one component or λ₁ > 1 − 1e-9 (numerically
   * disconnected): then the coordinates separate components instead of describing a manifold.
   */
  disconnected: boolean;
  /** 1 − λ₁: the spectral gap (0 for a disconnected graph). */
  spectralGap: number;
  /** Lanczos residuals ‖S φ − λ φ‖ of the trivial pair then the components. */
  residuals: Float64Array;
  /** Every eigenpair met the tolerance, and the graph is connected. */
  converged: boolean;
  /** The eigen-solve's stop reason (of the first ε's solve). */
  stopReason: 'converged' | 'stalled' | 'budget' | 'aborted';
  /** Lanczos's missed-eigenvalue check did not give its all-clear. */
  possiblyMissed: boolean;
  /** Operator applications of the eigen-solve(s) (in shift-invert mode solves and applications of S together). */
  matvecs: number;
  /**
   * How the eigenpairs were found: `'lanczos'` (thick-restart Lanczos on S) or `'shift-invert'`
   * (the sparse path when its factor is cheap: Lanczos on ((1 + δ)I − S)⁻¹, δ = 10⁻⁶, with a
   * nested-dissection LDLᵀ factor; values and residuals are still S's). See {@link diffusionMap}.
   */
  solver: 'lanczos' | 'shift-invert';
  /** Diffusion coordinates of new points by the Nyström extension (see {@link diffusionMap}). */
  extend(newPoints: PointsLike): Points;
  /** ‖coordinates_i − coordinates_j‖: the diffusion distance at time t truncated to `components`. */
  diffusionDistance(i: number, j: number): number;
}

const KNOWN = [
  'epsilon',
  'bandwidthNeighbors',
  'alpha',
  'components',
  't',
  'weighting',
  'neighbors',
  'seed',
  'burnIn',
  'thin',
  'runIds',
  'timeWindow',
  'stability',
  'tol',
  'onProgress',
  'signal',
] as const;

/**
 * The diffusion map of a point cloud or of optimizer trajectories.
 *
 * **Kernel.** Kᵢⱼ = exp(−‖xᵢ − xⱼ‖²/ε) (this library's convention: pydiffmap's exp(−d²/4ε′) is
 * ε = 4ε′, datafold's exp(−d²/2ε′) is ε = 2ε′), over every pair (dense) or over the symmetrised
 * k-nearest-neighbour graph (i ~ j when either is among the other's k nearest; the diagonal kept).
 * Distances come from centred points (shifting every point by 10⁶ changes nothing).
 *
 * **Normalisation.** qᵢ = Σⱼ Kᵢⱼ, K⁽ᵅ⁾ᵢⱼ = Kᵢⱼ/(qᵢ qⱼ)^α, dᵢ = Σⱼ K⁽ᵅ⁾ᵢⱼ, P = D⁻¹K⁽ᵅ⁾ (rows sum
 * to 1). α = 1 removes the sampling density (P → the Laplace–Beltrami operator), α = ½ gives the
 * Fokker–Planck operator, α = 0 the graph Laplacian (scikit-learn's SpectralEmbedding).
 *
 * **Eigenproblem.** P is similar to the symmetric S = D^{−½}K⁽ᵅ⁾D^{−½}; its largest eigenpairs
 * (λ, φ) come from `lanczos` (dense operator or CSR; exact for n ≤ 200), ψ = φ/φ₀ with
 * φ₀ = √(d/Σd), so that ψ₀ ≡ 1 and Σᵢ πᵢ ψₖ(i)ψₗ(i) = δₖₗ (π = d/Σd). Eigenvalues are sorted
 * descending; the trivial pair is `trivial`, the next `components` are `eigenvalues`.
 * **Shift-invert** (sparse path, above 200 points): when the symbolic analysis predicts a cheap
 * factor, A = (1 + δ)I − S (δ = 10⁻⁶, positive definite) is factorised LDLᵀ in a nested-dissection
 * order and Lanczos runs on (S − σI)⁻¹ = −A⁻¹ (σ = 1 + δ): the same eigenpairs, in the same order,
 * with the crowded λ near 1 mapped to well-separated 1/(1 − λ + δ): ~60–90 applications instead of
 * ~10³. Values and residuals are still S's (a pair passes when (2 + δ)ρ/|θ| ≤ tol bounds its
 * residual on S); the missed-eigenvalue check, run on the transformed operator, certifies the same
 * set for S (the map is increasing). Too much predicted fill (high intrinsic dimension), a
 * non-positive pivot or a run that does not converge: plain Lanczos (`solver` says which ran).
 * **Canonical form**: within eigenvalues equal to 1e-8 a basis is fixed by row pivoting, and each
 * sign makes the largest-magnitude entry positive, so seeds, runs and platforms agree.
 *
 * **Coordinates.** λₖᵗψₖ (real t ≥ 0; sign(λ)|λ|ᵗ for a negative λ of a kNN kernel), or with
 * `weighting: 'multiscale'` λₖ/(1 − λₖ) ψₖ (1 − λ floored at 1e-12).
 *
 * **Disconnection.** Components of the graph of nonzero kernel entries are counted by union-find;
 * `disconnected` is true when there are several or λ₁ > 1 − 1e-9, and `converged` is then false:
 * the coordinates label components rather than describe a manifold.
 *
 * **Trajectories.** Give a `Trajectory` (an optimizer's result), an array of them (several runs:
 * run ids 0, 1, …), or points with `runIds`. `burnIn` and `thin` act per run; `timeWindow` leaves
 * out the pairs of one run that are that close in snapshot index.
 *
 * **Nyström.** `extend(Y)` gives the coordinates of new points: k(y, xⱼ) over all training points
 * (dense) or the k nearest (sparse), normalised as the training kernel (q(y), d(y)), and
 * ψₖ(y) = Σⱼ p(y, j) ψₖ(j) / λₖ; it reproduces the training points on the dense path without a
 * time window.
 *
 * Cost: dense O(n²d) distances + O(n²) per Lanczos step, memory ~3·8n² bytes (refused above
 * 11585 points); sparse `nearestNeighbors` + O(nk) per step, memory O(nk), or with shift-invert a
 * factor of ~3–4·nk entries on a 2-D manifold (24 bytes each; at most 2²³) and one solve a step. Throws (naming the
 * argument) for fewer than components + 1 points, NaN/Infinity, ε ≤ 0, α ∉ [0, 1], neighbours ≥ n,
 * unknown options. Non-convergence and disconnection are reported in the result.
 *
 * @example
 * import { diffusionMap } from 'sgd-dynamics/diffusion-maps';
 * const circle = Array.from({ length: 100 }, (_, i) => [Math.cos((2 * Math.PI * i) / 100), Math.sin((2 * Math.PI * i) / 100)]);
 * const dm = diffusionMap(circle, { epsilon: 0.1, components: 4 });
 * dm.eigenvalues; // degenerate pairs λ₁ = λ₂ > λ₃ = λ₄
 * dm.coordinates.get(0, 0); // λ₁ ψ₁(x₀)
 */
export function diffusionMap(points: PointsLike | Trajectory | readonly Trajectory[], options?: DiffusionMapOptions): DiffusionMapResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, KNOWN);
  const alpha = checkInRange('options.alpha', opts.alpha ?? 1, 0, 1);
  const components = checkPositiveInteger('options.components', opts.components ?? 10);
  const t = checkFiniteNumber('options.t', opts.t ?? 1);
  if (t < 0) throw new RangeError(`options.t: expected a non-negative number, received ${t}`);
  const weighting = checkOneOf('options.weighting', opts.weighting ?? 'power', ['power', 'multiscale'] as const);
  const seed = checkSeed('options.seed', opts.seed ?? 0);
  const burnIn = checkInteger('options.burnIn', opts.burnIn ?? 0, 0);
  const thin = checkPositiveInteger('options.thin', opts.thin ?? 1);
  const timeWindow = checkInteger('options.timeWindow', opts.timeWindow ?? 0, 0);
  const tol = checkPositive('options.tol', opts.tol ?? 1e-10);
  const signal = checkSignal('options.signal', opts.signal);
  const onProgress = opts.onProgress === undefined ? undefined : checkFunction<(p: LanczosProgress) => void>('options.onProgress', opts.onProgress);
  const epsOpt: unknown = opts.epsilon ?? 'auto';
  let fixedEps: number | null = null;
  let rule: DiffusionMapBandwidth['rule'];
  if (typeof epsOpt === 'number') {
    fixedEps = checkPositive('options.epsilon', epsOpt);
    rule = 'fixed';
  } else rule = checkOneOf('options.epsilon', epsOpt, ['auto', 'median', 'kth-neighbor', 'self-tuning'] as const);

  const input = readInput(points, opts.runIds, burnIn, thin);
  const pm = input.matrix;
  const n = pm.n;
  if (n < components + 1) {
    throw new RangeError(
      `points: expected at least components + 1 = ${components + 1} points${burnIn > 0 || thin > 1 ? ' after burn-in and thinning' : ''} (options.components is ${components}), received ${n}`,
    );
  }
  const neighbors = readNeighbors('options.neighbors', opts.neighbors, n);
  const bk = checkInteger('options.bandwidthNeighbors', opts.bandwidthNeighbors ?? Math.min(7, n - 1), 1, n - 1);
  const stability = opts.stability === undefined ? neighbors === null && n <= 2000 : checkBoolean('options.stability', opts.stability);
  const exclusion: TimeExclusion | null = timeWindow > 0 ? { group: input.runIds, order: input.order, window: timeWindow } : null;

  const g = distanceGraph(pm, neighbors, exclusion);
  const sample = distanceSample(g);
  const curve = kernelSumCurve(sample.values, sample.scale, n);
  if (curve === null && (rule !== 'fixed' || sample.values.length > 0)) {
    if (sample.values.length === 0)
      throw new RangeError(`options.timeWindow: expected a window that leaves pairs for the bandwidth rule '${rule}', received ${timeWindow}`);
    throw new RangeError(`points: expected at least two distinct points, received ${n} identical points`);
  }
  let scales: Float64Array | null = null;
  let epsilon: number;
  if (rule === 'fixed') epsilon = fixedEps as number;
  else if (rule === 'auto') epsilon = (curve as KernelSumCurve).epsilonAtMax;
  else if (rule === 'median') epsilon = median(sample.values);
  else {
    const nn = nearestNeighbors(ndarray(pm.data, [n, pm.d]), { k: bk });
    const kth = kthDistances(n, nn.k, bk, nn.indices, nn.distances);
    epsilon = median(kth);
    if (rule === 'self-tuning') {
      scales = new Float64Array(n);
      const floor = Math.sqrt(epsilon) * 1e-8;
      for (let i = 0; i < n; i++) scales[i] = Math.max(Math.sqrt(kth[i] as number), floor);
    }
  }
  if (!(epsilon > 0)) throw new RangeError(`points: expected distinct neighbours for epsilon '${rule}', received a squared distance ${describeValue(epsilon)}`);

  const pairs = components + 1;
  const plan = planShiftInvert(g, pairs);
  const solved = solveAt(g, epsilon, scales, alpha, plan, { pairs, seed, tol, signal, onProgress });
  const { psi, values, d } = solved;
  const got = values.length - 1;
  const c = Math.max(0, got);
  const eigenvalues = values.slice(1);
  const lambda1 = c > 0 ? (eigenvalues[0] as number) : 0;
  const disconnected = solved.components > 1 || lambda1 > 1 - 1e-9;
  let dsum = 0;
  for (let i = 0; i < n; i++) dsum += d[i] as number;
  const stationary = new Float64Array(n);
  for (let i = 0; i < n; i++) stationary[i] = (d[i] as number) / dsum;
  const weights = new Float64Array(c);
  for (let k = 0; k < c; k++) weights[k] = weightOf(eigenvalues[k] as number, t, weighting);
  const vec = new Float64Array(n * c);
  const coords = new Float64Array(n * c);
  for (let k = 0; k < c; k++) {
    const p = psi[k + 1] as Float64Array;
    for (let i = 0; i < n; i++) {
      vec[i * c + k] = p[i] as number;
      coords[i * c + k] = (weights[k] as number) * (p[i] as number);
    }
  }
  let stab: BandwidthStability | null = null;
  let matvecs = solved.lanczos.matvecs;
  if (stability && c > 0 && solved.lanczos.stopReason !== 'aborted') {
    const L = Math.min(c, 5);
    const ref = ndarray(vec.slice(), [n, c]);
    const factors = Float64Array.of(Math.SQRT1_2, Math.SQRT2);
    const evs: Float64Array[] = [];
    const ovs: Float64Array[] = [];
    const ords: Int32Array[] = [];
    let minOverlap = 1;
    for (const f of factors) {
      const sc = scales === null ? null : scales.map((s) => s * Math.sqrt(f));
      const o = solveAt(g, epsilon * f, sc, alpha, plan, { pairs, seed, tol, signal });
      matvecs += o.lanczos.matvecs;
      const m = o.values.length - 1;
      const other = new Float64Array(n * m);
      for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) other[i * m + k] = (o.psi[k + 1] as Float64Array)[i] as number;
      const al = alignEigenvectors(ref, ndarray(other, [n, Math.max(m, 1)]), { weights: stationary });
      evs.push(o.values.slice(1, 1 + L));
      ovs.push(al.overlaps.slice(0, L));
      ords.push(al.order.slice(0, L));
      for (let k = 0; k < L; k++) minOverlap = Math.min(minOverlap, al.overlaps[k] as number);
    }
    stab = { factors, eigenvalues: evs, overlaps: ovs, order: ords, minOverlap };
  }

  const lr = solved.lanczos;
  const converged = lr.converged && !disconnected && c === components;
  const trivial = { eigenvalue: values[0] ?? 1, eigenvector: new Float64Array(n).fill(1) };
  const extend = (newPoints: PointsLike): Points =>
    nystrom(newPoints, pm, { epsilon, scales, alpha, q: solved.q, neighbors, bk, psi: vec, c, eigenvalues, weights });
  const diffusionDistance = (i: number, j: number): number => {
    checkInteger('i', i, 0, n - 1);
    checkInteger('j', j, 0, n - 1);
    let s = 0;
    for (let k = 0; k < c; k++) s += ((coords[i * c + k] as number) - (coords[j * c + k] as number)) ** 2;
    return Math.sqrt(s);
  };
  return {
    eigenvalues,
    eigenvectors: ndarray(vec, [n, c]),
    trivial,
    coordinates: ndarray(coords, [n, c]),
    stationary,
    epsilon,
    bandwidth: { rule, epsilon, scales, curve, dimension: curve === null ? null : 2 * curve.maxSlope, stability: stab },
    alpha,
    t,
    weighting,
    method: neighbors === null ? 'dense' : 'sparse',
    neighbors: neighbors ?? n - 1,
    indices: input.indices,
    runIds: input.runIds,
    connectedComponents: solved.components,
    disconnected,
    spectralGap: disconnected ? 0 : 1 - lambda1,
    residuals: lr.residuals,
    converged,
    stopReason: lr.stopReason,
    possiblyMissed: lr.possiblyMissed,
    matvecs,
    solver: lr.solver,
    extend,
    diffusionDistance,
  };
}

function weightOf(l: number, t: number, weighting: 'power' | 'multiscale'): number {
  if (weighting === 'multiscale') return l / Math.max(1 - l, 1e-12);
  return l < 0 ? -pow(-l, t) : pow(l, t);
}

interface Solved {
  values: Float64Array;
  psi: Float64Array[];
  d: Float64Array;
  q: Float64Array;
  components: number;
  lanczos: ReturnType<typeof solveConjugate>;
}

function solveAt(
  g: DistanceGraph,
  epsilon: number,
  scales: Float64Array | null,
  alpha: number,
  plan: ReturnType<typeof planShiftInvert>,
  o: { pairs: number; seed: Seed; tol: number; signal?: AbortSignal | undefined; onProgress?: ((p: LanczosProgress) => void) | undefined },
): Solved {
  const K = kernelValues(g, epsilon, scales, new Float64Array(g.sq.length));
  const components = countComponents(g, K);
  const { q, d } = normalizeKernel(g, K, alpha);
  const lr = solveConjugate(g, K, o, plan);
  const n = g.n;
  const values = Float64Array.from(lr.values);
  const vectors = lr.vectors.map((v) => Float64Array.from(v));
  // φ₀ is known exactly: √(d/Σd). Put it first (its Lanczos copy goes), then canonicalise the rest.
  let dsum = 0;
  for (let i = 0; i < n; i++) dsum += d[i] as number;
  const phi0 = new Float64Array(n);
  for (let i = 0; i < n; i++) phi0[i] = Math.sqrt((d[i] as number) / dsum);
  const rest = vectors.slice(1);
  const restValues = values.slice(1);
  if (components === 1) canonicalize(restValues, rest, 1e-8);
  else canonicalize(values, vectors, 1e-8);
  const all = components === 1 ? [phi0, ...rest] : vectors;
  const psi = all.map((v) => {
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) p[i] = (v[i] as number) / (phi0[i] as number);
    return p;
  });
  if (components === 1) psi[0] = new Float64Array(n).fill(1);
  return { values, psi, d, q, components, lanczos: lr };
}

interface NystromModel {
  epsilon: number;
  scales: Float64Array | null;
  alpha: number;
  q: Float64Array;
  neighbors: number | null;
  bk: number;
  psi: Float64Array;
  c: number;
  eigenvalues: Float64Array;
  weights: Float64Array;
}

function nystrom(newPoints: PointsLike, train: PointMatrix, m: NystromModel): Points {
  const Y = toPointMatrix('newPoints', newPoints);
  const { n, d, data: X } = train;
  if (Y.d !== d) throw new DimensionError(`newPoints: expected points of dimension ${d} (as the training points), received ${Y.d}`);
  const c = m.c;
  const out = new Float64Array(Y.n * c);
  const sq = new Float64Array(n);
  const idx = new Int32Array(n);
  const order = new Float64Array(n);
  for (let r = 0; r < Y.n; r++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let a = 0; a < d; a++) {
        const diff = (Y.data[r * d + a] as number) - (X[j * d + a] as number);
        s += diff * diff;
      }
      sq[j] = s;
      idx[j] = j;
    }
    let count = n;
    if (m.neighbors !== null || m.scales !== null) {
      const sorted = Array.from(idx).sort((a, b) => (sq[a] as number) - (sq[b] as number) || a - b);
      for (let j = 0; j < n; j++) order[j] = sorted[j] as number;
      if (m.neighbors !== null) {
        // the point itself when it is a training point, plus its k nearest
        count = Math.min(n, m.neighbors + (sq[sorted[0] as number] === 0 ? 1 : 0));
        for (let j = 0; j < count; j++) idx[j] = sorted[j] as number;
      }
    }
    let sy = 0;
    if (m.scales !== null) {
      // σ(y): distance to the bk-th nearest training point, one exact coincidence skipped
      const skip = sq[order[0] as number] === 0 ? 1 : 0;
      sy = Math.max(Math.sqrt(sq[order[Math.min(n - 1, m.bk - 1 + skip)] as number] as number), Math.sqrt(m.epsilon) * 1e-8);
    }
    let qy = 0;
    const kv = new Float64Array(count);
    for (let a = 0; a < count; a++) {
      const j = idx[a] as number;
      const e = m.scales === null ? m.epsilon : sy * (m.scales[j] as number);
      const v = exp(-(sq[j] as number) / e);
      kv[a] = v;
      qy += v;
    }
    let dy = 0;
    for (let a = 0; a < count; a++) {
      const j = idx[a] as number;
      const v = m.alpha === 0 ? (kv[a] as number) : (kv[a] as number) / pow(qy * (m.q[j] as number), m.alpha);
      kv[a] = v;
      dy += v;
    }
    for (let k = 0; k < c; k++) {
      let s = 0;
      for (let a = 0; a < count; a++) s += (kv[a] as number) * (m.psi[(idx[a] as number) * c + k] as number);
      const lam = m.eigenvalues[k] as number;
      const psiY = dy > 0 && lam !== 0 ? s / dy / lam : 0;
      out[r * c + k] = (m.weights[k] as number) * psiY;
    }
  }
  return ndarray(out, [Y.n, c]);
}

interface Input {
  matrix: PointMatrix;
  runIds: Int32Array | null;
  order: Int32Array;
  indices: Int32Array;
}

function isTrajectory(x: unknown): x is Trajectory {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'points' in x && 'times' in x && !('shape' in x);
}

function readInput(points: PointsLike | Trajectory | readonly Trajectory[], runIdsOpt: ArrayLike<number> | undefined, burnIn: number, thin: number): Input {
  const runs: PointMatrix[] = [];
  let ids: Int32Array | null = null;
  if (isTrajectory(points)) runs.push(toPointMatrix('points.points', points.points));
  else if (Array.isArray(points) && points.length > 0 && isTrajectory(points[0])) {
    (points as readonly unknown[]).forEach((p, r) => {
      if (!isTrajectory(p)) throw new TypeError(`points[${r}]: expected a Trajectory (as points[0]), received ${describeValue(p)}`);
      runs.push(toPointMatrix(`points[${r}].points`, p.points));
    });
  } else runs.push(toPointMatrix('points', points as PointsLike));
  const first = runs[0] as PointMatrix;
  const d = first.d;
  runs.forEach((r, i) => {
    if (r.d !== d) throw new DimensionError(`points[${i}]: expected points of dimension ${d} (as points[0]), received ${r.d}`);
  });
  // Row structure: (run, position in run, input row)
  const rowRun: number[] = [];
  const rowPos: number[] = [];
  const rowIn: number[] = [];
  if (runs.length > 1 || runIdsOpt === undefined) {
    if (runIdsOpt !== undefined) throw new TypeError('options.runIds: expected no run ids with an array of trajectories (each is one run), received run ids');
    let base = 0;
    runs.forEach((r, ri) => {
      for (let p = burnIn; p < r.n; p += thin) {
        rowRun.push(ri);
        rowPos.push(p);
        rowIn.push(base + p);
      }
      base += r.n;
    });
    if (runs.length > 1) ids = new Int32Array(0);
  } else {
    const n = first.n;
    if (typeof runIdsOpt !== 'object' || runIdsOpt === null || typeof runIdsOpt.length !== 'number') {
      throw new TypeError(`options.runIds: expected an array of integers, received ${describeValue(runIdsOpt)}`);
    }
    if (runIdsOpt.length !== n) throw new DimensionError(`options.runIds: expected length ${n} (one per point), received length ${runIdsOpt.length}`);
    const seen = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const id = checkInteger(`options.runIds[${i}]`, runIdsOpt[i], -(2 ** 31), 2 ** 31 - 1);
      const pos = seen.get(id) ?? 0;
      seen.set(id, pos + 1);
      if (pos >= burnIn && (pos - burnIn) % thin === 0) {
        rowRun.push(id);
        rowPos.push(pos);
        rowIn.push(i);
      }
    }
    ids = new Int32Array(0);
  }
  const n = rowIn.length;
  if (n === 0) throw new RangeError(`options.burnIn: expected fewer snapshots dropped than a run holds, received ${burnIn}`);
  const all = runs.length === 1 ? first.data : concatRuns(runs, d);
  let data: Float64Array;
  if (n === all.length / d) data = all;
  else {
    data = new Float64Array(n * d);
    for (let r = 0; r < n; r++) data.set(all.subarray((rowIn[r] as number) * d, ((rowIn[r] as number) + 1) * d), r * d);
  }
  return {
    matrix: { data, n, d, maxAbs: runs.reduce((m, r) => Math.max(m, r.maxAbs ?? Infinity), 0) },
    runIds: ids === null ? null : Int32Array.from(rowRun),
    order: Int32Array.from(rowPos),
    indices: Int32Array.from(rowIn),
  };
}

function concatRuns(runs: PointMatrix[], d: number): Float64Array {
  let total = 0;
  for (const r of runs) total += r.n;
  const out = new Float64Array(total * d);
  let off = 0;
  for (const r of runs) {
    out.set(r.data.subarray(0, r.n * d), off);
    off += r.n * d;
  }
  return out;
}
