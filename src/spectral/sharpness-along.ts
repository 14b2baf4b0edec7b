/**
 * Sharpness (top and bottom Hessian eigenvalues, trace) along an optimisation trajectory.
 *
 * @module
 */
import { checkBoolean, checkInteger, checkOneOf, checkOptions, checkPositive, checkSeed, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import { pointRow, toPoints } from '../core/points';
import type { LongRunOptions, Objective, Points, PointsLike, Seed, Trajectory } from '../core/types';
import { hessianOperator, readFdStep, type HessianOperatorOptions } from './hessian-operator';
import { hutchinsonTrace } from './hutchinson-trace';
import { lanczos, type LanczosOptions } from './lanczos';
import { longRun } from '../core/long-run';
import { meanStandardErrorUnchecked as meanStandardError } from '../core/mean-standard-error';

/** What `onProgress` of {@link sharpnessAlong} receives. */
export interface SharpnessAlongProgress {
  /** Snapshots done so far. */
  snapshot: number;
  /** Snapshots in all. */
  snapshots: number;
  /** Hessian-vector products so far (Lanczos and trace). */
  matvecs: number;
}

/** Options of {@link sharpnessAlong}. */
export interface SharpnessAlongOptions extends LongRunOptions<SharpnessAlongProgress> {
  /** Eigenvalues at each end, 1 ≤ k ≤ dim. Default 1. */
  k?: number;
  /** `'largest'` (default): the top k; `'both'`: also the bottom k (λ_min). */
  which?: 'largest' | 'both';
  /** Learning rate η: adds the edge-of-stability ratio λ_max·η/2 (GD is unstable along the top direction of a quadratic when > 1). */
  lr?: number;
  /** Lanczos tolerance ('norm' test). Default 1e-8. */
  tol?: number;
  /** Lanczos operator applications allowed per snapshot. Default Lanczos's own. */
  maxMatvecs?: number;
  /** Warm-start each snapshot's Lanczos from the previous snapshot's Ritz vectors. Default `true`. */
  warmStart?: boolean;
  /**
   * Lanczos's missed-eigenvalue check at each snapshot (20 extra HVPs each). Default `true`; turn it
   * off on long trajectories where the previous snapshot already vouches for the ordering.
   */
  checkMissed?: boolean;
  /** Hutchinson probes per snapshot for the trace (the same probes at every snapshot); 0 for none. Default 0. */
  traceProbes?: number;
  /** Seed (a number or a string) of Lanczos's random vectors and of the trace probes, passed unchanged to `lanczos` and `hutchinsonTrace`. Default 0. */
  seed?: Seed;
  /** How the Hessian is applied (see `hessianOperator`). Default 'exact'. */
  method?: HessianOperatorOptions['method'];
  /** Relative finite-difference step (see `hessianOperator`'s `fdStep`). */
  fdStep?: number;
  /** @deprecated Use `fdStep` (same meaning). */
  step?: number;
}

/** Result of {@link sharpnessAlong}; arrays have one entry per snapshot done (all of them unless aborted). */
export interface SharpnessAlongResult {
  /** λ_max at each snapshot (the top Ritz value). */
  lambdaMax: Float64Array;
  /** Its residual ‖Hv − λv‖: an eigenvalue lies within it (Bauer–Fike). */
  lambdaMaxError: Float64Array;
  /** λ_min at each snapshot (null unless which is 'both'). */
  lambdaMin: Float64Array | null;
  /** Its residual (null unless which is 'both'). */
  lambdaMinError: Float64Array | null;
  /** All Ritz values of each snapshot, as Lanczos orders them ('largest': descending; 'both': ascending). */
  values: Float64Array[];
  /** Hessian-vector products of each snapshot's Lanczos run (trace probes not included). */
  matvecs: Int32Array;
  /** All Hessian-vector products (Lanczos and trace). */
  totalMatvecs: number;
  /** Whether every snapshot's Lanczos converged (false when aborted). */
  converged: boolean;
  /** Whether each snapshot's Lanczos converged. */
  convergedEach: boolean[];
  /**
   * `'converged'`: every snapshot converged; `'budget'`: some snapshot's Lanczos ran out of
   * `maxMatvecs` first; `'aborted'`: the signal fired, the arrays hold the snapshots done.
   */
  stopReason: 'converged' | 'budget' | 'aborted';
  /** The trajectory's times, when a Trajectory was given (null otherwise). */
  times: Float64Array | null;
  /** λ_max·η/2 (null without `lr`). */
  edgeOfStability: Float64Array | null;
  /** Hutchinson trace estimates (null unless traceProbes > 0). */
  trace: Float64Array | null;
  /** Their standard errors (NaN entries for traceProbes = 1: a typed array has no null). */
  traceStandardError: Float64Array | null;
  /**
   * Standard error of trace[i] − trace[i−1] from the paired per-probe differences (the same
   * probes at both snapshots); NaN at i = 0 (and for traceProbes = 1).
   */
  traceDifferenceStandardError: Float64Array | null;
}

function isTrajectory(t: unknown): t is Trajectory {
  return typeof t === 'object' && t !== null && 'points' in t && 'times' in t;
}

/**
 * λ_max (and with which 'both', λ_min) of H = ∇²L(x) at every snapshot x of a trajectory, for
 * edge-of-stability checks (GD with learning rate η is linearly unstable along a direction of
 * curvature λ when λ > 2/η; `edgeOfStability` = λ_max·η/2 crosses 1 there).
 *
 * Snapshot i runs `lanczos` on `hessianOperator(objective, xᵢ)`; with `warmStart` (default) it
 * starts from snapshot i − 1's Ritz vectors (`v0`), which, when the Hessian changes little between
 * snapshots, are already nearly converged: far fewer Hessian-vector products than a cold start.
 * With `traceProbes` = p > 0, a Hutchinson trace with the same p Rademacher probes at every
 * snapshot (same seed), so that differences tr Hᵢ − tr Hᵢ₋₁ have the small variance of the paired
 * per-probe differences (reported in `traceDifferenceStandardError`).
 *
 * Seed default 0 (`7` and `'7'` the same), passed unchanged to each snapshot's `lanczos` and
 * `hutchinsonTrace`. `options.step` is a deprecated alias of `options.fdStep`. Long work:
 * `onProgress` after snapshots (at most ~100 times); `signal` is passed to Lanczos and checked
 * after every snapshot: a cancelled run returns the snapshots done with `stopReason: 'aborted'`.
 *
 * Accepts a `Trajectory` (its `points`) or any point set [snapshots, d]. Cost: per snapshot one
 * Lanczos run (a few tens of HVPs when warm) + p HVPs.
 *
 * @example
 * const traj = gd(objective, x0, { lr: 0.01, steps: 1000, every: 50 });
 * const { lambdaMax, edgeOfStability } = sharpnessAlong(traj, objective, { lr: 0.01 });
 */
export function sharpnessAlong(trajectory: Trajectory | PointsLike, objective: Objective, options?: SharpnessAlongOptions): SharpnessAlongResult {
  if (trajectory === null || typeof trajectory !== 'object') {
    throw new TypeError(`trajectory: expected a Trajectory or points [snapshots, d], received ${describeValue(trajectory)}`);
  }
  const points: Points = isTrajectory(trajectory) ? toPoints(trajectory.points, 'trajectory.points') : toPoints(trajectory, 'trajectory');
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, [
    'checkMissed',
    'fdStep',
    'k',
    'lr',
    'maxMatvecs',
    'method',
    'onProgress',
    'seed',
    'signal',
    'step',
    'tol',
    'traceProbes',
    'warmStart',
    'which',
  ]);
  const [snapshots, d] = points.shape as [number, number];
  if (objective === null || typeof objective !== 'object') {
    throw new TypeError(`objective: expected an Objective { dim, value, gradient, hvp? }, received ${describeValue(objective)}`);
  }
  if (objective.dim !== d) {
    throw new RangeError(`trajectory: expected points of dimension objective.dim = ${describeValue(objective.dim)}, received dimension ${d}`);
  }
  const k = checkInteger('options.k', opts.k ?? 1, 1, d);
  const which = checkOneOf('options.which', opts.which ?? 'largest', ['largest', 'both'] as const);
  const lr = opts.lr === undefined ? undefined : checkPositive('options.lr', opts.lr);
  const tol = checkPositive('options.tol', opts.tol ?? 1e-8);
  const maxMatvecs = opts.maxMatvecs === undefined ? undefined : checkInteger('options.maxMatvecs', opts.maxMatvecs, 1);
  const warm = checkBoolean('options.warmStart', opts.warmStart ?? true);
  const checkMissed = checkBoolean('options.checkMissed', opts.checkMissed ?? true);
  const probes = checkInteger('options.traceProbes', opts.traceProbes ?? 0, 0);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const run = longRun<SharpnessAlongProgress>(opts);
  const hop: HessianOperatorOptions = {};
  if (opts.method !== undefined) hop.method = opts.method;
  const fdStep = readFdStep(opts);
  if (fdStep !== undefined) hop.fdStep = fdStep;

  const lambdaMax = new Float64Array(snapshots);
  const lambdaMaxError = new Float64Array(snapshots);
  const lambdaMin = which === 'both' ? new Float64Array(snapshots) : undefined;
  const lambdaMinError = which === 'both' ? new Float64Array(snapshots) : undefined;
  const values: Float64Array[] = [];
  const matvecs = new Int32Array(snapshots);
  const convergedEach: boolean[] = [];
  let done = 0;
  const trace = probes > 0 ? new Float64Array(snapshots) : undefined;
  const traceSe = probes > 0 ? new Float64Array(snapshots) : undefined;
  const traceDiffSe = probes > 0 ? new Float64Array(snapshots) : undefined;
  let totalMatvecs = 0;
  let previous: Float64Array[] | undefined;
  let previousSamples: Float64Array | undefined;

  for (let i = 0; i < snapshots; i++) {
    const H = hessianOperator(objective, pointRow(points, i), hop);
    const lopts: LanczosOptions = { k, which, tol, seed, checkMissed };
    if (maxMatvecs !== undefined) lopts.maxMatvecs = maxMatvecs;
    if (warm && previous !== undefined) lopts.v0 = previous;
    // (lanczos reads `signal` where it supports it; it is checked again after each snapshot.)
    if (run.signal !== undefined) Object.assign(lopts, { signal: run.signal });
    const res = lanczos(H, lopts);
    const m = res.values.length;
    const topIdx = which === 'largest' ? 0 : m - 1;
    lambdaMax[i] = res.values[topIdx] as number;
    lambdaMaxError[i] = res.residuals[topIdx] as number;
    if (lambdaMin && lambdaMinError) {
      lambdaMin[i] = res.values[0] as number;
      lambdaMinError[i] = res.residuals[0] as number;
    }
    values.push(res.values);
    matvecs[i] = res.matvecs;
    convergedEach.push(res.converged);
    totalMatvecs += res.matvecs;
    previous = res.vectors;
    if (trace && traceSe && traceDiffSe) {
      const t = hutchinsonTrace(H, { probes, seed });
      trace[i] = t.estimate;
      traceSe[i] = t.standardError ?? Number.NaN;
      totalMatvecs += t.matvecs;
      if (previousSamples === undefined || probes < 2) {
        traceDiffSe[i] = Number.NaN;
      } else {
        const prev = previousSamples;
        traceDiffSe[i] = meanStandardError(probes, (p) => (t.samples[p] as number) - (prev[p] as number)).standardError;
      }
      previousSamples = t.samples;
    }
    done = i + 1;
    const mv = totalMatvecs;
    if (run.report(done, snapshots, () => ({ snapshot: done, snapshots, matvecs: mv })) && done < snapshots) break;
  }
  const aborted = done < snapshots;
  const cut = <T extends Float64Array | Int32Array>(a: T): T => (aborted ? (a.slice(0, done) as T) : a);
  const lmax = cut(lambdaMax);
  const allConverged = convergedEach.every(Boolean);
  return {
    lambdaMax: lmax,
    lambdaMaxError: cut(lambdaMaxError),
    lambdaMin: lambdaMin ? cut(lambdaMin) : null,
    lambdaMinError: lambdaMinError ? cut(lambdaMinError) : null,
    values,
    matvecs: cut(matvecs),
    totalMatvecs,
    converged: allConverged && !aborted,
    convergedEach,
    stopReason: aborted ? 'aborted' : allConverged ? 'converged' : 'budget',
    times: isTrajectory(trajectory) ? (aborted ? trajectory.times.slice(0, done) : trajectory.times) : null,
    edgeOfStability: lr === undefined ? null : lmax.map((l) => (l * lr) / 2),
    trace: trace ? cut(trace) : null,
    traceStandardError: traceSe ? cut(traceSe) : null,
    traceDifferenceStandardError: traceDiffSe ? cut(traceDiffSe) : null,
  };
}
