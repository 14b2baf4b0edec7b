/**
 * `npm run bench -- optim`:
 * 1. SGD steps per second on linear regression and on an MLP (sgd driver, momentum 0.9).
 * 1b. The cost of recording: each driver with its default recording (snapshots, losses, progress)
 *     against the same run recording only its first and last point (`every: steps`), and against
 *     no loss at all (`recordLosses: false`); medians of interleaved repeats. Goal: default within
 *     10% of `every: steps`.
 * 1c. The argument checks kept out of the hot path: SGD through a model's unchecked batch kernels
 *     against the same model through its checked public methods.
 * 2. gradientFlow (Dormand–Prince 5(4)) against scipy.integrate.solve_ivp (RK45 and DOP853) on the
 *    same gradient flows (a quadratic in d = 50; Styblinski–Tang in d = 50), in the same run:
 *    gradient evaluations and wall time at each tolerance, the error at t1 against a tight reference,
 *    and evaluations/time interpolated (log-log) to reach the same errors.
 */
import { join } from 'node:path';
import { gd, gradientFlow, noisyGd, sgd } from '../src/optim/index';
import { linearRegression } from '../src/objectives/linear-regression';
import { mlp } from '../src/objectives/mlp';
import { quadratic } from '../src/objectives/quadratic';
import { styblinskiTang } from '../src/objectives/styblinski-tang';
import { twoMoons } from '../src/objectives/datasets/two-moons';
import { linearTeacher } from '../src/objectives/datasets/linear-teacher';
import { shapeImages } from '../src/objectives/datasets/shape-images';
import { symmetricEigen } from '../src/core/symmetric-eigen';
import { createRng } from '../src/random/rng';
import type { FiniteSumObjective, Objective } from '../src/core/types';
import { peerAvailable, ratio, runPeer, tempDir, timeMs, writeF64 } from './harness';

function sgdThroughput(): void {
  console.log('\nSGD steps per second (sgd driver, momentum 0.9, no replacement, every = steps):');
  const lt = linearTeacher({ samples: 10_000, dim: 100, seed: 1 });
  const lin = linearRegression({ features: lt.features, targets: lt.targets });
  const moons = twoMoons({ samples: 1000, noise: 0.1, seed: 2 });
  const net = mlp({ layers: [2, 64, 64, 2], activation: 'tanh', features: moons.features, targets: moons.labels, loss: 'cross-entropy' });
  const cases: [string, FiniteSumObjective, Float64Array, number][] = [
    ['linear regression N=10000 p=100', lin, new Float64Array(100), 0.01],
    ['MLP 2-64-64-2 tanh, two moons N=1000', net, net.initialParameters(3), 0.05],
  ];
  for (const [name, model, x0, lr] of cases) {
    for (const B of [1, 32, 256]) {
      const steps = B >= 256 ? 500 : 5000;
      const ms = timeMs(() => sgd(model, x0, { lr, batchSize: B, momentum: 0.9, steps, every: steps, seed: 1 }), { minRepeats: 3, minMs: 500 });
      // The model's own cost: the same number of batch gradients on random batches (drawn
      // beforehand, so that memory access is as in SGD), no optimizer.
      const idxRng = createRng(9);
      const indices = new Uint32Array(steps * B).map(() => idxRng.integer(model.size));
      const batch = new Uint32Array(B);
      const g = new Float64Array(model.dim);
      const msGrad = timeMs(
        () => {
          for (let k = 0; k < steps; k++) {
            for (let i = 0; i < B; i++) batch[i] = indices[k * B + i] as number;
            model.batchGradient(x0, batch, g);
          }
        },
        { minRepeats: 3, minMs: 500 },
      );
      console.log(
        `  ${name}, d=${model.dim}, B=${B}: ${((steps / ms) * 1000).toFixed(0)} steps/s (${((ms * 1e6) / steps).toFixed(0)} ns/step; ` +
          `batchGradient alone ${((msGrad * 1e6) / steps).toFixed(0)} ns, optimizer overhead ${(((ms - msGrad) / ms) * 100).toFixed(1)}%)`,
      );
    }
  }
}

