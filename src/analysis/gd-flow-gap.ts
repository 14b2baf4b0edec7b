/**
 * How far gradient descent strays from gradient flow (Elkabetz & Cohen 2021).
 *
 * @module
 */
import { checkFunction, checkInteger, checkKnownOptions, checkOptions, checkPositive, checkPositiveInteger } from '../core/checks';
import { describeValue } from '../core/errors';
import { distance } from '../core/blas1';
import { symmetricEigen } from '../core/symmetric-eigen';
import type { Objective } from '../core/types';
import { hessianOperator } from '../spectral/hessian-operator';
import { lanczos } from '../spectral/lanczos';

/** Above this dimension λ_min comes from Lanczos on HVPs rather than a dense decomposition. */
const DENSE_MAX_DIM = 200;
import { gd } from '../optim/gd';
import { gradientFlow, type GradientFlowResult } from '../optim/gradient-flow';
import type { OptimResult } from '../optim/driver';

/** Options of {@link gdFlowGap}. */
export interface GdFlowGapOptions {
  /** The constant learning rate η > 0 of the GD run. */
  lr: number;
  /** GD steps K; the flow runs to t1 = η·K. */
  steps: number;
  /** Compare every `every` steps (plus the first and last). Default max(1, ⌈steps / 200⌉). */
  every?: number;
  /**
   * r ≥ 2: also run Elkabetz & Cohen's reduced-step protocol, GD with step η/r for r·K steps, and
   * report ‖θ^η_k − θ^{η/r}_{rk}‖ at the same times. Default: not run.
   */
  reduction?: number;
  /** Tolerances of the reference flow (Dormand–Prince 5(4)). Defaults rtol 1e-10, atol 1e-12. */
  rtol?: number;
  atol?: number;
  /**
   * The smallest Hessian eigenvalue λ_min(∇²L(θ)) at a point. Default: `symmetricEigen` of
   * `objective.hessian(θ)` when the objective has a dense Hessian and d ≤ 200 (O(d³) per comparison
   * time); otherwise, when it has an `hvp`, the smallest Ritz value of `lanczos` on its Hessian
   * operator (k = 1, tol 1e-8·‖H‖, each call warm-started from the previous Ritz vector: an upper
   * bound on λ_min, within residual²/gap of it once converged); else not computed. Pass `false` to
   * skip it.
   */
  minEigenvalue?: ((x: Float64Array) => number) | false;
}

/** Result of {@link gdFlowGap}. */
export interface GdFlowGapResult {
  /** Comparison times t_i = η·k_i. */
  times: Float64Array;
  /** GD step counts k_i. */
  steps: Float64Array;
  /** ‖θ_GD(k_i) − θ_GF(η k_i)‖₂. */
  gap: Float64Array;
  /** ‖θ^η_GD(k_i) − θ^{η/r}_GD(r k_i)‖₂ (reduced-step protocol), or null when `reduction` is absent. */
  reducedGap: Float64Array | null;
  /** λ_min(∇²L) at θ_GF(t_i) along the flow, or null when not computed. */
  minEigenvalue: Float64Array | null;
  /**
   * ∫₀^{t_i} max(0, −λ_min(θ_GF(s))) ds by the trapezoid rule on the comparison grid: the negative
   * curvature met along the flow, whose exponential bounds the growth of the gap. Null with
   * `minEigenvalue`.
   */
  negativeCurvature: Float64Array | null;
  /** The GD run (step η). */
  gd: OptimResult;
  /** The reference flow, output at `times`. */
  flow: GradientFlowResult;
  /** The GD run with step η/r, or null. */
  reduced: OptimResult | null;
}

/**
 * The distance between gradient descent θ_{k+1} = θ_k − η∇L(θ_k) and the gradient flow
 * dθ/dt = −∇L(θ) it discretises, at matching times t = η·k, from the same start x0.
 *
 * GD is Euler's method for the flow, so on a fixed horizon the gap is O(η) where the flow is
 * convex, and it is amplified by e^{∫ max(0, −λ_min) dt} where the flow meets negative curvature
 * (Elkabetz & Cohen 2021). The flow is integrated with tight tolerances (rtol 1e-10, atol 1e-12),
 * so its error is far below the gap for any practical η. The optional reduced-step protocol
 * compares GD with η against GD with η/r, which needs no ODE solver.
 *
 * Cost: K gradients (plus r·K with `reduction`), the flow's evaluations, and one λ_min per
 * comparison time.
 *
 * @example
 * const f = quadratic({ hessian: [[1, 0], [0, -0.5]] });
 * const r = gdFlowGap(f, [1, 0.01], { lr: 0.05, steps: 100 });
 * r.gap[r.gap.length - 1]; // grows like e^{0.5 t}
 */
