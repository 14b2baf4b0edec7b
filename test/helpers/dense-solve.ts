/**
 * Test helper: x = A⁻¹ b by dense Gaussian elimination with partial pivoting (A n×n row-major,
 * copied; b not changed): the independent reference the sparse solvers' tests compare against.
 */
export function denseSolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const y = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c] as number) > Math.abs(m[p * n + c] as number)) p = r;
    for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k] as number, m[c * n + k] as number];
    [y[c], y[p]] = [y[p] as number, y[c] as number];
    for (let r = c + 1; r < n; r++) {
      const l = (m[r * n + c] as number) / (m[c * n + c] as number);
      if (l === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] = (m[r * n + k] as number) - l * (m[c * n + k] as number);
      y[r] = (y[r] as number) - l * (y[c] as number);
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = y[c] as number;
    for (let k = c + 1; k < n; k++) s -= (m[c * n + k] as number) * (y[k] as number);
    y[c] = s / (m[c * n + c] as number);
  }
  return y;
}