/** Median times of `a` and `b`, run alternately (so that drift of a noisy machine hits both alike). */
function interleaved(a: () => unknown, b: () => unknown, repeats: number): [number, number] {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < repeats; r++) {
    let t = performance.now();
    a();
    ta.push(performance.now() - t);
    t = performance.now();
    b();
    tb.push(performance.now() - t);
  }
  const med = (v: number[]): number => v.sort((x, y) => x - y)[Math.floor(v.length / 2)] as number;
  return [med(ta), med(tb)];
}

export function recordingCost(): void {
  console.log(
    '\nRecording cost: default recording (snapshots, losses, onProgress) against recording only the first and last point (every = steps) ' +
      'and against recording no loss at all (every = steps, recordLosses: false); goal: default ≤ 1.10× every = steps',
  );
  const moons = twoMoons({ samples: 512, noise: 0.1, seed: 1 });
  const readme = mlp({ layers: [2, 32, 2], activation: 'tanh', loss: 'cross-entropy', features: moons.features, targets: moons.labels });
  const shapes = shapeImages({ samples: 2000, classes: 6, seed: 1 });
  const p = shapes.features.shape[1] as number;
  const big = mlp({ layers: [p, 256, 256, 6], activation: 'tanh', loss: 'cross-entropy', features: shapes.features, targets: shapes.labels });
  const lt = linearTeacher({ samples: 10_000, dim: 100, seed: 1 });
  const lin = linearRegression({ features: lt.features, targets: lt.targets });
  const q = quadratic({ hessian: Array.from({ length: 50 }, (_, i) => Array.from({ length: 50 }, (_, j) => (i === j ? 1 + i / 10 : 0))) });
  const progress = (): void => undefined;
  type Mode = 'default' | 'ends' | 'nothing';
  const rec = (mode: Mode, steps: number): object =>
    mode === 'default' ? { onProgress: progress } : mode === 'ends' ? { every: steps } : { every: steps, recordLosses: false };
  const cases: [string, (mode: Mode) => unknown, number][] = [
    [
      'README: sgd MLP 2-32-2, N=512, B=32, 3000 steps',
      (m) => sgd(readme, readme.initialParameters(1), { lr: 0.1, batchSize: 32, momentum: 0.9, steps: 3000, seed: 2, ...rec(m, 3000) }),
      9,
    ],
    [
      `sgd MLP [${p}, 256, 256, 6] (${big.dim} parameters), N=2000, B=32, 500 steps`,
      (m) => sgd(big, big.initialParameters(1), { lr: 0.05, batchSize: 32, steps: 500, seed: 2, ...rec(m, 500) }),
      3,
    ],
    [
      'sgd linear regression N=10000 p=100, B=32, 5000 steps',
      (m) => sgd(lin, new Float64Array(100), { lr: 0.01, batchSize: 32, steps: 5000, seed: 2, ...rec(m, 5000) }),
      9,
    ],
    ['gd quadratic d=50, 2000 steps', (m) => gd(q, new Float64Array(50).fill(1), { lr: 0.1, steps: 2000, ...rec(m, 2000) }), 41],
    [
      'noisyGd quadratic d=50, 2000 steps',
      (m) => noisyGd(q, new Float64Array(50).fill(1), { lr: 0.1, temperature: 0.1, steps: 2000, seed: 1, ...rec(m, 2000) }),
      41,
    ],
  ];
  for (const [name, runIt, repeats] of cases) {
    const [def, ends] = interleaved(
      () => runIt('default'),
      () => runIt('ends'),
      repeats,
    );
    const [def2, nothing] = interleaved(
      () => runIt('default'),
      () => runIt('nothing'),
      repeats,
    );
    console.log(
      `  ${name}: default ${def.toFixed(1)} ms; every = steps ${ends.toFixed(1)} ms (ratio ${ratio(def, ends)}); ` +
        `no loss at all ${nothing.toFixed(1)} ms (ratio ${ratio(def2, nothing)})`,
    );
  }
}

/**
 * The cost of argument checks in the hot path: SGD on a library model (called through its unchecked
 * batch kernels, the driver having validated once) against the same model behind a prototype
 * wrapper, which SGD calls through the public, checked `batchValueGradient` (every batch validated).
 */
