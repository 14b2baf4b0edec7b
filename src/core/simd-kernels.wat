;; SIMD kernels of sgd-dynamics (WebAssembly 128-bit SIMD, f64x2).
;;
;; The source of src/core/simd-kernels-bytes.ts, which `npm run build:wasm` regenerates (with
;; wabt, a dev dependency) and test/core/simd-kernels-bytes.test.ts checks is in sync with this
;; file. Pointers are byte offsets into the imported memory; lengths count doubles. No kernel
;; allocates, traps on valid pointers, or depends on alignment (loads are unaligned-safe). Each
;; lane is plain IEEE binary64 arithmetic (no fused multiply-add), so results are the same on
;; every engine.
(module
  (import "env" "memory" (memory 1))

  ;; out[0..4) = (a·x, b·x, c·x, d·x) over len doubles. One f64x2 accumulator a vector: four
  ;; independent chains, x loaded once for four products.
  (func (export "dot4")
    (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $x i32) (param $len i32) (param $out i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $xv v128)
    (local $j i32) (local $end i32) (local $t0 f64) (local $t1 f64) (local $t2 f64) (local $t3 f64) (local $xs f64)
    (local.set $end (i32.shl (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 4)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $j))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $j))) (local.get $xv))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load (i32.add (local.get $b) (local.get $j))) (local.get $xv))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load (i32.add (local.get $c) (local.get $j))) (local.get $xv))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load (i32.add (local.get $d) (local.get $j))) (local.get $xv))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $pairs)))
    (local.set $t0 (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
    (local.set $t1 (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
    (local.set $t2 (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))))
    (local.set $t3 (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3))))
    ;; odd length: the last element
    (if (i32.and (local.get $len) (i32.const 1))
      (then
        (local.set $xs (f64.load (i32.add (local.get $x) (local.get $end))))
        (local.set $t0 (f64.add (local.get $t0) (f64.mul (f64.load (i32.add (local.get $a) (local.get $end))) (local.get $xs))))
        (local.set $t1 (f64.add (local.get $t1) (f64.mul (f64.load (i32.add (local.get $b) (local.get $end))) (local.get $xs))))
        (local.set $t2 (f64.add (local.get $t2) (f64.mul (f64.load (i32.add (local.get $c) (local.get $end))) (local.get $xs))))
        (local.set $t3 (f64.add (local.get $t3) (f64.mul (f64.load (i32.add (local.get $d) (local.get $end))) (local.get $xs))))))
    (f64.store offset=0 (local.get $out) (local.get $t0))
    (f64.store offset=8 (local.get $out) (local.get $t1))
    (f64.store offset=16 (local.get $out) (local.get $t2))
    (f64.store offset=24 (local.get $out) (local.get $t3)))

  ;; a·x over len doubles (two f64x2 accumulators).
  (func (export "dot1") (param $a i32) (param $x i32) (param $len i32) (result f64)
    (local $s0 v128) (local $s1 v128) (local $j i32) (local $end i32) (local $end2 i32) (local $t f64)
    (local.set $end (i32.shl (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 4)))
    (local.set $end2 (i32.shl (i32.shr_u (local.get $len) (i32.const 2)) (i32.const 5)))
    (block $done
      (loop $quads
        (br_if $done (i32.ge_u (local.get $j) (local.get $end2)))
        (local.set $s0 (f64x2.add (local.get $s0)
          (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $j))) (v128.load (i32.add (local.get $x) (local.get $j))))))
        (local.set $s1 (f64x2.add (local.get $s1)
          (f64x2.mul (v128.load offset=16 (i32.add (local.get $a) (local.get $j))) (v128.load offset=16 (i32.add (local.get $x) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 32)))
        (br $quads)))
    (if (i32.lt_u (local.get $j) (local.get $end))
      (then
        (local.set $s0 (f64x2.add (local.get $s0)
          (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $j))) (v128.load (i32.add (local.get $x) (local.get $j))))))))
    (local.set $s0 (f64x2.add (local.get $s0) (local.get $s1)))
    (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
    (if (i32.and (local.get $len) (i32.const 1))
      (then
        (local.set $t (f64.add (local.get $t)
          (f64.mul (f64.load (i32.add (local.get $a) (local.get $end))) (f64.load (i32.add (local.get $x) (local.get $end))))))))
    (local.get $t))

  ;; y ← y + (k0·a + k1·b) + (k2·c + k3·d) over len doubles, k = coef[0..4).
  (func (export "axpy4")
    (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $coef i32) (param $y i32) (param $len i32)
    (local $k0 v128) (local $k1 v128) (local $k2 v128) (local $k3 v128) (local $j i32) (local $end i32) (local $p i32)
    (local.set $k0 (v128.load64_splat offset=0 (local.get $coef)))
    (local.set $k1 (v128.load64_splat offset=8 (local.get $coef)))
    (local.set $k2 (v128.load64_splat offset=16 (local.get $coef)))
    (local.set $k3 (v128.load64_splat offset=24 (local.get $coef)))
    (local.set $end (i32.shl (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 4)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $p (i32.add (local.get $y) (local.get $j)))
        (v128.store (local.get $p)
          (f64x2.add (v128.load (local.get $p))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $k0) (v128.load (i32.add (local.get $a) (local.get $j))))
                         (f64x2.mul (local.get $k1) (v128.load (i32.add (local.get $b) (local.get $j)))))
              (f64x2.add (f64x2.mul (local.get $k2) (v128.load (i32.add (local.get $c) (local.get $j))))
                         (f64x2.mul (local.get $k3) (v128.load (i32.add (local.get $d) (local.get $j))))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $len) (i32.const 1))
      (then
        (local.set $p (i32.add (local.get $y) (local.get $end)))
        (v128.store64_lane 0 (local.get $p)
          (f64x2.add (v128.load64_zero (local.get $p))
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $k0) (v128.load64_zero (i32.add (local.get $a) (local.get $end))))
                         (f64x2.mul (local.get $k1) (v128.load64_zero (i32.add (local.get $b) (local.get $end)))))
              (f64x2.add (f64x2.mul (local.get $k2) (v128.load64_zero (i32.add (local.get $c) (local.get $end))))
                         (f64x2.mul (local.get $k3) (v128.load64_zero (i32.add (local.get $d) (local.get $end)))))))))))

  ;; y ← y + alpha·x over len doubles.
  (func (export "axpy1") (param $alpha f64) (param $x i32) (param $y i32) (param $len i32)
    (local $k v128) (local $j i32) (local $end i32) (local $p i32)
    (local.set $k (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.shl (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 4)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $p (i32.add (local.get $y) (local.get $j)))
        (v128.store (local.get $p)
          (f64x2.add (v128.load (local.get $p)) (f64x2.mul (local.get $k) (v128.load (i32.add (local.get $x) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $pairs)))
    (if (i32.and (local.get $len) (i32.const 1))
      (then
        (local.set $p (i32.add (local.get $y) (local.get $end)))
        (f64.store (local.get $p)
          (f64.add (f64.load (local.get $p)) (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $x) (local.get $end)))))))))

  ;; out[i] ← Σ v[k]·x[ci[k]] over k ∈ [rp[i], rp[i+1]), in k order, for i < n (a CSR matrix-vector
  ;; product; rp and ci are int32 arrays).
  (func (export "csrMatVec") (param $rp i32) (param $ci i32) (param $v i32) (param $x i32) (param $out i32) (param $n i32)
    (local $i i32) (local $k i32) (local $end i32) (local $s f64)
    (local.set $k (i32.load (local.get $rp)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $end (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $s (f64.const 0))
        (block $rowDone
          (loop $entries
            (br_if $rowDone (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $s (f64.add (local.get $s)
              (f64.mul
                (f64.load (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 3))))
                (f64.load (i32.add (local.get $x)
                  (i32.shl (i32.load (i32.add (local.get $ci) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $entries)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))) (local.get $s))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; C[i][j] += Σₖ A[i][k]·B[j][k] over a panel of len doubles a row, for i < rowsA (a multiple of 2)
  ;; and j < rowsB (a multiple of 4): A and B row-major with row stride len, C row-major with row
  ;; stride ldc. With sym = 1 the tiles wholly below the diagonal (global row ioff + i) are skipped.
  ;; Each entry: two partial sums over the even and the odd offsets (one f64x2 accumulator), added
  ;; (s0 + s1), an odd last element added after, the sum added to C: the order of GRAM_PANEL in
  ;; distance-kernels.ts, which its JavaScript fallback follows. A 2×4 tile of accumulators: two A
  ;; rows and four B rows loaded once a pair of columns for eight products.
  (func (export "gramPanel")
    (param $a i32) (param $rowsA i32) (param $b i32) (param $rowsB i32) (param $len i32)
    (param $c i32) (param $ldc i32) (param $sym i32) (param $ioff i32)
    (local $i i32) (local $j i32) (local $k i32) (local $end i32) (local $rowBytes i32)
    (local $pa0 i32) (local $pa1 i32) (local $pb0 i32) (local $pb1 i32) (local $pb2 i32) (local $pb3 i32) (local $pc i32)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128) (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local $va0 v128) (local $va1 v128) (local $vb v128) (local $t f64) (local $odd i32)
    (local.set $rowBytes (i32.shl (local.get $len) (i32.const 3)))
    (local.set $end (i32.shl (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 4)))
    (local.set $odd (i32.and (local.get $len) (i32.const 1)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rowsA)))
        (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $pa1 (i32.add (local.get $pa0) (local.get $rowBytes)))
        (local.set $j (select (i32.and (i32.add (local.get $ioff) (local.get $i)) (i32.const -4)) (i32.const 0) (local.get $sym)))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $rowsB)))
            (local.set $pb0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $pb1 (i32.add (local.get $pb0) (local.get $rowBytes)))
            (local.set $pb2 (i32.add (local.get $pb1) (local.get $rowBytes)))
            (local.set $pb3 (i32.add (local.get $pb2) (local.get $rowBytes)))
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $s01 (v128.const i64x2 0 0))
            (local.set $s02 (v128.const i64x2 0 0))
            (local.set $s03 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0))
            (local.set $s11 (v128.const i64x2 0 0))
            (local.set $s12 (v128.const i64x2 0 0))
            (local.set $s13 (v128.const i64x2 0 0))
            (local.set $k (i32.const 0))
            (block $pairsDone
              (loop $pairs
                (br_if $pairsDone (i32.ge_u (local.get $k) (local.get $end)))
                (local.set $va0 (v128.load (i32.add (local.get $pa0) (local.get $k))))
                (local.set $va1 (v128.load (i32.add (local.get $pa1) (local.get $k))))
                (local.set $vb (v128.load (i32.add (local.get $pb0) (local.get $k))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $va0) (local.get $vb))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $va1) (local.get $vb))))
                (local.set $vb (v128.load (i32.add (local.get $pb1) (local.get $k))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $va0) (local.get $vb))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $va1) (local.get $vb))))
                (local.set $vb (v128.load (i32.add (local.get $pb2) (local.get $k))))
                (local.set $s02 (f64x2.add (local.get $s02) (f64x2.mul (local.get $va0) (local.get $vb))))
                (local.set $s12 (f64x2.add (local.get $s12) (f64x2.mul (local.get $va1) (local.get $vb))))
                (local.set $vb (v128.load (i32.add (local.get $pb3) (local.get $k))))
                (local.set $s03 (f64x2.add (local.get $s03) (f64x2.mul (local.get $va0) (local.get $vb))))
                (local.set $s13 (f64x2.add (local.get $s13) (f64x2.mul (local.get $va1) (local.get $vb))))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $pairs)))
            (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s00)) (f64x2.extract_lane 1 (local.get $s00))))
            (if (local.get $odd) (then (local.set $t (f64.add (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $pa0) (local.get $end))) (f64.load (i32.add (local.get $pb0) (local.get $end))))))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 0)) (local.get $ldc)) (i32.add (local.get $j) (i32.const 0))) (i32.const 3))))
            (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $t)))
            (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
            (if (local.get $odd) (then (local.set $t (f64.add (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $pa0) (local.get $end))) (f64.load (i32.add (local.get $pb1) (local.get $end))))))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 0)) (local.get $ldc)) (i32.add (local.get $j) (i32.const 1))) (i32.const 3))))
            (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $t)))
            (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s02)) (f64x2.extract_lane 1 (local.get $s02))))
            (if (local.get $odd) (then (local.set $t (f64.add (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $pa0) (local.get $end))) (f64.load (i32.add (local.get $pb2) (local.get $end))))))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 0)) (local.get $ldc)) (i32.add (local.get $j) (i32.const 2))) (i32.const 3))))
            (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $t)))
            (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s03)) (f64x2.extract_lane 1 (local.get $s03))))
            (if (local.get $odd) (then (local.set $t (f64.add (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $pa0) (local.get $end))) (f64.load (i32.add (local.get $pb3) (local.get $end))))))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 0)) (local.get $ldc)) (i32.add (local.get $j) (i32.const 3))) (i32.const 3))))
            (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $t)))
            (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s10)) (f64x2.extract_lane 1 (local.get $s10))))
            (if (local.get $odd) (then (local.set $t (f64.add (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $pa1) (local.get $end))) (f64.load (i32.add (local.get $pb0) (local.get $end))))))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 1)) (local.get $ldc)) (i32.add (local.get $j) (i32.const 0))) (i32.const 3))))
            (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $t)))
            (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s11)) (f64x2.extract_lane 1 (local.get $s11))))
            (if (local.get $odd) (then (local.set $t (f64.add (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $pa1) (local.get $end))) (f64.load (i32.add (local.get $pb1) (local.get $end))))))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 1)) (local.get $ldc)) (i32.add (local.get $j) (i32.const 1))) (i32.const 3))))
            (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $t)))
            (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s12)) (f64x2.extract_lane 1 (local.get $s12))))
            (if (local.get $odd) (then (local.set $t (f64.add (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $pa1) (local.get $end))) (f64.load (i32.add (local.get $pb2) (local.get $end))))))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 1)) (local.get $ldc)) (i32.add (local.get $j) (i32.const 2))) (i32.const 3))))
            (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $t)))
            (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s13)) (f64x2.extract_lane 1 (local.get $s13))))
            (if (local.get $odd) (then (local.set $t (f64.add (local.get $t)
              (f64.mul (f64.load (i32.add (local.get $pa1) (local.get $end))) (f64.load (i32.add (local.get $pb3) (local.get $end))))))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 1)) (local.get $ldc)) (i32.add (local.get $j) (i32.const 3))) (i32.const 3))))
            (f64.store (local.get $pc) (f64.add (f64.load (local.get $pc)) (local.get $t)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows))))

  ;; Stores a 1×4 row of a GEMM tile (lanes lo = columns 0, 1 and hi = 2, 3) at pc: the first nj
  ;; columns only; with acc = 1 each one added to what is there (C += …), else written (C = …).
  (func $gemmPut (param $pc i32) (param $lo v128) (param $hi v128) (param $nj i32) (param $acc i32)
    (if (i32.eq (local.get $nj) (i32.const 4))
      (then
        (if (local.get $acc)
          (then
            (local.set $lo (f64x2.add (v128.load (local.get $pc)) (local.get $lo)))
            (local.set $hi (f64x2.add (v128.load offset=16 (local.get $pc)) (local.get $hi)))))
        (v128.store (local.get $pc) (local.get $lo))
        (v128.store offset=16 (local.get $pc) (local.get $hi))
        (return)))
    (if (local.get $acc)
      (then
        (local.set $lo (f64x2.add (local.get $lo) (v128.load64_zero (local.get $pc))))
        (if (i32.gt_u (local.get $nj) (i32.const 1))
          (then (local.set $lo (f64x2.replace_lane 1 (local.get $lo)
            (f64.add (f64x2.extract_lane 1 (local.get $lo)) (f64.load offset=8 (local.get $pc)))))))
        (if (i32.gt_u (local.get $nj) (i32.const 2))
          (then (local.set $hi (f64x2.replace_lane 0 (local.get $hi)
            (f64.add (f64x2.extract_lane 0 (local.get $hi)) (f64.load offset=16 (local.get $pc)))))))))
    (f64.store (local.get $pc) (f64x2.extract_lane 0 (local.get $lo)))
    (if (i32.gt_u (local.get $nj) (i32.const 1)) (then (f64.store offset=8 (local.get $pc) (f64x2.extract_lane 1 (local.get $lo)))))
    (if (i32.gt_u (local.get $nj) (i32.const 2)) (then (f64.store offset=16 (local.get $pc) (f64x2.extract_lane 0 (local.get $hi))))))

  ;; C (=|+=) op(A)·op(B): C is M×N row-major with row stride ldc; op(A)(i, k) is the double at
  ;; a + 8(i·si + k·sk) and op(B)(k, j) the one at b + 8(k·bsk + j·bsj) (strides in doubles, so
  ;; every layout NN, TN, NT is a choice of strides); acc = 1 adds to C, 0 overwrites it; bp is
  ;; scratch for 4K doubles. For each panel of 4 columns of op(B), the panel is packed (k-major,
  ;; zero-padded past N) into bp, then swept by 4×4 register tiles (eight f64x2 accumulators; each
  ;; k: two B loads, four A splats, sixteen products), the last M mod 4 rows by 1×4 tiles. Each
  ;; entry is s = 0, s ← s + A(i,k)·B(k,j) for k = 0, 1, …, K−1 in turn (no fused multiply-add),
  ;; then C ← s or C ← C + s: the order of gemmJs in gemm-kernels.ts, bit for bit.
  (func (export "gemm")
    (param $a i32) (param $si i32) (param $sk i32) (param $b i32) (param $bsk i32) (param $bsj i32)
    (param $M i32) (param $K i32) (param $N i32) (param $c i32) (param $ldc i32) (param $acc i32) (param $bp i32)
    (local $j0 i32) (local $nj i32) (local $i i32) (local $q i32) (local $qend i32) (local $pb i32) (local $pc i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32) (local $skB i32) (local $siB i32) (local $ldcB i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $b0 v128) (local $b1 v128) (local $v v128)
    (local.set $skB (i32.shl (local.get $sk) (i32.const 3)))
    (local.set $siB (i32.shl (local.get $si) (i32.const 3)))
    (local.set $ldcB (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $bsk (i32.shl (local.get $bsk) (i32.const 3)))
    (local.set $bsj (i32.shl (local.get $bsj) (i32.const 3)))
    (local.set $qend (i32.add (local.get $bp) (i32.shl (local.get $K) (i32.const 5))))
    (block $panelsDone
      (loop $panels
        (br_if $panelsDone (i32.ge_u (local.get $j0) (local.get $N)))
        (local.set $nj (i32.sub (local.get $N) (local.get $j0)))
        (if (i32.gt_u (local.get $nj) (i32.const 4)) (then (local.set $nj (i32.const 4))))
        ;; pack op(B)(k, j0 .. j0+4) into bp[4k .. 4k+4)
        (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $j0) (local.get $bsj))))
        (local.set $q (local.get $bp))
        (block $packDone
          (loop $pack
            (br_if $packDone (i32.ge_u (local.get $q) (local.get $qend)))
            (f64.store offset=0 (local.get $q) (f64.load (local.get $pb)))
            (f64.store offset=8 (local.get $q)
              (select (f64.load (i32.add (local.get $pb) (select (local.get $bsj) (i32.const 0) (i32.gt_u (local.get $nj) (i32.const 1)))))
                (f64.const 0) (i32.gt_u (local.get $nj) (i32.const 1))))
            (f64.store offset=16 (local.get $q)
              (select (f64.load (i32.add (local.get $pb) (select (i32.shl (local.get $bsj) (i32.const 1)) (i32.const 0) (i32.gt_u (local.get $nj) (i32.const 2)))))
                (f64.const 0) (i32.gt_u (local.get $nj) (i32.const 2))))
            (f64.store offset=24 (local.get $q)
              (select (f64.load (i32.add (local.get $pb) (select (i32.mul (local.get $bsj) (i32.const 3)) (i32.const 0) (i32.gt_u (local.get $nj) (i32.const 3)))))
                (f64.const 0) (i32.gt_u (local.get $nj) (i32.const 3))))
            (local.set $pb (i32.add (local.get $pb) (local.get $bsk)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br $pack)))
        ;; 4×4 tiles
        (local.set $i (i32.const 0))
        (block $rows4Done
          (loop $rows4
            (br_if $rows4Done (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $M)))
            (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $siB))))
            (local.set $pa1 (i32.add (local.get $pa0) (local.get $siB)))
            (local.set $pa2 (i32.add (local.get $pa1) (local.get $siB)))
            (local.set $pa3 (i32.add (local.get $pa2) (local.get $siB)))
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $s01 (v128.const i64x2 0 0))
            (local.set $s10 (v128.const i64x2 0 0))
            (local.set $s11 (v128.const i64x2 0 0))
            (local.set $s20 (v128.const i64x2 0 0))
            (local.set $s21 (v128.const i64x2 0 0))
            (local.set $s30 (v128.const i64x2 0 0))
            (local.set $s31 (v128.const i64x2 0 0))
            (local.set $q (local.get $bp))
            (block $kDone
              (loop $k
                (br_if $kDone (i32.ge_u (local.get $q) (local.get $qend)))
                (local.set $b0 (v128.load (local.get $q)))
                (local.set $b1 (v128.load offset=16 (local.get $q)))
                (local.set $v (v128.load64_splat (local.get $pa0)))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $v) (local.get $b0))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $v) (local.get $b1))))
                (local.set $v (v128.load64_splat (local.get $pa1)))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $v) (local.get $b0))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $v) (local.get $b1))))
                (local.set $v (v128.load64_splat (local.get $pa2)))
                (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $v) (local.get $b0))))
                (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $v) (local.get $b1))))
                (local.set $v (v128.load64_splat (local.get $pa3)))
                (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $v) (local.get $b0))))
                (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $v) (local.get $b1))))
                (local.set $pa0 (i32.add (local.get $pa0) (local.get $skB)))
                (local.set $pa1 (i32.add (local.get $pa1) (local.get $skB)))
                (local.set $pa2 (i32.add (local.get $pa2) (local.get $skB)))
                (local.set $pa3 (i32.add (local.get $pa3) (local.get $skB)))
                (local.set $q (i32.add (local.get $q) (i32.const 32)))
                (br $k)))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j0)) (i32.const 3))))
            (call $gemmPut (local.get $pc) (local.get $s00) (local.get $s01) (local.get $nj) (local.get $acc))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldcB)))
            (call $gemmPut (local.get $pc) (local.get $s10) (local.get $s11) (local.get $nj) (local.get $acc))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldcB)))
            (call $gemmPut (local.get $pc) (local.get $s20) (local.get $s21) (local.get $nj) (local.get $acc))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldcB)))
            (call $gemmPut (local.get $pc) (local.get $s30) (local.get $s31) (local.get $nj) (local.get $acc))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $rows4)))
        ;; the last M mod 4 rows: 1×4 tiles
        (block $rows1Done
          (loop $rows1
            (br_if $rows1Done (i32.ge_u (local.get $i) (local.get $M)))
            (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $siB))))
            (local.set $s00 (v128.const i64x2 0 0))
            (local.set $s01 (v128.const i64x2 0 0))
            (local.set $q (local.get $bp))
            (block $k1Done
              (loop $k1
                (br_if $k1Done (i32.ge_u (local.get $q) (local.get $qend)))
                (local.set $v (v128.load64_splat (local.get $pa0)))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $v) (v128.load (local.get $q)))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $v) (v128.load offset=16 (local.get $q)))))
                (local.set $pa0 (i32.add (local.get $pa0) (local.get $skB)))
                (local.set $q (i32.add (local.get $q) (i32.const 32)))
                (br $k1)))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j0)) (i32.const 3))))
            (call $gemmPut (local.get $pc) (local.get $s00) (local.get $s01) (local.get $nj) (local.get $acc))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows1)))
        (local.set $j0 (i32.add (local.get $j0) (i32.const 4)))
        (br $panels))))

  ;; ==== spectral: symmetric dense matrix-vector product from the upper triangle ====
  ;; y ← A x for the n×n row-major A at a, reading only its upper triangle (j ≥ i; A is taken as
  ;; exactly symmetric, the strict lower triangle is never loaded: half the memory traffic of a
  ;; full sweep). Rows go in pairs (i, i + 1), i even; with L = n − i − 2 the columns j ≥ i + 2:
  ;;   s_r = Σ over the pairs of j of A[r][j]·x[j] in an f64x2 accumulator (lane 0: j − i − 2
  ;;         even, lane 1: odd), t_r = lane 0 + lane 1, then (L odd) t_r += A[r][n−1]·x[n−1];
  ;;   y[j] ← y[j] + (x[i]·A[i][j] + x[i+1]·A[i+1][j]) for each j ≥ i + 2;
  ;;   y[i]   ← (y[i] + A[i][i]·x[i]) + (A[i][i+1]·x[i+1] + t_i);
  ;;   y[i+1] ← ((y[i+1] + A[i][i+1]·x[i]) + A[i+1][i+1]·x[i+1]) + t_{i+1};
  ;; and for odd n the last row y[n−1] ← y[n−1] + A[n−1][n−1]·x[n−1]. y starts at 0. The order of
  ;; symmetricMatVecJs in src/spectral/dense-kernels.ts, which its JavaScript fallback follows.
  (func (export "symMatVec") (param $a i32) (param $x i32) (param $y i32) (param $n i32)
    (local $i i32) (local $j i32) (local $end i32) (local $row0 i32) (local $row1 i32) (local $rowBytes i32)
    (local $s0 v128) (local $s1 v128) (local $k0 v128) (local $k1 v128) (local $av0 v128) (local $av1 v128) (local $xv v128)
    (local $xi f64) (local $xi1 f64) (local $t0 f64) (local $t1 f64) (local $a01 f64) (local $xl f64) (local $al0 f64) (local $al1 f64)
    (local $p i32) (local $len i32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    ;; y ← 0
    (local.set $j (i32.const 0))
    (block $zDone
      (loop $z
        (br_if $zDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
        (f64.store (i32.add (local.get $y) (local.get $j)) (f64.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $z)))
    (local.set $i (i32.const 0))
    (block $pairsDone
      (loop $rowPairs
        (br_if $pairsDone (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        (local.set $row0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $row1 (i32.add (local.get $row0) (local.get $rowBytes)))
        (local.set $xi (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $xi1 (f64.load offset=8 (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $k0 (f64x2.splat (local.get $xi)))
        (local.set $k1 (f64x2.splat (local.get $xi1)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        ;; byte offsets of column j = i + 2 .. : the pairs end at i + 2 + 2·floor(L/2)
        (local.set $len (i32.sub (i32.sub (local.get $n) (local.get $i)) (i32.const 2)))
        (local.set $j (i32.shl (i32.add (local.get $i) (i32.const 2)) (i32.const 3)))
        (local.set $end (i32.add (local.get $j) (i32.shl (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 4))))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $end)))
            (local.set $av0 (v128.load (i32.add (local.get $row0) (local.get $j))))
            (local.set $av1 (v128.load (i32.add (local.get $row1) (local.get $j))))
            (local.set $xv (v128.load (i32.add (local.get $x) (local.get $j))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $av0) (local.get $xv))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $av1) (local.get $xv))))
            (local.set $p (i32.add (local.get $y) (local.get $j)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p))
                (f64x2.add (f64x2.mul (local.get $k0) (local.get $av0)) (f64x2.mul (local.get $k1) (local.get $av1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cols)))
        (local.set $t0 (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
        (local.set $t1 (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
        (if (i32.and (local.get $len) (i32.const 1))
          (then
            ;; the odd last column j = n − 1 (byte offset $end)
            (local.set $xl (f64.load (i32.add (local.get $x) (local.get $end))))
            (local.set $al0 (f64.load (i32.add (local.get $row0) (local.get $end))))
            (local.set $al1 (f64.load (i32.add (local.get $row1) (local.get $end))))
            (local.set $t0 (f64.add (local.get $t0) (f64.mul (local.get $al0) (local.get $xl))))
            (local.set $t1 (f64.add (local.get $t1) (f64.mul (local.get $al1) (local.get $xl))))
            (local.set $p (i32.add (local.get $y) (local.get $end)))
            (f64.store (local.get $p)
              (f64.add (f64.load (local.get $p))
                (f64.add (f64.mul (local.get $xi) (local.get $al0)) (f64.mul (local.get $xi1) (local.get $al1)))))))
        ;; the 2×2 diagonal block
        (local.set $p (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $a01 (f64.load offset=8 (i32.add (local.get $row0) (i32.shl (local.get $i) (i32.const 3)))))
        (f64.store (local.get $p)
          (f64.add
            (f64.add (f64.load (local.get $p)) (f64.mul (f64.load (i32.add (local.get $row0) (i32.shl (local.get $i) (i32.const 3)))) (local.get $xi)))
            (f64.add (f64.mul (local.get $a01) (local.get $xi1)) (local.get $t0))))
        (f64.store offset=8 (local.get $p)
          (f64.add
            (f64.add
              (f64.add (f64.load offset=8 (local.get $p)) (f64.mul (local.get $a01) (local.get $xi)))
              (f64.mul (f64.load offset=8 (i32.add (local.get $row1) (i32.shl (local.get $i) (i32.const 3)))) (local.get $xi1)))
            (local.get $t1)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rowPairs)))
    ;; odd n: the last row's diagonal
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then
        (local.set $p (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))
        (f64.store (local.get $p)
          (f64.add (f64.load (local.get $p))
            (f64.mul
              (f64.load (i32.add (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))) (i32.shl (local.get $i) (i32.const 3))))
              (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))))))))
  ;; ==== end spectral ====
)
