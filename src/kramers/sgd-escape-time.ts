/**
 * Xie et al.'s escape time of SGD's continuous-time model, D = ηH/2B: exponential in B/η and in
 * the inverse curvatures.
 *
 * @module
 */
import { checkBoolean, checkInRange, checkInteger, checkKnownOptions, checkOptions, checkPositive, checkVector } from '../core/checks';
import type { SquareMatrixLike } from '../core/dense';
import { checkSameOrder, readMinimum, readSaddle } from './curvature-kernels';
import type { EscapeTimeDetails } from './kramers-escape-time';
import { exp, log } from '../core/elementary/index';

/** Options of {@link sgdEscapeTime}. */
export interface SgdEscapeTimeOptions {
  /** ΔL = L(saddle) − L(minimum) > 0. */
  barrier: number;
  /** H_a > 0 (1-D) or the minimum's Hessian (positive definite). */
  curvatureMin: number | SquareMatrixLike;
  /** H_b < 0 (1-D) or the saddle's Hessian (exactly one negative eigenvalue). */
  curvatureSaddle: number | SquareMatrixLike;
  /** Learning rate η > 0. */
  lr: number;
  /** Minibatch size B ≥ 1 (an integer). */
  batchSize: number;
  /** Xie et al.'s path parameter s ∈ (0, 1): the weight of the minimum's curvature in the exponent. Default 1/2. */
  s?: number;
  /** d-D: the escape direction e (normalised here). Default: the eigenvector of the saddle's negative eigenvalue. */
  direction?: Float64Array | readonly number[];
  /** Return the pieces and validity warnings ({@link EscapeTimeDetails}) instead of the number. Default false. */
  details?: boolean;
}

/**
 * Xie et al.'s (2021, Theorem 3.2) mean escape time of SGD's SDE dθ = −∇L dt + √(2D(θ)) dW with
 * D = ηH/2B, in the SDE's time t (t = η·k: divide by η for steps):
 *
 *   τ = 2π · √(|det H_b| / det H_a) / |H_be| · exp[(2BΔL/η)·(s/H_ae + (1 − s)/|H_be|)]
 *
 * (1-D: τ = 2π/√(H_a|H_b|)·exp[(2BΔL/η)(s/H_a + (1 − s)/|H_b|)]), with H_ae = eᵀH_a e and
 * H_be = eᵀH_b e the curvatures of the minimum and the saddle along the escape direction e (by
 * default the eigenvector of λ⁻(H_b), so H_be = λ⁻). The path parameter s ∈ (0, 1) interpolates
 * the noise along the escape path (D ∝ H changes from H_ae at the minimum to |H_be| at the saddle):
 * the exact exponent of a given landscape is (2B/η)∫ ∇L·dθ/H(θ) along the path, which defines s.
 * log τ is linear in B/η with slope 2ΔL(s/H_ae + (1 − s)/|H_be|), and grows as the minimum gets
 * flatter: SGD favours flat minima exponentially, where GD with white noise
 * ({@link whiteNoiseEscapeTime}) sees H only in the prefactor.
 *
 * Valid when ΔL ≫ D (2BΔL/(ηH_ae) large), for small η (ηλ_max(H_a) ≪ 1: the SDE models SGD to
 * O(η)), with the quasi-equilibrium of the well reached before escape; `details: true` returns the
 * pieces and says which of these the inputs strain. Throws (naming the option) for s ∉ (0, 1), a
 * non-PD curvatureMin, a curvatureSaddle without exactly one negative eigenvalue, a non-integer
 * batchSize. O(d³) with Hessians (d ≤ 2048).
 *
 * @example
 * // the double well L = θ⁴/4 − θ²/2 (ΔL = 1/4, H_a = 2, H_b = −1) at η = 0.1, B = 2, s = 1/2
 * sgdEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, lr: 0.1, batchSize: 2 }); // 2π/√2·e^{7.5} ≈ 8033
 */
export function sgdEscapeTime(options: SgdEscapeTimeOptions & { details: true }): EscapeTimeDetails;
export function sgdEscapeTime(options: SgdEscapeTimeOptions): number;
export function sgdEscapeTime(options: SgdEscapeTimeOptions): number | EscapeTimeDetails {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['barrier', 'curvatureMin', 'curvatureSaddle', 'lr', 'batchSize', 's', 'direction', 'details']);
  const barrier = checkPositive('options.barrier', o.barrier);
  const lr = checkPositive('options.lr', o.lr);
  const batchSize = checkInteger('options.batchSize', o.batchSize, 1);
  const s = o.s === undefined ? 0.5 : checkInRange('options.s', o.s, 0, 1, { openMin: true, openMax: true });
  const details = o.details === undefined ? false : checkBoolean('options.details', o.details);
  const a = readMinimum('options.curvatureMin', o.curvatureMin);
  const b = readSaddle('options.curvatureSaddle', o.curvatureSaddle);
  checkSameOrder(a, b, 'options.curvatureMin', 'options.curvatureSaddle');
  const d = a.d;
  let e = b.direction;
  if (o.direction !== undefined) {
    const v = checkVector('options.direction', o.direction, d);
    let nn = 0;
    for (const x of v) nn += x * x;
    if (!(nn > 0)) throw new RangeError('options.direction: expected a non-zero vector, received the zero vector');
    e = v.map((x) => x / Math.sqrt(nn));
  }
  const quad = (m: Float64Array): number => {
    let q = 0;
    for (let i = 0; i < d; i++) {
      let r = 0;
      for (let j = 0; j < d; j++) r += (m[i * d + j] as number) * (e[j] as number);
      q += (e[i] as number) * r;
    }
    return q;
  };
  const hae = d === 1 ? (a.values[0] as number) : quad(a.matrix);
  const hbe = d === 1 ? b.negative : o.direction === undefined ? b.negative : quad(b.matrix);
  if (!(hbe < 0)) {
    throw new RangeError(`options.direction: expected a direction of negative curvature of the saddle (eᵀH_b e < 0), received eᵀH_b e = ${hbe}`);
  }
  const logPrefactor = log(2 * Math.PI) + 0.5 * (b.logAbsDet - a.logDet) - log(-hbe);
  const exponent = ((2 * batchSize * barrier) / lr) * (s / hae + (1 - s) / -hbe);
  const logTime = logPrefactor + exponent;
  const time = exp(logTime);
  if (!details) return time;
  const warnings: string[] = [];
  const ratioMin = (2 * batchSize * barrier) / (lr * hae);
  if (ratioMin < 5) {
    warnings.push(`ΔL/D_a = 2BΔL/(ηH_ae) = ${ratioMin.toPrecision(3)} is not large: the asymptotics need ΔL ≫ D`);
  }
  const lmax = a.values[d - 1] as number;
  if (lr * lmax >= 2)
    warnings.push(`η·λ_max(H_a) = ${(lr * lmax).toPrecision(3)} ≥ 2: gradient descent is unstable at this minimum; the SDE does not model it`);
  else if (lr * lmax > 0.1) warnings.push(`η·λ_max(H_a) = ${(lr * lmax).toPrecision(3)} is not small: the SDE models SGD only to O(η)`);
  return { time, logTime, prefactor: exp(logPrefactor), exponent, dim: d, warnings };
}
