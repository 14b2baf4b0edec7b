/**
 * Müller–Brown's gradient in the arithmetic the ensemble's fast paths share: the JavaScript tile
 * (fast-kernels) steps with it, and the SIMD tile's driver (simd-tile-kernels) computes a step with
 * it when an exponential's argument leaves the WebAssembly kernel's range. The operations and their
 * order are objectives/muller-brown's, so the three paths give the same bits. @internal
 *
 * @module
 */
import { exp } from '../core/elementary/index';

const MB_A0 = -200;
const MB_A1 = -100;
const MB_A2 = -170;
const MB_A3 = 15;

/**
 * Müller–Brown's gradient at (x, y) into g[0], g[1]: Σ_k A_k e^{a dx² + b dx dy + c dy²} (2a dx + b dy,
 * b dx + 2c dy), k = 0…3, with the arithmetic and order of objectives/muller-brown (the JavaScript
 * tile's, and what the SIMD tile's caller computes when an exponential's argument leaves the
 * kernel's range). @internal
 */
export function mullerBrownGradient(x: number, y: number, g: Float64Array): void {
  let gx = 0;
  let gy = 0;
  let dx = x - 1;
  let dy = y - 0;
  let E = MB_A0 * exp(-1 * dx * dx + 0 * dx * dy + -10 * dy * dy);
  gx += E * (2 * -1 * dx + 0 * dy);
  gy += E * (0 * dx + 2 * -10 * dy);
  dx = x - 0;
  dy = y - 0.5;
  E = MB_A1 * exp(-1 * dx * dx + 0 * dx * dy + -10 * dy * dy);
  gx += E * (2 * -1 * dx + 0 * dy);
  gy += E * (0 * dx + 2 * -10 * dy);
  dx = x - -0.5;
  dy = y - 1.5;
  E = MB_A2 * exp(-6.5 * dx * dx + 11 * dx * dy + -6.5 * dy * dy);
  gx += E * (2 * -6.5 * dx + 11 * dy);
  gy += E * (11 * dx + 2 * -6.5 * dy);
  dx = x - -1;
  dy = y - 1;
  E = MB_A3 * exp(0.7 * dx * dx + 0.6 * dx * dy + 0.7 * dy * dy);
  gx += E * (2 * 0.7 * dx + 0.6 * dy);
  gy += E * (0.6 * dx + 2 * 0.7 * dy);
  g[0] = gx;
  g[1] = gy;
}
