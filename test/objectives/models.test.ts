/**
 * Property tests shared by every finite-sum model: exact derivatives against finite differences,
 * symmetry of the HVP, the dense Hessian against the HVP, and the batch/per-sample conventions.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRng, type Rng } from '../../src/random/rng';
import { permutation } from '../../src/random/batch';
import { ACTIVATION_NAMES, deepLinearNetwork, linearRegression, logisticRegression, mlp, type FiniteSumModel } from '../../src/objectives/index';

function rows(rng: Rng, n: number, p: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
}

function norm(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

function relErr(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s) / Math.max(norm(b), 1e-300);
}

function dotv(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

// N = 150 samples: more than the networks' chunk of 64 rows, so full batches span 3 chunks (the
// last one partial) and every chunk boundary is exercised.
const N = 150;
const P = 3;

interface Case {
  name: string;
  build(rng: Rng): FiniteSumModel;
  /** Scale of the random parameters. */
  scale: number;
  /**
   * Finite-difference step. 1e-5 for smooth models; 1e-7 for relu / leaky relu, whose loss is only
   * piecewise smooth: a step crossing a kink (some pre-activation changing sign between x − h and
   * x + h) breaks the difference quotient. With ~10³ pre-activations moving by ~h each and a
   * density ~0.3 at 0, h = 1e-5 crosses one in a few per cent of the runs; h = 1e-7 in ~1e-4.
   * The price is rounding ε|L|/h ≈ 2e-9 relative, still far below the 1e-6 bound.
   */
  h?: number;
  /** How many leading coordinates the l2 penalty covers (default all). */
  penalisedCount?: (d: number) => number;
}

const cases: Case[] = [
  { name: 'linearRegression', scale: 1, build: (r) => linearRegression({ features: rows(r, N, P), targets: rows(r, N, 1).map((x) => x[0] as number) }) },
  {
    name: 'linearRegression l2',
    scale: 1,
    build: (r) => linearRegression({ features: rows(r, N, P), targets: rows(r, N, 1).map((x) => x[0] as number), l2: 0.3 }),
  },
  {
    name: 'logisticRegression',
    scale: 1,
    build: (r) => logisticRegression({ features: rows(r, N, P), targets: Array.from({ length: N }, () => (r.uniform() < 0.5 ? 1 : 0)) }),
  },
  {
    name: 'logisticRegression intercept l2',
    scale: 1,
    penalisedCount: (d) => d - 1,
    build: (r) =>
      logisticRegression({ features: rows(r, N, P), targets: Array.from({ length: N }, () => (r.uniform() < 0.5 ? 1 : 0)), intercept: true, l2: 0.2 }),
  },
  { name: 'deepLinearNetwork', scale: 0.7, build: (r) => deepLinearNetwork({ widths: [P, 4, 3, 2], features: rows(r, N, P), targets: rows(r, N, 2) }) },
];
for (const act of ACTIVATION_NAMES) {
  for (const loss of ['mse', 'cross-entropy'] as const) {
    for (const bias of [true, false]) {
      cases.push({
        name: `mlp ${act} ${loss} bias=${bias}`,
        scale: 0.7,
        h: act === 'relu' || act === 'leaky-relu' ? 1e-7 : 1e-5,
        build: (r) =>
          mlp({
            layers: [P, 4, 3, loss === 'mse' ? 2 : 3],
            activation: act,
            loss,
            bias,
            features: rows(r, N, P),
            targets: loss === 'mse' ? rows(r, N, 2) : Array.from({ length: N }, () => r.integer(3)),
          }),
      });
    }
  }
}
// Wider layers, so that every unrolled path of the layer kernels (blocks of 4 outputs, 4 samples,
// 2 rows) and their remainders (widths 9 = 2·4 + 1, 6 = 4 + 2, 5 = 4 + 1) are exercised.
for (const [act, loss] of [
  ['tanh', 'mse'],
  ['leaky-relu', 'cross-entropy'],
] as const) {
  cases.push({
    name: `mlp ${act} ${loss} wide [5, 9, 6, 5]`,
    scale: 0.5,
    h: act === 'leaky-relu' ? 1e-7 : 1e-5,
    build: (r) =>
      mlp({
        layers: [5, 9, 6, 5],
        activation: act,
        loss,
        features: rows(r, N, 5),
        targets: loss === 'mse' ? rows(r, N, 5) : Array.from({ length: N }, () => r.integer(5)),
      }),
  });
}
cases.push({
  name: 'mlp gelu cross-entropy soft targets l2',
  scale: 0.7,
  build: (r) =>
    mlp({
      layers: [P, 5, 3],
      activation: 'gelu',
      loss: 'cross-entropy',
      l2: 0.1,
      features: rows(r, N, P),
      targets: Array.from({ length: N }, () => {
        const a = [r.uniform(), r.uniform(), r.uniform()];
        const s = a[0]! + a[1]! + a[2]!;
        return a.map((v) => v / s);
      }),
    }),
});