export function checkCost(): void {
  console.log('\nArgument checks out of the hot path: sgd through the unchecked kernels vs through the checked public methods (same bits)');
  const small = linearTeacher({ samples: 2000, dim: 10, seed: 1 });
  const lin10 = linearRegression({ features: small.features, targets: small.targets });
  const moons = twoMoons({ samples: 512, noise: 0.1, seed: 1 });
  const net = mlp({ layers: [2, 32, 2], activation: 'tanh', loss: 'cross-entropy', features: moons.features, targets: moons.labels });
  const cases: [string, FiniteSumObjective, Float64Array, number, number][] = [
    ['linear regression p=10', lin10, new Float64Array(10), 0.01, 20_000],
    ['MLP 2-32-2', net, net.initialParameters(1), 0.1, 3000],
  ];
  for (const [name, model, x0, lr, steps] of cases) {
    const wrapped = Object.create(model) as FiniteSumObjective; // not the registered model: no unchecked kernels
    for (const B of [1, 32]) {
      for (const replacement of [false, true]) {
        const opts = { lr, batchSize: B, steps, every: steps, replacement, seed: 1 };
        const [unchecked, checked] = interleaved(
          () => sgd(model, x0, opts),
          () => sgd(wrapped, x0, opts),
          15,
        );
        console.log(
          `  ${name}, B=${B}, ${replacement ? 'with' : 'without'} replacement: unchecked ${((unchecked * 1e6) / steps).toFixed(0)} ns/step, ` +
            `checked ${((checked * 1e6) / steps).toFixed(0)} ns/step, checked/unchecked ${ratio(checked, unchecked)}`,
        );
      }
    }
  }
}

interface PeerRun {
  method: string;
  rtol: number;
  nfev: number;
  ms: number;
  success: boolean;
  y: number[];
}
interface PeerOut {
  ref: number[];
  refNfev: number;
  runs: PeerRun[];
}
interface Row {
  method: string;
  rtol: number;
  nfev: number;
  ms: number;
  err: number;
}

function relErr(y: ArrayLike<number>, ref: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num += ((y[i] as number) - (ref[i] as number)) ** 2;
    den += (ref[i] as number) ** 2;
  }
  return Math.sqrt(num / den);
}

/** log-log interpolation of `key` at error `target` along rows sorted by decreasing error. */
function atError(rows: Row[], target: number, key: 'nfev' | 'ms'): number | null {
  const s = rows.slice().sort((a, b) => b.err - a.err);
  for (let i = 0; i + 1 < s.length; i++) {
    const a = s[i] as Row;
    const b = s[i + 1] as Row;
    if (a.err >= target && b.err <= target && a.err > b.err) {
      const w = Math.log(a.err / target) / Math.log(a.err / b.err);
      return Math.exp((1 - w) * Math.log(a[key]) + w * Math.log(b[key]));
    }
  }
  return null;
}

