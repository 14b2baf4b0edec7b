import { simulateWalkers, walkerConfig, walkerOutput } from './src/langevin/ensemble-kernels';
import { fastGradient } from './src/langevin/objective-spec';
import { doubleWell } from './src/objectives/index';
const f = doubleWell();
const cfg = walkerConfig({ objective: f, x0: [-1], dt: 0.005, temperature: 0.1, tMax: 50, walkers: 1000, seed: 1 });
for (const fast of [false, true, false, true]) {
  if (fast) cfg.drift.gradient = fastGradient({ builtin: 'doubleWell' }, f)!; else cfg.drift.gradient = (x, g) => { f.gradient(x, g); };
  const out = walkerOutput(1000, 1);
  const t0 = performance.now(); simulateWalkers(cfg, 0, 1000, out);
  console.log(fast, (1e7 / (performance.now() - t0) / 1e3).toFixed(1), 'M/s');
}