describe.each(cases)('$name', ({ build, scale, h = 1e-5, penalisedCount = (d: number) => d }) => {
  // Each run: a fresh data set and random parameters (biases included, so no pre-activation sits
  // exactly on a relu kink, as it would with the zero biases of initialParameters).
  const setup = (seed: number) => {
    const rng = createRng(seed);
    const f = build(rng);
    const x = rng.fillNormal(new Float64Array(f.dim), 0, scale);
    const u = rng.fillNormal(new Float64Array(f.dim));
    const v = rng.fillNormal(new Float64Array(f.dim));
    return { f, x, u, v, rng };
  };
  const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

  it('gradient equals central finite differences', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { f, x } = setup(seed);
        const g = f.gradient(x);
        // Central differences, h = 1e-5: truncation h²/6·|∂³L| ≈ 2e-11 and rounding ε|L|/h ≈ 2e-11
        // per coordinate for the O(1) losses and derivatives here, i.e. ~1e-10 relative to ‖∇L‖;
        // 1e-6 leaves four orders of margin for larger third derivatives. (A relu kink within h of
        // a pre-activation would break this: see Case.h for the relu step.)
        const fd = new Float64Array(f.dim);
        const y = Float64Array.from(x);
        for (let i = 0; i < f.dim; i++) {
          y[i] = (x[i] as number) + h;
          const fp = f.value(y);
          y[i] = (x[i] as number) - h;
          const fm = f.value(y);
          y[i] = x[i] as number;
          fd[i] = (fp - fm) / (2 * h);
        }
        expect(relErr(fd, g)).toBeLessThan(1e-6);
      }),
      { seed: 101, numRuns: 3 },
    );
  });

  it('HVP equals the central finite difference of gradients', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { f, x, v } = setup(seed);
        const hv = f.hvp(x, v);
        // Same step analysis as the gradient, one derivative up: (∇L(x+hv) − ∇L(x−hv))/2h has
        // truncation h²‖v‖³|∂⁴L|/6 and rounding ε‖∇L‖/h, both ~1e-9 relative here (‖v‖ ≈ √d ≤ 7).
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        for (let i = 0; i < f.dim; i++) {
          xp[i] = (x[i] as number) + h * (v[i] as number);
          xm[i] = (x[i] as number) - h * (v[i] as number);
        }
        const gp = f.gradient(xp);
        const gm = f.gradient(xm);
        const fd = new Float64Array(f.dim);
        for (let i = 0; i < f.dim; i++) fd[i] = ((gp[i] as number) - (gm[i] as number)) / (2 * h);
        expect(relErr(fd, hv)).toBeLessThan(1e-6);
      }),
      { seed: 202, numRuns: 3 },
    );
  });

  it('u·Hv = v·Hu, and hessian(x)·v = hvp(x, v)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { f, x, u, v } = setup(seed);
        const hv = f.hvp(x, v);
        const hu = f.hvp(x, u);
        // Each HVP sums N·d products with relative rounding ~ε per term, so the two bilinear
        // forms agree to ~1e-14·‖u‖‖Hv‖; 1e-11 allows for cancellation.
        const scaleUV = norm(u) * norm(hv) + norm(v) * norm(hu);
        expect(Math.abs(dotv(u, hv) - dotv(v, hu))).toBeLessThanOrEqual(1e-11 * scaleUV);
        const H = f.hessian(x);
        const d = f.dim;
        const Hv = new Float64Array(d);
        for (let i = 0; i < d; i++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += (H[i * d + j] as number) * (v[j] as number);
          Hv[i] = s;
        }
        // Also rounding only: the dense product adds d terms (~dε), the HVP N·d.
        expect(relErr(Hv, hv)).toBeLessThan(1e-11);
        // Symmetric.
        for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) expect(H[i * d + j]).toBe(H[j * d + i]);
      }),
      { seed: 303, numRuns: 2 },
    );
  });

  it('batch gradients over a partition average, weighted by size, to the full gradient', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 1, max: 6 }), (seed, parts) => {
        const { f, x, v, rng } = setup(seed);
        const perm = permutation(rng, N);
        const cuts = [0, ...Array.from({ length: parts - 1 }, () => 1 + rng.integer(N - 1)).sort((a, b) => a - b), N];
        const g = new Float64Array(f.dim);
        const hv = new Float64Array(f.dim);
        let value = 0;
        for (let k = 0; k + 1 < cuts.length; k++) {
          const part = perm.slice(cuts[k], cuts[k + 1]);
          if (part.length === 0) continue;
          const w = part.length / N;
          value += w * f.batchValue(x, part);
          const gb = f.batchGradient(x, part);
          const hb = f.batchHvp(x, part, v);
          for (let i = 0; i < f.dim; i++) {
            g[i] = (g[i] as number) + w * (gb[i] as number);
            hv[i] = (hv[i] as number) + w * (hb[i] as number);
          }
        }
        // Only the summation order differs from the full batch: rounding, ~N·ε relative.
        expect(relErr(g, f.gradient(x))).toBeLessThan(1e-12);
        expect(relErr(hv, f.hvp(x, v))).toBeLessThan(1e-12);
        expect(Math.abs(value - f.value(x))).toBeLessThan(1e-12 * Math.abs(f.value(x)));
      }),
      { seed: 404, numRuns: 3 },
    );
  });

  it('counts repeated indices as often as they appear, also in batches longer than N', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { f, x, v, rng } = setup(seed);
        const B = 2 * N + 3;
        const batch = new Uint32Array(B);
        for (let k = 0; k < B; k++) batch[k] = rng.integer(N);
        // Direct: per-sample losses, gradients and one-index HVPs summed over the batch, plus R.
        const losses = f.sampleLosses(x);
        const pen = penalisedCount(f.dim);
        let value = 0;
        const g = new Float64Array(f.dim);
        const hv = new Float64Array(f.dim);
        const gn = new Float64Array(f.dim);
        const hn = new Float64Array(f.dim);
        const one = new Uint32Array(1);
        for (let k = 0; k < B; k++) {
          const n = batch[k] as number;
          value += (losses[n] as number) / B;
          f.sampleGradient(x, n, gn);
          one[0] = n;
          f.batchHvp(x, one, v, hn);
          for (let i = 0; i < f.dim; i++) {
            g[i] = (g[i] as number) + (gn[i] as number) / B;
            // batchHvp of one index includes ∇²R·v = l2·v on the penalised coordinates: remove it.
            hv[i] = (hv[i] as number) + ((hn[i] as number) - (i < pen ? f.l2 * (v[i] as number) : 0)) / B;
          }
        }
        for (let i = 0; i < pen; i++) {
          value += 0.5 * f.l2 * (x[i] as number) ** 2;
          g[i] = (g[i] as number) + f.l2 * (x[i] as number);
          hv[i] = (hv[i] as number) + f.l2 * (v[i] as number);
        }
        // Same sums in another order: rounding only (~B·ε relative, plus the l2·v round trip).
        expect(Math.abs(f.batchValue(x, batch) - value)).toBeLessThan(1e-12 * Math.abs(value));
        expect(relErr(f.batchGradient(x, batch), g)).toBeLessThan(1e-12);
        expect(relErr(f.batchHvp(x, batch, v), hv)).toBeLessThan(1e-12);
      }),
      { seed: 606, numRuns: 2 },
    );
  });

  it('batch methods over all indices equal the full-batch ones; per-sample losses and gradients average to them', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { f, x, v, rng } = setup(seed);
        const inOrder = new Uint32Array(N).map((_, i) => i);
        // In order the computation is the same, operation for operation: bit-for-bit equal.
        expect(f.batchValue(x, inOrder)).toBe(f.value(x));
        expect(Array.from(f.batchGradient(x, inOrder))).toEqual(Array.from(f.gradient(x)));
        expect(Array.from(f.batchHvp(x, inOrder, v))).toEqual(Array.from(f.hvp(x, v)));
        // Shuffled: the same sums in another order (rounding only).
        const shuffled = permutation(rng, N);
        expect(Math.abs(f.batchValue(x, shuffled) - f.value(x))).toBeLessThan(1e-13 * Math.abs(f.value(x)));
        expect(relErr(f.batchGradient(x, shuffled), f.gradient(x))).toBeLessThan(1e-12);
        expect(relErr(f.batchHvp(x, shuffled, v), f.hvp(x, v))).toBeLessThan(1e-12);
        // Per-sample: mean ℓₙ + R = L and mean ∇ℓₙ + ∇R = ∇L (R = (l2/2)‖θ_P‖²).
        const losses = f.sampleLosses(x);
        const gradFull = f.gradient(x);
        const gradReg = f.gradient(x).fill(0);
        const gn = new Float64Array(f.dim);
        let mean = 0;
        for (let n = 0; n < N; n++) {
          mean += (losses[n] as number) / N;
          f.sampleGradient(x, n, gn);
          for (let i = 0; i < f.dim; i++) gradReg[i] = (gradReg[i] as number) + (gn[i] as number) / N;
        }
        // R = (l2/2) Σ_{i<P} θᵢ² over the penalised coordinates (all but a logistic intercept).
        const pen = penalisedCount(f.dim);
        let reg = 0;
        const expected = new Float64Array(f.dim);
        for (let i = 0; i < pen; i++) {
          reg += 0.5 * f.l2 * (x[i] as number) ** 2;
          expected[i] = f.l2 * (x[i] as number);
        }
        // Sums of N terms in a different order: rounding, relative ~N·ε.
        expect(Math.abs(mean + reg - f.value(x))).toBeLessThan(1e-12 * Math.abs(f.value(x)));
        for (let i = 0; i < f.dim; i++)
          expect(Math.abs((gradFull[i] as number) - (gradReg[i] as number) - (expected[i] as number))).toBeLessThan(1e-12 * norm(gradFull));
      }),
      { seed: 505, numRuns: 2 },
    );
  });
});
