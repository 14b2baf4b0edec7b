/**
 * `npm run bench -- analysis`: `lyapunov` (Bartels–Stewart: real Schur form by Hessenberg reduction
 * and Francis QR, then the quasi-triangular back-substitution) against
 * scipy.linalg.solve_continuous_lyapunov / solve_discrete_lyapunov (LAPACK dgees + trsyl, one BLAS
 * thread) on the same matrices at d = 50, 200, 500, continuous and discrete, in the same run: median
 * wall time over 3 repeats each, the ratio ours/scipy, and both relative residuals.
 */
import { join } from 'node:path';
import { lyapunov } from '../src/analysis/index';
import { createRng } from '../src/random/rng';
import { peerAvailable, ratio, runPeer, tempDir, timeMs, writeF64 } from './harness';

/** Median of 3 timed calls (for d = 500, where one call takes seconds). */
function median3(fn: () => unknown): number {
  const t: number[] = [];
  for (let r = 0; r < 3; r++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b)[1] as number;
}

function inputs(n: number, discrete: boolean): { A: Float64Array; Q: Float64Array } {
  const rng = createRng(100 + n);
  const R = rng.fillNormal(new Float64Array(n * n));
  // Random A: entries N(0, 1/n) (spectrum ≈ the unit disc, complex pairs and non-normal). Continuous:
  // shifted to Re λ ≥ ~0.5; discrete: scaled to spectral radius ≈ 0.9.
  const A = R.map((v) => (discrete ? 0.9 : 1) * (v / Math.sqrt(n)));
  if (!discrete) for (let i = 0; i < n; i++) A[i * n + i] = (A[i * n + i] as number) + 1.5;
  const B = rng.fillNormal(new Float64Array(n * n));
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (B[i * n + k] as number) * (B[j * n + k] as number);
      Q[i * n + j] = s / n;
      Q[j * n + i] = s / n;
    }
  }
  return { A, Q };
}

interface PeerResult {
  scipy: string;
  runs: { seconds: number; relativeResidual: number }[];
}

export async function run(): Promise<void> {
  await Promise.resolve();
  console.log('\nlyapunov vs scipy.linalg.solve_{continuous,discrete}_lyapunov (one thread; median of 3; ratio = ours/scipy):');
  const sizes = [50, 200, 500];
  const cases: { n: number; discrete: boolean; A: Float64Array; Q: Float64Array; ms: number; rel: number }[] = [];
  // JIT warm-up: the kernels run ~50× slower until V8 has optimised them (measured: 200 ms, then 3 ms at d = 50).
  for (let r = 0; r < 10; r++) for (const discrete of [false, true]) lyapunov(inputs(50, discrete).A, inputs(50, discrete).Q, { discrete });
  for (const n of sizes) {
    for (const discrete of [false, true]) {
      const { A, Q } = inputs(n, discrete);
      const solve = (): unknown => lyapunov(A, Q, { discrete, residual: false });
      const ms = n >= 500 ? median3(solve) : timeMs(solve, { minRepeats: 3, minMs: 300 });
      const rel = lyapunov(A, Q, { discrete }).relativeResidual;
      cases.push({ n, discrete, A, Q, ms, rel });
    }
  }
  let peer: PeerResult | null = null;
  if (peerAvailable(['numpy', 'scipy'], 'apt-get install -y python3-scipy')) {
    const dir = tempDir();
    const runs = cases.map((c, i) => {
      const a = join(dir, `a${i}.f64`);
      const q = join(dir, `q${i}.f64`);
      writeF64(a, c.A);
      writeF64(q, c.Q);
      return { n: c.n, a, q, discrete: c.discrete, repeats: 3 };
    });
    const res = runPeer<PeerResult>('scipy_lyapunov.py', [], JSON.stringify({ runs }));
    console.log(`  scipy ${res.scipy}`);
    peer = res;
  }
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i] as (typeof cases)[number];
    const p = peer?.runs[i];
    const label = `  d=${String(c.n).padStart(3)} ${c.discrete ? 'discrete  ' : 'continuous'}`;
    const ours = `ours ${c.ms.toFixed(1)} ms (rel. residual ${c.rel.toExponential(1)})`;
    console.log(
      p
        ? `${label}: ${ours}; scipy ${(p.seconds * 1000).toFixed(1)} ms (${p.relativeResidual.toExponential(1)}); ratio ${ratio(c.ms, p.seconds * 1000)}`
        : `${label}: ${ours}`,
    );
  }
}
