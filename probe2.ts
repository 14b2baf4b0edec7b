import { blockStream } from './src/random/index';
const out = new Float64Array(1 << 20); const r = blockStream(1, 0);
r.fillNormal(out); const t0 = performance.now(); for (let k = 0; k < 10; k++) r.fillNormal(out);
console.log('block', ((10 * out.length) / (performance.now() - t0) / 1e3).toFixed(1), 'M normals/s');
