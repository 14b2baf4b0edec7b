/**
 * `npm run bench -- kramers`: the cost of the escape-rate estimator and of the saddle finder.
 *
 * - `estimateEscapeRate` on n = 10⁴ and 10⁶ censored exponential times (rate 1, censored at 2: 13.5%
 *   censored): the whole result, i.e. the rate, the Garwood interval, the Kaplan–Meier curve (a sort)
 *   and the Weibull likelihood-ratio test (Newton on the profile likelihood, ~6 passes). The peer
 *   (bench/peers/escape_rate.py) does the same work on the same times in the same run: SciPy's
 *   chi2.ppf, a NumPy Kaplan–Meier with Greenwood errors (lifelines' recipe) and the Weibull profile
 *   maximised by scipy.optimize.minimize_scalar. Ratio: ours / peer's (one BLAS thread).
 * - `findSaddle` on Müller–Brown, A → C and C → B (16 images, CI-NEB + Newton polish), and the
 *   formulas (1-D numbers; 50×50 Hessians for Eyring–Kramers). No peer: SciPy has no NEB (ASE's is
 *   not installed here), and the formulas are closed forms.
 *
 * Each of our figures is the median of timeMs repeats (≥ 3 and ≥ 300 ms); the peer's the median of
 * its own repeats. Set KRAMERS_BENCH_SKIP_1E6=1 to skip the 10⁶ case.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { estimateEscapeRate, findSaddle, kramersEscapeTime } from '../src/kramers/index';
import { mullerBrown } from '../src/objectives/index';
import { rngFor } from '../src/random/index';
import { peerAvailable, ratio, runPeer, tempDir, timeMs, writeF64 } from './harness';

interface PeerResult {
  ms: number;
  rate: number;
  ci95: [number, number];
  weibullShape: number;
  pValue: number;
  kmSteps: number;
}

function sample(n: number): { times: Float64Array; flags: Uint8Array } {
  const rng = rngFor('kramers-bench', 1);
  const times = new Float64Array(n);
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = -Math.log(1 - rng.uniform());
    times[i] = Math.min(t, 2);
    flags[i] = t < 2 ? 1 : 0;
  }
  return { times, flags };
}

export function run(): Promise<void> {
  const peer = peerAvailable(['numpy', 'scipy'], 'apt-get install -y python3-scipy');
  const sizes = process.env.KRAMERS_BENCH_SKIP_1E6 === '1' ? [1e4] : [1e4, 1e6];
  console.log('\nestimateEscapeRate (rate, Garwood interval, Kaplan–Meier, Weibull LR test), median ms:');
  console.log('  n        ours      peer      ratio   rate (ours / peer)          Weibull p (ours / peer)');
  for (const n of sizes) {
    const { times, flags } = sample(n);
    const r = estimateEscapeRate(times, { escaped: flags });
    const ours = timeMs(() => estimateEscapeRate(times, { escaped: flags }), { minRepeats: 3, minMs: 300 });
    let line = `  ${String(n).padEnd(8)} ${ours.toFixed(2).padStart(8)}`;
    if (peer) {
      const dir = tempDir();
      const tp = join(dir, 'times.f64');
      const fp = join(dir, 'flags.u8');
      writeF64(tp, times);
      writeFileSync(fp, flags);
      const p = runPeer<PeerResult>('escape_rate.py', [tp, fp, n >= 1e6 ? '3' : '10']);
      if (p.kmSteps !== r.kaplanMeier.times.length) console.log(`  (Kaplan–Meier steps differ: ${r.kaplanMeier.times.length} vs ${p.kmSteps})`);
      line += `  ${p.ms.toFixed(2).padStart(8)}  ${ratio(ours, p.ms).padStart(7)}   ${r.rate.toPrecision(8)} / ${p.rate.toPrecision(8)}   ${(r.exponentiality?.pValue ?? NaN).toPrecision(4)} / ${p.pValue.toPrecision(4)}`;
    }
    console.log(line);
  }

  console.log('\nfindSaddle on Müller–Brown (16 images, CI-NEB + Newton), median ms (no peer):');
  const V = mullerBrown();
  for (const [name, from, to] of [
    ['A → C', [-0.558, 1.442], [-0.05, 0.467]],
    ['C → B', [-0.05, 0.467], [0.623, 0.028]],
  ] as const) {
    const r = findSaddle(V, { from, to });
    const ms = timeMs(() => findSaddle(V, { from, to }));
    console.log(
      `  ${name}: ${ms.toFixed(2)} ms, ${r.iterations} band iterations, saddle (${Array.from(r.saddle.point, (v) => v.toFixed(4)).join(', ')}), converged ${r.converged}`,
    );
  }

  console.log('\nformulas, median µs a call (no peer):');
  const one = timeMs(() => {
    for (let i = 0; i < 1000; i++) kramersEscapeTime({ barrier: 0.25, curvatureMin: 2, curvatureSaddle: -1, diffusion: 0.05 + i * 1e-6 });
  });
  const d = 50;
  const Ha = new Float64Array(d * d);
  const Hb = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    Ha[i * d + i] = 1 + i;
    Hb[i * d + i] = i === 0 ? -1 : 1 + i;
    if (i + 1 < d) Ha[i * d + i + 1] = Ha[(i + 1) * d + i] = Hb[i * d + i + 1] = Hb[(i + 1) * d + i] = 0.1;
  }
  const ek = timeMs(() => kramersEscapeTime({ barrier: 0.25, curvatureMin: Ha, curvatureSaddle: Hb, diffusion: 0.05 }));
  console.log(`  kramersEscapeTime 1-D: ${one.toFixed(2)} µs; Eyring–Kramers, 50×50 Hessians: ${(ek * 1000).toFixed(0)} µs`);
  return Promise.resolve();
}