export function gdFlowGap(objective: Objective, x0: Float64Array | readonly number[], options: GdFlowGapOptions): GdFlowGapResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['lr', 'steps', 'every', 'reduction', 'rtol', 'atol', 'minEigenvalue']);
  if (typeof opts.lr !== 'number') throw new TypeError(`options.lr: expected a positive number, received ${describeValue(opts.lr)}`);
  const lr = checkPositive('options.lr', opts.lr);
  const steps = checkPositiveInteger('options.steps', opts.steps);
  const every = checkPositiveInteger('options.every', opts.every ?? Math.max(1, Math.ceil(steps / 200)));
  const r = opts.reduction === undefined ? null : checkInteger('options.reduction', opts.reduction, 2);
  let lamMin: ((x: Float64Array) => number) | null = null;
  if (opts.minEigenvalue !== undefined && opts.minEigenvalue !== false) {
    lamMin = checkFunction<(x: Float64Array) => number>('options.minEigenvalue', opts.minEigenvalue);
  } else if (
    opts.minEigenvalue === undefined &&
    typeof objective?.hessian === 'function' &&
    (objective.dim <= DENSE_MAX_DIM || typeof objective.hvp !== 'function')
  ) {
    const hess = objective.hessian.bind(objective);
    lamMin = (x) => symmetricEigen(hess(x)).values[0] as number;
  } else if (opts.minEigenvalue === undefined && typeof objective?.hvp === 'function') {
    let previous: Float64Array | undefined;
    lamMin = (x) => {
      const res = lanczos(hessianOperator(objective, x), { k: 1, which: 'smallest', seed: 0, ...(previous ? { v0: previous } : {}) });
      previous = res.vectors[0];
      // An unconverged Ritz value is only an upper bound: report NaN rather than a number to trust.
      return res.converged ? (res.values[0] as number) : Number.NaN;
    };
  }

  const run = gd(objective, x0, { lr, steps, every });
  const tEnd = run.times[run.times.length - 1] as number;
  // When GD diverged at its first step, run.times is [0]: integrate to t = η and compare at 0 only.
  const t1 = tEnd > 0 ? tEnd : lr;
  const flow = gradientFlow(objective, x0, { t1, times: run.times, rtol: opts.rtol ?? 1e-10, atol: opts.atol ?? 1e-12 });
  let reduced: OptimResult | null = null;
  if (r !== null) reduced = gd(objective, x0, { lr: lr / r, steps: r * run.stepsTaken, every: r * every });

  const d = objective.dim;
  let m = Math.min(run.times.length, flow.times.length);
  if (reduced !== null) m = Math.min(m, reduced.times.length);
  const gap = new Float64Array(m);
  const reducedGap = reduced === null ? null : new Float64Array(m);
  const minEig = lamMin === null ? null : new Float64Array(m);
  const negCurv = lamMin === null ? null : new Float64Array(m);
  const row = (data: Float64Array, i: number): Float64Array => data.subarray(i * d, (i + 1) * d);
  for (let i = 0; i < m; i++) {
    const xg = row(run.points.data, i);
    gap[i] = distance(xg, row(flow.points.data, i));
    if (reduced !== null && reducedGap !== null) reducedGap[i] = distance(xg, row(reduced.points.data, i));
    if (lamMin !== null && minEig !== null && negCurv !== null) {
      minEig[i] = lamMin(row(flow.points.data, i));
      if (i > 0) {
        const dt = (run.times[i] as number) - (run.times[i - 1] as number);
        negCurv[i] = (negCurv[i - 1] as number) + 0.5 * dt * (Math.max(0, -(minEig[i - 1] as number)) + Math.max(0, -(minEig[i] as number)));
      }
    }
  }
  return {
    times: run.times.slice(0, m),
    steps: run.steps.slice(0, m),
    gap,
    reducedGap,
    minEigenvalue: minEig,
    negativeCurvature: negCurv,
    gd: run,
    flow,
    reduced,
  };
}