function flowComparison(
  name: string,
  problem: 'quadratic' | 'styblinski',
  f: Objective,
  x0: Float64Array,
  t1: number,
  exact: Float64Array | null,
  H?: Float64Array,
  c?: Float64Array,
): void {
  console.log(`\ngradientFlow vs solve_ivp: ${name}, t1=${t1}, atol = 1e-3·rtol, error = ‖y(t1) − ref‖/‖ref‖`);
  const rtols = [1e-3, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12];
  const rows: Row[] = [];
  let ref: Float64Array | null = exact;
  let peer: PeerOut | null = null;
  if (peerAvailable(['scipy'], 'apt-get install -y python3-scipy')) {
    const dir = tempDir();
    writeF64(join(dir, 'x0.f64'), x0);
    if (H && c) {
      writeF64(join(dir, 'H.f64'), H);
      writeF64(join(dir, 'c.f64'), c);
    }
    peer = runPeer<PeerOut>('solve_ivp.py', [problem, dir, String(t1), rtols.join(','), '1e-3']);
    if (ref === null) ref = Float64Array.from(peer.ref);
    else console.log(`  scipy's reference (DOP853 rtol 1e-13) vs exact: ${relErr(peer.ref, ref).toExponential(2)}`);
  }
  if (ref === null) {
    const tight = gradientFlow(f, x0, { t1, rtol: 1e-13, atol: 1e-16, times: [t1] });
    ref = tight.final;
    console.log('  (no scipy: reference = our own run at rtol 1e-13)');
  }
  for (const method of ['dopri5', 'dop853'] as const) {
    for (const rtol of rtols) {
      const opts = { t1, rtol, atol: rtol * 1e-3, times: [t1], method };
      let r = gradientFlow(f, x0, opts);
      const ms = timeMs(() => (r = gradientFlow(f, x0, opts)), { minRepeats: 3, minMs: 300 });
      rows.push({ method: method === 'dopri5' ? 'ours DOPRI5' : 'ours DOP853', rtol, nfev: r.evaluations, ms, err: relErr(r.final, ref) });
    }
  }
  if (peer) for (const p of peer.runs) rows.push({ method: `scipy ${p.method}`, rtol: p.rtol, nfev: p.nfev, ms: p.ms, err: relErr(p.y, ref) });
  console.log('  method          rtol     nfev      error       ms');
  for (const r of rows) {
    console.log(
      `  ${r.method.padEnd(15)} ${r.rtol.toExponential(0).padStart(6)} ${String(r.nfev).padStart(7)}  ${r.err.toExponential(2).padStart(9)}  ${r.ms.toFixed(3).padStart(8)}`,
    );
  }
  const methods = [...new Set(rows.map((r) => r.method))];
  for (const target of [1e-5, 1e-8, 1e-11]) {
    const parts: string[] = [];
    for (const m of methods) {
      const sub = rows.filter((r) => r.method === m);
      const n = atError(sub, target, 'nfev');
      const t = atError(sub, target, 'ms');
      parts.push(`${m}: ${n === null ? 'n/a' : n.toFixed(0)} evals, ${t === null ? 'n/a' : t.toFixed(3)} ms`);
    }
    console.log(`  to reach error ${target.toExponential(0)}: ${parts.join('; ')}`);
    for (const [o, p] of [
      ['ours DOPRI5', 'scipy RK45'],
      ['ours DOP853', 'scipy DOP853'],
      ['ours DOP853', 'ours DOPRI5'],
    ] as const) {
      const a = rows.filter((r) => r.method === o);
      const b = rows.filter((r) => r.method === p);
      const [na, ta, nb, tb] = [atError(a, target, 'nfev'), atError(a, target, 'ms'), atError(b, target, 'nfev'), atError(b, target, 'ms')];
      if (na !== null && nb !== null && ta !== null && tb !== null) {
        console.log(`    ${o} / ${p}: evaluations ${ratio(na, nb)}, wall time ${ratio(ta, tb)}`);
      }
    }
  }
}

export async function run(): Promise<void> {
  sgdThroughput();
  recordingCost();
  checkCost();

  const d = 50;
  const rng = createRng(5);
  // Quadratic: eigenvalues log-spaced in [0.1, 10] (condition 100), a random basis and centre.
  const lambdas = Array.from({ length: d }, (_, i) => 0.1 * 100 ** (i / (d - 1)));
  const Q = rng.fillNormal(new Float64Array(d * d));
  // H = A Λ Aᵀ with A from a QR of a Gaussian matrix: use symmetricEigen of a random symmetric matrix for a basis.
  const S = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) S[i * d + j] = (Q[i * d + j] as number) + (Q[j * d + i] as number);
  const basis = symmetricEigen(S).vectors;
  const H = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const v = basis[k] as Float64Array;
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) H[i * d + j] = (H[i * d + j] as number) + (lambdas[k] as number) * (v[i] as number) * (v[j] as number);
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) H[j * d + i] = H[i * d + j] as number;
  const c = rng.fillNormal(new Float64Array(d));
  const x0 = rng.fillNormal(new Float64Array(d), 0, 3);
  const q = quadratic({ hessian: H, center: c });
  const t1 = 10;
  const eig = symmetricEigen(H);
  const exact = Float64Array.from(c);
  for (let k = 0; k < d; k++) {
    const v = eig.vectors[k] as Float64Array;
    let p = 0;
    for (let j = 0; j < d; j++) p += (v[j] as number) * ((x0[j] as number) - (c[j] as number));
    const s = Math.exp(-t1 * (eig.values[k] as number)) * p;
    for (let j = 0; j < d; j++) exact[j] = (exact[j] as number) + s * (v[j] as number);
  }
  flowComparison(`quadratic d=${d}, λ ∈ [0.1, 10]`, 'quadratic', q, x0, t1, exact, H, c);

  const st = styblinskiTang(d);
  const xs = createRng(6)
    .fillUniform(new Float64Array(d))
    .map((u) => 4 * u - 2);
  flowComparison(`Styblinski–Tang d=${d}, x0 ~ U[−2, 2]^d`, 'styblinski', st, xs, 5, null);
}
