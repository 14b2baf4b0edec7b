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

  ;; ==== langevin: the ensemble fast path, walkers in SIMD lanes (src/langevin/simd-tile-kernels.ts) ====
  ;; langevinTile (the 1-D double well, 8 walkers) and langevinTileMB (Müller–Brown, 4 walkers) step
  ;; Euler–Maruyama walkers with D = T·I side by side in groups of four lanes: their xoshiro128** words
  ;; in i32x4 lanes (integer ops, so exactly the words of each scalar stream), the 256-layer ziggurat's
  ;; fast path with the layer tables kn, wn, fn (256 doubles each) in memory, the wedges in scalar code
  ;; ($langevinRare), the gradient and update with the operations of the JavaScript tile
  ;; (langevin/fast-kernels.ts) in their order, no FMA, and exp as core/elementary/exp.ts computes it
  ;; ($langevinExp, $langevinExpLarge, and langevinTileMB's f64x2 copy), its table of 2^(j/128) at $xt (256
  ;; doubles: [head, tail] pairs, core/elementary/tables.ts's EXP_TABLE). They return 1 when a lane's
  ;; normal is in the ziggurat's tail (lanes in `slow`, of normal `which` (0: x, 1: y), their words
  ;; after the draw at u1/u2: the caller finishes them in JavaScript, writes the normals to zx/zy and
  ;; sets phase = which + 1; langevinTileMB's protocol is described above it), 2 when a lane is done (lanes in `done`, those in the stop region in
  ;; `stopped`) or the step count n reaches `limit`, 3 when no lane is active. The context at $p
  ;; (bytes): group g at 256·g: 0 s0 | 16 s1 | 32 s2 | 48 s3 (i32x4) | 64 x[4] | 96 y[4] | 160 zx[4] |
  ;; 192 zy[4] | 224 u1 | 240 u2 (Müller–Brown's one group: 256 gx[4] | 288 gy[4], the gradient handed in); 512 dt sigma k2 k4 k6 level sign cx r2 (f64) | 584 limit | 592 cy |
  ;; 600 n; 608 stopKind (0 none, 1 sign·(θ_hc − level) ≥ 0, 2 ball) | 612 phase | 616 slow | 620 done |
  ;; 624 stopped | 628 which | 632 active (lane bits) | 636 hc (i32); 640 + 64k: Müller–Brown's term k
  ;; (A, a, b, c, x₀, y₀, 2a, 2c; k = 0…3).
  ;; exp(x) as core/elementary/exp.ts computes it (table-driven, Tang 1989): x = n·ln2/128 + r with
  ;; n = round(x·128/ln2) by the shift 1.5·2^52 (ties to even), ln2/128 in a 35-bit head and a tail;
  ;; e^x = 2^k·(head_j + (tail_j + head_j·p)), n = 128k + j, p = e^r − 1 by its Taylor polynomial of
  ;; degree 5, the same operations in the same order, no FMA. 2^(j/128) as [head, tail] pairs (256
  ;; doubles, core/elementary/tables.ts's EXP_TABLE) at $xt. Outside −708 < x < 709.4: $langevinExpLarge.
  (func $langevinExp (param $x f64) (param $xt i32) (result f64)
    (local $n f64) (local $r f64) (local $r2 f64) (local $th f64) (local $ni i32) (local $a i32)
    (if (i32.eqz (i32.and (f64.lt (local.get $x) (f64.const 709.4)) (f64.gt (local.get $x) (f64.const -708)))) (then (return (call $langevinExpLarge (local.get $x)))))
    (local.set $n (f64.sub (f64.add (f64.mul (local.get $x) (f64.const 184.6649652337873)) (f64.const 6755399441055744)) (f64.const 6755399441055744)))
    (local.set $r (f64.sub (f64.sub (local.get $x) (f64.mul (local.get $n) (f64.const 0.005415212347998022))) (f64.mul (local.get $n) (f64.const 1.2655086083325438e-13))))
    (local.set $ni (i32.trunc_f64_s (local.get $n)))
    (local.set $a (i32.add (local.get $xt) (i32.shl (i32.and (local.get $ni) (i32.const 127)) (i32.const 4))))
    (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
    (local.set $th (f64.load (local.get $a)))
    (f64.mul
      (f64.add (local.get $th) (f64.add (f64.load offset=8 (local.get $a)) (f64.mul (local.get $th)
        (f64.add (f64.add (local.get $r) (f64.mul (local.get $r2) (f64.add (f64.const 0.5) (f64.mul (local.get $r) (f64.const 0.16666666666666666)))))
          (f64.mul (f64.mul (local.get $r2) (local.get $r2)) (f64.add (f64.const 0.041666666666666664) (f64.mul (local.get $r) (f64.const 0.008333333333333333))))))))
      (f64.reinterpret_i64 (i64.shl (i64.add (i64.extend_i32_s (i32.shr_s (local.get $ni) (i32.const 7))) (i64.const 1023)) (i64.const 52)))))

  ;; One xoshiro128** word of the lane whose four state words are at $a, $a + 16, $a + 32, $a + 48.
  (func $langevinWord (param $a i32) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $r i32)
    (local.set $s0 (i32.load offset=0 (local.get $a)))
    (local.set $s1 (i32.load offset=16 (local.get $a)))
    (local.set $s2 (i32.xor (i32.load offset=32 (local.get $a)) (local.get $s0)))
    (local.set $s3 (i32.xor (i32.load offset=48 (local.get $a)) (local.get $s1)))
    (local.set $r (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
    (i32.store offset=0 (local.get $a) (i32.xor (local.get $s0) (local.get $s3)))
    (i32.store offset=16 (local.get $a) (i32.xor (local.get $s1) (local.get $s2)))
    (i32.store offset=32 (local.get $a) (i32.xor (local.get $s2) (i32.shl (local.get $s1) (i32.const 9))))
    (i32.store offset=48 (local.get $a) (i32.rotl (local.get $s3) (i32.const 11)))
    (local.get $r))

  ;; Lane j's normal after its fast path failed on the words at u1/u2 (the ziggurat of
  ;; random/xoshiro.ts: a wedge accepts x when fn[i] + U·(fn[i−1] − fn[i]) < exp(−x²/2), U from two
  ;; words; a rejection draws the normal again): 1 with the normal at $zoff (zx or zy), or 0 when the draw is in
  ;; the tail (layer 0 beyond kn[0]), its words at u1/u2, for the caller.
  (func $langevinRare (param $p i32) (param $j i32) (param $kn i32) (param $wn i32) (param $fn i32) (param $zoff i32) (param $xt i32) (result i32)
    (local $a i32) (local $u1 i32) (local $u2 i32) (local $idx i32) (local $rabs f64) (local $x f64) (local $f0 f64) (local $u f64)
    (local.set $a (i32.add (local.get $p) (i32.add (i32.shl (i32.shr_u (local.get $j) (i32.const 2)) (i32.const 8)) (i32.shl (i32.and (local.get $j) (i32.const 3)) (i32.const 2)))))
    (local.set $u1 (i32.load offset=224 (local.get $a)))
    (local.set $u2 (i32.load offset=240 (local.get $a)))
    (loop $draw
      (local.set $idx (i32.shl (i32.and (local.get $u1) (i32.const 255)) (i32.const 3)))
      (local.set $rabs (f64.add (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $u1) (i32.const 9))) (f64.const 536870912)) (f64.convert_i32_u (i32.shr_u (local.get $u2) (i32.const 3)))))
      (local.set $x (f64.mul (local.get $rabs) (f64.load (i32.add (local.get $wn) (local.get $idx)))))
      (if (i32.eqz (f64.lt (local.get $rabs) (f64.load (i32.add (local.get $kn) (local.get $idx))))) (then
        (if (i32.eqz (local.get $idx)) (then
          (i32.store offset=224 (local.get $a) (local.get $u1))
          (i32.store offset=240 (local.get $a) (local.get $u2))
          (return (i32.const 0))))
        (local.set $f0 (f64.load (i32.add (local.get $fn) (local.get $idx))))
        ;; U = (hi·2^26 + lo)/2^53 from two words
        (local.set $u (f64.convert_i32_u (i32.shr_u (call $langevinWord (local.get $a)) (i32.const 5))))
        (local.set $u (f64.div (f64.add (f64.mul (local.get $u) (f64.const 67108864)) (f64.convert_i32_u (i32.shr_u (call $langevinWord (local.get $a)) (i32.const 6)))) (f64.const 9007199254740992)))
        (if (i32.eqz (f64.lt (f64.add (local.get $f0) (f64.mul (local.get $u) (f64.sub (f64.load (i32.sub (i32.add (local.get $fn) (local.get $idx)) (i32.const 8))) (local.get $f0))))
              (call $langevinExp (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x)) (local.get $xt)))) (then
          (local.set $u1 (call $langevinWord (local.get $a)))
          (local.set $u2 (call $langevinWord (local.get $a)))
          (br $draw))))))
    (f64.store (i32.add (i32.add (local.get $a) (local.get $zoff)) (i32.shl (i32.and (local.get $j) (i32.const 3)) (i32.const 2))) (f64.mul (local.get $x) (f64.convert_i32_s (i32.sub (i32.const 1) (i32.and (i32.shr_u (local.get $u1) (i32.const 7)) (i32.const 2))))))
    (i32.const 1))

  ;; core/elementary/exp.ts's expLarge (fdlibm's e_exp.c): exp(x) for x ≤ −708, x ≥ 709.4, ±∞ and NaN
  ;; (overflow, underflow, subnormal results); Math.round(x/ln2) as floor plus one when the fraction (exact) is ≥ 1/2.
  (func $langevinExpLarge (param $x f64) (result f64)
    (local $v f64) (local $f f64) (local $k f64) (local $hi f64) (local $lo f64) (local $r f64) (local $t f64) (local $c f64) (local $y f64)
    (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
    (if (f64.gt (local.get $x) (f64.const 7.09782712893383973096e2)) (then (return (f64.const inf))))
    (if (f64.lt (local.get $x) (f64.const -7.4513321910194110842e2)) (then (return (f64.const 0))))
    (local.set $v (f64.mul (local.get $x) (f64.const 1.442695040888963387)))
    (local.set $f (f64.floor (local.get $v)))
    (local.set $k (select (f64.add (local.get $f) (f64.const 1)) (local.get $f) (f64.ge (f64.sub (local.get $v) (local.get $f)) (f64.const 0.5))))
    (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 6.9314718036912381649e-1))))
    (local.set $lo (f64.mul (local.get $k) (f64.const 1.90821492927058770002e-10)))
    (local.set $r (f64.sub (local.get $hi) (local.get $lo)))
    (local.set $t (f64.mul (local.get $r) (local.get $r)))
    (local.set $c (f64.sub (local.get $r) (f64.mul (local.get $t) (f64.add (f64.const 1.66666666666666019037e-1) (f64.mul (local.get $t)
      (f64.add (f64.const -2.77777777770155933842e-3) (f64.mul (local.get $t) (f64.add (f64.const 6.61375632143793436117e-5) (f64.mul (local.get $t)
      (f64.add (f64.const -1.6533902205465251539e-6) (f64.mul (local.get $t) (f64.const 4.13813679705723846039e-8))))))))))))
    (local.set $y (f64.sub (f64.const 1) (f64.sub (f64.sub (local.get $lo) (f64.div (f64.mul (local.get $r) (local.get $c)) (f64.sub (f64.const 2) (local.get $c)))) (local.get $hi))))
    (if (f64.ge (local.get $k) (f64.const -1021)) (then
      (if (f64.eq (local.get $k) (f64.const 1024)) (then (return (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 0x1p1023)))))
      (return (f64.mul (local.get $y) (f64.reinterpret_i64 (i64.shl (i64.add (i64.trunc_f64_s (local.get $k)) (i64.const 1023)) (i64.const 52)))))))
    (f64.mul (f64.mul (local.get $y) (f64.reinterpret_i64 (i64.shl (i64.add (i64.trunc_f64_s (local.get $k)) (i64.const 2023)) (i64.const 52)))) (f64.const 0x1p-1000)))
  ;; Test entry (test/langevin/simd-tile.test.ts): out[i] ← exp(x[i]), i < len. simd = 1 (len a multiple
  ;; of 4): four arguments at a time with the operations langevinTileMB runs on four exponents (two f64x2
  ;; pairs, the integer n of both reductions in one i32x4, the table addresses and 2^k from it); a lane
  ;; outside −708 < x < 709.4 (or NaN), which the kernel never meets inside its box, through
  ;; $langevinExpLarge. simd = 0: the scalar $langevinExp of the wedges.
  (func (export "langevinExpTest") (param $x i32) (param $out i32) (param $len i32) (param $simd i32) (param $xt i32)
    (local $i i32) (local $a i32) (local $o i32) (local $j i32) (local $v f64) (local $ta0 i32) (local $ta1 i32) (local $ta2 i32) (local $ta3 i32) (local $xu v128) (local $xv v128) (local $etu v128) (local $etv v128) (local $enu v128) (local $env v128) (local $eru v128) (local $erv v128) (local $er2u v128) (local $er2v v128) (local $thu v128) (local $thv v128) (local $ei v128) (local $sc v128)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $a (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3))))
        (if (local.get $simd) (then
          (local.set $xu (v128.load (local.get $a)))
          (local.set $xv (v128.load offset=16 (local.get $a)))
          (local.set $etu (f64x2.add (f64x2.mul (local.get $xu) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
          (local.set $enu (f64x2.sub (local.get $etu) (v128.const f64x2 6755399441055744 6755399441055744)))
          (local.set $eru (f64x2.sub (f64x2.sub (local.get $xu) (f64x2.mul (local.get $enu) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $enu) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
          (local.set $etv (f64x2.add (f64x2.mul (local.get $xv) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
          (local.set $env (f64x2.sub (local.get $etv) (v128.const f64x2 6755399441055744 6755399441055744)))
          (local.set $erv (f64x2.sub (f64x2.sub (local.get $xv) (f64x2.mul (local.get $env) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $env) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
          (local.set $ei (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $etu) (local.get $etv)))
          (local.set $sc (i32x4.shl (i32x4.add (i32x4.shr_s (local.get $ei) (i32.const 7)) (v128.const i32x4 1023 1023 1023 1023)) (i32.const 20)))
          (local.set $ei (i32x4.add (i32x4.shl (v128.and (local.get $ei) (v128.const i32x4 127 127 127 127)) (i32.const 4)) (i32x4.splat (local.get $xt))))
          (local.set $ta0 (i32x4.extract_lane 0 (local.get $ei)))
          (local.set $ta1 (i32x4.extract_lane 1 (local.get $ei)))
          (local.set $ta2 (i32x4.extract_lane 2 (local.get $ei)))
          (local.set $ta3 (i32x4.extract_lane 3 (local.get $ei)))
          (local.set $er2u (f64x2.mul (local.get $eru) (local.get $eru)))
          (local.set $thu (v128.load64_lane 1 (local.get $ta1) (v128.load64_zero (local.get $ta0))))
          (v128.store (local.get $o) (f64x2.mul (f64x2.add (local.get $thu) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta1) (v128.load64_zero offset=8 (local.get $ta0))) (f64x2.mul (local.get $thu) (f64x2.add (f64x2.add (local.get $eru) (f64x2.mul (local.get $er2u) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $eru) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2u) (local.get $er2u)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $eru) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (v128.const i32x4 0 0 0 0) (local.get $sc))))
          (local.set $er2v (f64x2.mul (local.get $erv) (local.get $erv)))
          (local.set $thv (v128.load64_lane 1 (local.get $ta3) (v128.load64_zero (local.get $ta2))))
          (v128.store offset=16 (local.get $o) (f64x2.mul (f64x2.add (local.get $thv) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta3) (v128.load64_zero offset=8 (local.get $ta2))) (f64x2.mul (local.get $thv) (f64x2.add (f64x2.add (local.get $erv) (f64x2.mul (local.get $er2v) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $erv) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2v) (local.get $er2v)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $erv) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (v128.const i32x4 0 0 0 0) (local.get $sc))))
          (local.set $j (i32.const 0))
          (loop $lanes
            (local.set $v (f64.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3)))))
            (if (i32.eqz (i32.and (f64.lt (local.get $v) (f64.const 709.4)) (f64.gt (local.get $v) (f64.const -708)))) (then
              (f64.store (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 3))) (call $langevinExpLarge (local.get $v)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $lanes (i32.lt_u (local.get $j) (i32.const 4))))
          (local.set $i (i32.add (local.get $i) (i32.const 4))))
        (else
          (f64.store (local.get $o) (call $langevinExp (f64.load (local.get $a)) (local.get $xt)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (br $each))))
  (func (export "langevinTile") (param $p i32) (param $kn i32) (param $wn i32) (param $fn i32) (param $xt i32) (result i32)
    (local $s0_0 v128) (local $s1_0 v128) (local $s2_0 v128) (local $s3_0 v128) (local $r_0 v128) (local $t_0 v128) (local $u1_0 v128) (local $u2_0 v128) (local $idx_0 v128) (local $hi_0 v128) (local $lo_0 v128) (local $ra_0 v128) (local $rb_0 v128) (local $sg_0 v128) (local $xa_0 v128) (local $xb_0 v128) (local $ya_0 v128) (local $yb_0 v128) (local $zxa_0 v128) (local $zxb_0 v128) (local $zya_0 v128) (local $zyb_0 v128) (local $s0_1 v128) (local $s1_1 v128) (local $s2_1 v128) (local $s3_1 v128) (local $r_1 v128) (local $t_1 v128) (local $u1_1 v128) (local $u2_1 v128) (local $idx_1 v128) (local $hi_1 v128) (local $lo_1 v128) (local $ra_1 v128) (local $rb_1 v128) (local $sg_1 v128) (local $xa_1 v128) (local $xb_1 v128) (local $ya_1 v128) (local $yb_1 v128) (local $zxa_1 v128) (local $zxb_1 v128) (local $zya_1 v128) (local $zyb_1 v128) (local $dt v128) (local $sigma v128) (local $k2 v128) (local $k4 v128) (local $k6 v128) (local $level v128) (local $sign v128) (local $cx v128) (local $cy v128) (local $r2 v128) (local $q v128) (local $gx v128) (local $gy v128) (local $dx v128) (local $dy v128) (local $arg v128) (local $E v128) (local $n f64) (local $limit f64) (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $slow i32) (local $active i32) (local $phase i32) (local $stopKind i32) (local $hc i32) (local $j i32) (local $done i32) (local $stopped i32) (local $kt i32)
    (local.set $s0_0 (v128.load offset=0 (local.get $p)))
    (local.set $s1_0 (v128.load offset=16 (local.get $p)))
    (local.set $s2_0 (v128.load offset=32 (local.get $p)))
    (local.set $s3_0 (v128.load offset=48 (local.get $p)))
    (local.set $xa_0 (v128.load offset=64 (local.get $p)))
    (local.set $xb_0 (v128.load offset=80 (local.get $p)))
    (local.set $s0_1 (v128.load offset=256 (local.get $p)))
    (local.set $s1_1 (v128.load offset=272 (local.get $p)))
    (local.set $s2_1 (v128.load offset=288 (local.get $p)))
    (local.set $s3_1 (v128.load offset=304 (local.get $p)))
    (local.set $xa_1 (v128.load offset=320 (local.get $p)))
    (local.set $xb_1 (v128.load offset=336 (local.get $p)))
    (local.set $dt (v128.load64_splat offset=512 (local.get $p)))
    (local.set $sigma (v128.load64_splat offset=520 (local.get $p)))
    (local.set $k2 (v128.load64_splat offset=528 (local.get $p)))
    (local.set $k4 (v128.load64_splat offset=536 (local.get $p)))
    (local.set $k6 (v128.load64_splat offset=544 (local.get $p)))
    (local.set $level (v128.load64_splat offset=552 (local.get $p)))
    (local.set $sign (v128.load64_splat offset=560 (local.get $p)))
    (local.set $cx (v128.load64_splat offset=568 (local.get $p)))
    (local.set $r2 (v128.load64_splat offset=576 (local.get $p)))
    (local.set $cy (v128.load64_splat offset=592 (local.get $p)))
    (local.set $limit (f64.load offset=584 (local.get $p)))
    (local.set $n (f64.load offset=600 (local.get $p)))
    (local.set $stopKind (i32.load offset=608 (local.get $p)))
    (local.set $phase (i32.load offset=612 (local.get $p)))
    (local.set $active (i32.load offset=632 (local.get $p)))
    (local.set $hc (i32.load offset=636 (local.get $p)))
    (if (i32.eqz (local.get $active)) (then (return (i32.const 3))))
    (loop $step
      (if (i32.le_u (local.get $phase) (i32.const 0)) (then
        (local.set $slow (i32.const 0))
        (local.set $r_0 (i32x4.add (local.get $s1_0) (i32x4.shl (local.get $s1_0) (i32.const 2))))
        (local.set $t_0 (v128.or (i32x4.shl (local.get $r_0) (i32.const 7)) (i32x4.shr_u (local.get $r_0) (i32.const 25))))
        (local.set $u1_0 (i32x4.add (local.get $t_0) (i32x4.shl (local.get $t_0) (i32.const 3))))
        (local.set $t_0 (i32x4.shl (local.get $s1_0) (i32.const 9)))
        (local.set $s2_0 (v128.xor (local.get $s2_0) (local.get $s0_0)))
        (local.set $s3_0 (v128.xor (local.get $s3_0) (local.get $s1_0)))
        (local.set $s1_0 (v128.xor (local.get $s1_0) (local.get $s2_0)))
        (local.set $s0_0 (v128.xor (local.get $s0_0) (local.get $s3_0)))
        (local.set $s2_0 (v128.xor (local.get $s2_0) (local.get $t_0)))
        (local.set $s3_0 (v128.or (i32x4.shl (local.get $s3_0) (i32.const 11)) (i32x4.shr_u (local.get $s3_0) (i32.const 21))))
        (local.set $r_0 (i32x4.add (local.get $s1_0) (i32x4.shl (local.get $s1_0) (i32.const 2))))
        (local.set $t_0 (v128.or (i32x4.shl (local.get $r_0) (i32.const 7)) (i32x4.shr_u (local.get $r_0) (i32.const 25))))
        (local.set $u2_0 (i32x4.add (local.get $t_0) (i32x4.shl (local.get $t_0) (i32.const 3))))
        (local.set $t_0 (i32x4.shl (local.get $s1_0) (i32.const 9)))
        (local.set $s2_0 (v128.xor (local.get $s2_0) (local.get $s0_0)))
        (local.set $s3_0 (v128.xor (local.get $s3_0) (local.get $s1_0)))
        (local.set $s1_0 (v128.xor (local.get $s1_0) (local.get $s2_0)))
        (local.set $s0_0 (v128.xor (local.get $s0_0) (local.get $s3_0)))
        (local.set $s2_0 (v128.xor (local.get $s2_0) (local.get $t_0)))
        (local.set $s3_0 (v128.or (i32x4.shl (local.get $s3_0) (i32.const 11)) (i32x4.shr_u (local.get $s3_0) (i32.const 21))))
        (local.set $idx_0 (i32x4.shl (v128.and (local.get $u1_0) (v128.const i32x4 255 255 255 255)) (i32.const 3)))
        (local.set $hi_0 (i32x4.shr_u (local.get $u1_0) (i32.const 9)))
        (local.set $lo_0 (i32x4.shr_u (local.get $u2_0) (i32.const 3)))
        (local.set $ra_0 (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $hi_0)) (v128.const f64x2 536870912 536870912)) (f64x2.convert_low_i32x4_s (local.get $lo_0))))
        (local.set $rb_0 (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $hi_0) (local.get $hi_0))) (v128.const f64x2 536870912 536870912)) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo_0) (local.get $lo_0)))))
        (local.set $a0 (i32x4.extract_lane 0 (local.get $idx_0)))
        (local.set $a1 (i32x4.extract_lane 1 (local.get $idx_0)))
        (local.set $a2 (i32x4.extract_lane 2 (local.get $idx_0)))
        (local.set $a3 (i32x4.extract_lane 3 (local.get $idx_0)))
        (local.set $sg_0 (i32x4.sub (v128.const i32x4 1 1 1 1) (v128.and (i32x4.shr_u (local.get $u1_0) (i32.const 7)) (v128.const i32x4 2 2 2 2))))
        (local.set $zxa_0 (f64x2.mul (f64x2.mul (local.get $ra_0) (v128.load64_lane 1 (i32.add (local.get $wn) (local.get $a1)) (v128.load64_zero (i32.add (local.get $wn) (local.get $a0))))) (f64x2.convert_low_i32x4_s (local.get $sg_0))))
        (local.set $zxb_0 (f64x2.mul (f64x2.mul (local.get $rb_0) (v128.load64_lane 1 (i32.add (local.get $wn) (local.get $a3)) (v128.load64_zero (i32.add (local.get $wn) (local.get $a2))))) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sg_0) (local.get $sg_0)))))
        (local.set $slow (i32.or (local.get $slow) (i32.shl (i32.xor (i32.or (i64x2.bitmask (f64x2.lt (local.get $ra_0) (v128.load64_lane 1 (i32.add (local.get $kn) (local.get $a1)) (v128.load64_zero (i32.add (local.get $kn) (local.get $a0)))))) (i32.shl (i64x2.bitmask (f64x2.lt (local.get $rb_0) (v128.load64_lane 1 (i32.add (local.get $kn) (local.get $a3)) (v128.load64_zero (i32.add (local.get $kn) (local.get $a2)))))) (i32.const 2))) (i32.const 15)) (i32.const 0))))
        (local.set $r_1 (i32x4.add (local.get $s1_1) (i32x4.shl (local.get $s1_1) (i32.const 2))))
        (local.set $t_1 (v128.or (i32x4.shl (local.get $r_1) (i32.const 7)) (i32x4.shr_u (local.get $r_1) (i32.const 25))))
        (local.set $u1_1 (i32x4.add (local.get $t_1) (i32x4.shl (local.get $t_1) (i32.const 3))))
        (local.set $t_1 (i32x4.shl (local.get $s1_1) (i32.const 9)))
        (local.set $s2_1 (v128.xor (local.get $s2_1) (local.get $s0_1)))
        (local.set $s3_1 (v128.xor (local.get $s3_1) (local.get $s1_1)))
        (local.set $s1_1 (v128.xor (local.get $s1_1) (local.get $s2_1)))
        (local.set $s0_1 (v128.xor (local.get $s0_1) (local.get $s3_1)))
        (local.set $s2_1 (v128.xor (local.get $s2_1) (local.get $t_1)))
        (local.set $s3_1 (v128.or (i32x4.shl (local.get $s3_1) (i32.const 11)) (i32x4.shr_u (local.get $s3_1) (i32.const 21))))
        (local.set $r_1 (i32x4.add (local.get $s1_1) (i32x4.shl (local.get $s1_1) (i32.const 2))))
        (local.set $t_1 (v128.or (i32x4.shl (local.get $r_1) (i32.const 7)) (i32x4.shr_u (local.get $r_1) (i32.const 25))))
        (local.set $u2_1 (i32x4.add (local.get $t_1) (i32x4.shl (local.get $t_1) (i32.const 3))))
        (local.set $t_1 (i32x4.shl (local.get $s1_1) (i32.const 9)))
        (local.set $s2_1 (v128.xor (local.get $s2_1) (local.get $s0_1)))
        (local.set $s3_1 (v128.xor (local.get $s3_1) (local.get $s1_1)))
        (local.set $s1_1 (v128.xor (local.get $s1_1) (local.get $s2_1)))
        (local.set $s0_1 (v128.xor (local.get $s0_1) (local.get $s3_1)))
        (local.set $s2_1 (v128.xor (local.get $s2_1) (local.get $t_1)))
        (local.set $s3_1 (v128.or (i32x4.shl (local.get $s3_1) (i32.const 11)) (i32x4.shr_u (local.get $s3_1) (i32.const 21))))
        (local.set $idx_1 (i32x4.shl (v128.and (local.get $u1_1) (v128.const i32x4 255 255 255 255)) (i32.const 3)))
        (local.set $hi_1 (i32x4.shr_u (local.get $u1_1) (i32.const 9)))
        (local.set $lo_1 (i32x4.shr_u (local.get $u2_1) (i32.const 3)))
        (local.set $ra_1 (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $hi_1)) (v128.const f64x2 536870912 536870912)) (f64x2.convert_low_i32x4_s (local.get $lo_1))))
        (local.set $rb_1 (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $hi_1) (local.get $hi_1))) (v128.const f64x2 536870912 536870912)) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo_1) (local.get $lo_1)))))
        (local.set $a0 (i32x4.extract_lane 0 (local.get $idx_1)))
        (local.set $a1 (i32x4.extract_lane 1 (local.get $idx_1)))
        (local.set $a2 (i32x4.extract_lane 2 (local.get $idx_1)))
        (local.set $a3 (i32x4.extract_lane 3 (local.get $idx_1)))
        (local.set $sg_1 (i32x4.sub (v128.const i32x4 1 1 1 1) (v128.and (i32x4.shr_u (local.get $u1_1) (i32.const 7)) (v128.const i32x4 2 2 2 2))))
        (local.set $zxa_1 (f64x2.mul (f64x2.mul (local.get $ra_1) (v128.load64_lane 1 (i32.add (local.get $wn) (local.get $a1)) (v128.load64_zero (i32.add (local.get $wn) (local.get $a0))))) (f64x2.convert_low_i32x4_s (local.get $sg_1))))
        (local.set $zxb_1 (f64x2.mul (f64x2.mul (local.get $rb_1) (v128.load64_lane 1 (i32.add (local.get $wn) (local.get $a3)) (v128.load64_zero (i32.add (local.get $wn) (local.get $a2))))) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sg_1) (local.get $sg_1)))))
        (local.set $slow (i32.or (local.get $slow) (i32.shl (i32.xor (i32.or (i64x2.bitmask (f64x2.lt (local.get $ra_1) (v128.load64_lane 1 (i32.add (local.get $kn) (local.get $a1)) (v128.load64_zero (i32.add (local.get $kn) (local.get $a0)))))) (i32.shl (i64x2.bitmask (f64x2.lt (local.get $rb_1) (v128.load64_lane 1 (i32.add (local.get $kn) (local.get $a3)) (v128.load64_zero (i32.add (local.get $kn) (local.get $a2)))))) (i32.const 2))) (i32.const 15)) (i32.const 4))))
        (local.set $slow (i32.and (local.get $slow) (local.get $active)))
        (if (local.get $slow) (then
          (v128.store offset=0 (local.get $p) (local.get $s0_0))
          (v128.store offset=16 (local.get $p) (local.get $s1_0))
          (v128.store offset=32 (local.get $p) (local.get $s2_0))
          (v128.store offset=48 (local.get $p) (local.get $s3_0))
          (v128.store offset=256 (local.get $p) (local.get $s0_1))
          (v128.store offset=272 (local.get $p) (local.get $s1_1))
          (v128.store offset=288 (local.get $p) (local.get $s2_1))
          (v128.store offset=304 (local.get $p) (local.get $s3_1))
          (v128.store offset=160 (local.get $p) (local.get $zxa_0))
          (v128.store offset=176 (local.get $p) (local.get $zxb_0))
          (v128.store offset=416 (local.get $p) (local.get $zxa_1))
          (v128.store offset=432 (local.get $p) (local.get $zxb_1))
          (v128.store offset=224 (local.get $p) (local.get $u1_0))
          (v128.store offset=240 (local.get $p) (local.get $u2_0))
          (v128.store offset=480 (local.get $p) (local.get $u1_1))
          (v128.store offset=496 (local.get $p) (local.get $u2_1))
          (local.set $j (i32.const 0))
          (loop $lanes0
            (if (i32.and (local.get $slow) (i32.shl (i32.const 1) (local.get $j))) (then
              (if (call $langevinRare (local.get $p) (local.get $j) (local.get $kn) (local.get $wn) (local.get $fn) (i32.const 160) (local.get $xt)) (then
                (local.set $slow (i32.xor (local.get $slow) (i32.shl (i32.const 1) (local.get $j))))
              ))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $lanes0 (i32.lt_u (local.get $j) (i32.const 8))))
          (local.set $s0_0 (v128.load offset=0 (local.get $p)))
          (local.set $s1_0 (v128.load offset=16 (local.get $p)))
          (local.set $s2_0 (v128.load offset=32 (local.get $p)))
          (local.set $s3_0 (v128.load offset=48 (local.get $p)))
          (local.set $s0_1 (v128.load offset=256 (local.get $p)))
          (local.set $s1_1 (v128.load offset=272 (local.get $p)))
          (local.set $s2_1 (v128.load offset=288 (local.get $p)))
          (local.set $s3_1 (v128.load offset=304 (local.get $p)))
          (local.set $zxa_0 (v128.load offset=160 (local.get $p)))
          (local.set $zxb_0 (v128.load offset=176 (local.get $p)))
          (local.set $zxa_1 (v128.load offset=416 (local.get $p)))
          (local.set $zxb_1 (v128.load offset=432 (local.get $p)))
            (if (local.get $slow) (then
            (v128.store offset=64 (local.get $p) (local.get $xa_0))
            (v128.store offset=80 (local.get $p) (local.get $xb_0))
            (v128.store offset=320 (local.get $p) (local.get $xa_1))
            (v128.store offset=336 (local.get $p) (local.get $xb_1))
            (f64.store offset=600 (local.get $p) (local.get $n))
            (i32.store offset=616 (local.get $p) (local.get $slow))
            (i32.store offset=628 (local.get $p) (i32.const 0))
            (return (i32.const 1))))
          ))
      ) (else
        (local.set $zxa_0 (v128.load offset=160 (local.get $p)))
        (local.set $zxb_0 (v128.load offset=176 (local.get $p)))
        (local.set $zxa_1 (v128.load offset=416 (local.get $p)))
        (local.set $zxb_1 (v128.load offset=432 (local.get $p)))
      ))
      (local.set $phase (i32.const 0))
      (local.set $q (f64x2.mul (local.get $xa_0) (local.get $xa_0)))
      (local.set $gx (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $xa_0) (f64x2.add (local.get $k2) (f64x2.mul (local.get $q) (f64x2.add (local.get $k4) (f64x2.mul (local.get $k6) (local.get $q))))))))
      (local.set $xa_0 (f64x2.add (f64x2.sub (local.get $xa_0) (f64x2.mul (local.get $dt) (local.get $gx))) (f64x2.mul (local.get $sigma) (local.get $zxa_0))))
      (local.set $q (f64x2.mul (local.get $xb_0) (local.get $xb_0)))
      (local.set $gx (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $xb_0) (f64x2.add (local.get $k2) (f64x2.mul (local.get $q) (f64x2.add (local.get $k4) (f64x2.mul (local.get $k6) (local.get $q))))))))
      (local.set $xb_0 (f64x2.add (f64x2.sub (local.get $xb_0) (f64x2.mul (local.get $dt) (local.get $gx))) (f64x2.mul (local.get $sigma) (local.get $zxb_0))))
      (local.set $q (f64x2.mul (local.get $xa_1) (local.get $xa_1)))
      (local.set $gx (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $xa_1) (f64x2.add (local.get $k2) (f64x2.mul (local.get $q) (f64x2.add (local.get $k4) (f64x2.mul (local.get $k6) (local.get $q))))))))
      (local.set $xa_1 (f64x2.add (f64x2.sub (local.get $xa_1) (f64x2.mul (local.get $dt) (local.get $gx))) (f64x2.mul (local.get $sigma) (local.get $zxa_1))))
      (local.set $q (f64x2.mul (local.get $xb_1) (local.get $xb_1)))
      (local.set $gx (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $xb_1) (f64x2.add (local.get $k2) (f64x2.mul (local.get $q) (f64x2.add (local.get $k4) (f64x2.mul (local.get $k6) (local.get $q))))))))
      (local.set $xb_1 (f64x2.add (f64x2.sub (local.get $xb_1) (f64x2.mul (local.get $dt) (local.get $gx))) (f64x2.mul (local.get $sigma) (local.get $zxb_1))))
      (local.set $n (f64.add (local.get $n) (f64.const 1)))
      (local.set $stopped (i32.const 0))
      (if (i32.eq (local.get $stopKind) (i32.const 1)) (then
        (local.set $stopped (i32.or (i32.or (i32.or (i32.shl (i64x2.bitmask (f64x2.ge (f64x2.mul (local.get $sign) (f64x2.sub (local.get $xa_0) (local.get $level))) (v128.const f64x2 0 0))) (i32.const 0)) (i32.shl (i64x2.bitmask (f64x2.ge (f64x2.mul (local.get $sign) (f64x2.sub (local.get $xb_0) (local.get $level))) (v128.const f64x2 0 0))) (i32.const 2))) (i32.shl (i64x2.bitmask (f64x2.ge (f64x2.mul (local.get $sign) (f64x2.sub (local.get $xa_1) (local.get $level))) (v128.const f64x2 0 0))) (i32.const 4))) (i32.shl (i64x2.bitmask (f64x2.ge (f64x2.mul (local.get $sign) (f64x2.sub (local.get $xb_1) (local.get $level))) (v128.const f64x2 0 0))) (i32.const 6))))
      ))
      (if (i32.eq (local.get $stopKind) (i32.const 2)) (then
        (local.set $stopped (i32.or (i32.or (i32.or (i32.shl (i64x2.bitmask (f64x2.le (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (f64x2.sub (local.get $xa_0) (local.get $cx)) (f64x2.sub (local.get $xa_0) (local.get $cx)))) (local.get $r2))) (i32.const 0)) (i32.shl (i64x2.bitmask (f64x2.le (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (f64x2.sub (local.get $xb_0) (local.get $cx)) (f64x2.sub (local.get $xb_0) (local.get $cx)))) (local.get $r2))) (i32.const 2))) (i32.shl (i64x2.bitmask (f64x2.le (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (f64x2.sub (local.get $xa_1) (local.get $cx)) (f64x2.sub (local.get $xa_1) (local.get $cx)))) (local.get $r2))) (i32.const 4))) (i32.shl (i64x2.bitmask (f64x2.le (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (f64x2.sub (local.get $xb_1) (local.get $cx)) (f64x2.sub (local.get $xb_1) (local.get $cx)))) (local.get $r2))) (i32.const 6))))
      ))
      (local.set $done (i32.and (i32.or (local.get $stopped) (i32.xor (i32.or (i32.or (i32.or (i32.shl (i64x2.bitmask (f64x2.eq (f64x2.sub (local.get $xa_0) (local.get $xa_0)) (v128.const f64x2 0 0))) (i32.const 0)) (i32.shl (i64x2.bitmask (f64x2.eq (f64x2.sub (local.get $xb_0) (local.get $xb_0)) (v128.const f64x2 0 0))) (i32.const 2))) (i32.shl (i64x2.bitmask (f64x2.eq (f64x2.sub (local.get $xa_1) (local.get $xa_1)) (v128.const f64x2 0 0))) (i32.const 4))) (i32.shl (i64x2.bitmask (f64x2.eq (f64x2.sub (local.get $xb_1) (local.get $xb_1)) (v128.const f64x2 0 0))) (i32.const 6))) (i32.const 255))) (local.get $active)))
      (if (i32.or (local.get $done) (f64.ge (local.get $n) (local.get $limit))) (then
        (v128.store offset=0 (local.get $p) (local.get $s0_0))
        (v128.store offset=16 (local.get $p) (local.get $s1_0))
        (v128.store offset=32 (local.get $p) (local.get $s2_0))
        (v128.store offset=48 (local.get $p) (local.get $s3_0))
        (v128.store offset=256 (local.get $p) (local.get $s0_1))
        (v128.store offset=272 (local.get $p) (local.get $s1_1))
        (v128.store offset=288 (local.get $p) (local.get $s2_1))
        (v128.store offset=304 (local.get $p) (local.get $s3_1))
        (v128.store offset=64 (local.get $p) (local.get $xa_0))
        (v128.store offset=80 (local.get $p) (local.get $xb_0))
        (v128.store offset=320 (local.get $p) (local.get $xa_1))
        (v128.store offset=336 (local.get $p) (local.get $xb_1))
        (f64.store offset=600 (local.get $p) (local.get $n))
        (i32.store offset=620 (local.get $p) (local.get $done))
        (i32.store offset=624 (local.get $p) (i32.and (local.get $stopped) (local.get $done)))
        (i32.store offset=612 (local.get $p) (i32.const 0))
        (return (i32.const 2))))
      (br $step))
    (i32.const 0))

  ;; langevinTileMB: Müller–Brown's four walkers as two lane pairs (a: lanes 0, 1; b: 2, 3). Its step
  ;; loop makes no call (a call in a branch makes the register allocator spill every live v128 on the
  ;; path that does not take it): the wedges of the ziggurat are written out inline (as $langevinRare,
  ;; e^(−x²/2) without exp's range test: a wedge's x is below R ≈ 3.654), and a step with an active lane
  ;; outside the box |x| < 4, |y| < 4 (or NaN) returns 4: the caller computes that step's gradient of
  ;; the four lanes in JavaScript (langevin/muller-brown-kernels.ts, the same bits), writes it at 256
  ;; (gx[4]) and 288 (gy[4]) and enters again in phase 2. Inside the box every term's argument is
  ;; within [−600.5, 32.8] (the forms' extremes over the box are at its corners: term 2's at dx = 4.5,
  ;; dy = −5.5 is −600.5, term 3's at most 32.8, terms 0 and 1 at least −218.5), so exp's fast range −708 < x < 709.4 holds with room for
  ;; the rounding of the argument, and the terms need no range test of their own. A step has three stages,
  ;; the x normals, the gradient, the y normals; in phase p the first p are done and their outputs are
  ;; in the context (an exit stores what the next entry reads). A normal in the tail returns 1 and the
  ;; caller, having finished it, enters again in phase 1 (x) or 3 (y). The terms go four exponentials
  ;; at a time, terms (k, k + 1) of both lane pairs, so that independent chains overlap (the step is
  ;; bound by their latency): the integer n of two reductions in one i32x4 (the low words of
  ;; t = x·128/ln2 + 1.5·2^52, exact for |n| < 2^31), their table addresses and their 2^k (the biased
  ;; exponent shifted into each lane's high word) from it.
  ;; Terms 0 and 1 have b = 0, term 0 has y₀ = 0 and term 1 x₀ = 0: their b·dx·dy, b·dy and b·dx and
  ;; those subtractions of 0 are left out, which gives the same bits. At an active lane's step dx
  ;; and dy are finite (a lane whose x or y went non-finite is done), so each product with b = 0 is ±0;
  ;; adding ±0 leaves a non-zero sum as it is and can only change the sign of a zero one: exp(±0) = 1
  ;; either way, and the gradient sums start at +0 and so are never −0 (a round-to-nearest sum is −0
  ;; only when both terms are), so adding a zero of either sign to them leaves them unchanged. x − 0 is
  ;; x for every x. The normal's sign (bit 8 of its first word) is put in as the double's sign bit,
  ;; which is the product by ±1 exactly.
  (func (export "langevinTileMB") (param $p i32) (param $kn i32) (param $wn i32) (param $fn i32) (param $xt i32) (result i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $r v128) (local $t v128) (local $u1 v128) (local $u2 v128) (local $idx v128) (local $hi v128) (local $lo v128) (local $ra v128) (local $rb v128) (local $sg v128) (local $xa v128) (local $xb v128) (local $ya v128) (local $yb v128) (local $zxa v128) (local $zxb v128) (local $zya v128) (local $zyb v128) (local $dt v128) (local $sigma v128) (local $level v128) (local $sign v128) (local $cx v128) (local $cy v128) (local $r2 v128) (local $ei v128) (local $sc v128) (local $ei1 v128) (local $sc1 v128) (local $xtv v128) (local $gxa v128) (local $gya v128) (local $oka v128) (local $gxb v128) (local $gyb v128) (local $okb v128) (local $dxu v128) (local $dyu v128) (local $argu v128) (local $etu v128) (local $enu v128) (local $eru v128) (local $er2u v128) (local $thu v128) (local $Eu v128) (local $dxv v128) (local $dyv v128) (local $argv v128) (local $etv v128) (local $env v128) (local $erv v128) (local $er2v v128) (local $thv v128) (local $Ev v128) (local $dxw v128) (local $dyw v128) (local $argw v128) (local $etw v128) (local $enw v128) (local $erw v128) (local $er2w v128) (local $thw v128) (local $Ew v128) (local $dxz v128) (local $dyz v128) (local $argz v128) (local $etz v128) (local $enz v128) (local $erz v128) (local $er2z v128) (local $thz v128) (local $Ez v128) (local $n f64) (local $limit f64) (local $wr f64) (local $wx f64) (local $wf0 f64) (local $wu f64) (local $we f64) (local $wn2 f64) (local $wr2 f64) (local $wth f64) (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $ta0 i32) (local $ta1 i32) (local $ta2 i32) (local $ta3 i32) (local $ta4 i32) (local $ta5 i32) (local $ta6 i32) (local $ta7 i32) (local $slow i32) (local $active i32) (local $phase i32) (local $stopKind i32) (local $hc i32) (local $j i32) (local $done i32) (local $stopped i32) (local $wa i32) (local $wu1 i32) (local $wu2 i32) (local $widx i32) (local $wq i32) (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $wni i32) (local $wt i32)
    (local.set $s0 (v128.load offset=0 (local.get $p)))
    (local.set $s1 (v128.load offset=16 (local.get $p)))
    (local.set $s2 (v128.load offset=32 (local.get $p)))
    (local.set $s3 (v128.load offset=48 (local.get $p)))
    (local.set $xa (v128.load offset=64 (local.get $p)))
    (local.set $xb (v128.load offset=80 (local.get $p)))
    (local.set $ya (v128.load offset=96 (local.get $p)))
    (local.set $yb (v128.load offset=112 (local.get $p)))
    (local.set $dt (v128.load64_splat offset=512 (local.get $p)))
    (local.set $sigma (v128.load64_splat offset=520 (local.get $p)))
    (local.set $level (v128.load64_splat offset=552 (local.get $p)))
    (local.set $sign (v128.load64_splat offset=560 (local.get $p)))
    (local.set $cx (v128.load64_splat offset=568 (local.get $p)))
    (local.set $r2 (v128.load64_splat offset=576 (local.get $p)))
    (local.set $cy (v128.load64_splat offset=592 (local.get $p)))
    (local.set $xtv (i32x4.splat (local.get $xt)))
    (local.set $limit (f64.load offset=584 (local.get $p)))
    (local.set $n (f64.load offset=600 (local.get $p)))
    (local.set $stopKind (i32.load offset=608 (local.get $p)))
    (local.set $phase (i32.load offset=612 (local.get $p)))
    (local.set $active (i32.load offset=632 (local.get $p)))
    (local.set $hc (i32.load offset=636 (local.get $p)))
    (if (i32.eqz (local.get $active)) (then (return (i32.const 3))))
    (loop $step
      ;; Stage by stage, phase p: the first p stages are done and their outputs in the context (x normals,
      ;; gradient at 256 (gx[4]) and 288 (gy[4]), y normals), from an earlier exit and the caller.
      (if (i32.eqz (local.get $phase)) (then
        (local.set $slow (i32.const 0))
        (local.set $r (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
        (local.set $t (v128.or (i32x4.shl (local.get $r) (i32.const 7)) (i32x4.shr_u (local.get $r) (i32.const 25))))
        (local.set $u1 (i32x4.add (local.get $t) (i32x4.shl (local.get $t) (i32.const 3))))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $r (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
        (local.set $t (v128.or (i32x4.shl (local.get $r) (i32.const 7)) (i32x4.shr_u (local.get $r) (i32.const 25))))
        (local.set $u2 (i32x4.add (local.get $t) (i32x4.shl (local.get $t) (i32.const 3))))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $idx (i32x4.shl (v128.and (local.get $u1) (v128.const i32x4 255 255 255 255)) (i32.const 3)))
        (local.set $hi (i32x4.shr_u (local.get $u1) (i32.const 9)))
        (local.set $lo (i32x4.shr_u (local.get $u2) (i32.const 3)))
        (local.set $ra (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $hi)) (v128.const f64x2 536870912 536870912)) (f64x2.convert_low_i32x4_s (local.get $lo))))
        (local.set $rb (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $hi) (local.get $hi))) (v128.const f64x2 536870912 536870912)) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo)))))
        (local.set $a0 (i32x4.extract_lane 0 (local.get $idx)))
        (local.set $a1 (i32x4.extract_lane 1 (local.get $idx)))
        (local.set $a2 (i32x4.extract_lane 2 (local.get $idx)))
        (local.set $a3 (i32x4.extract_lane 3 (local.get $idx)))
        ;; the sign (bit 8 of the first word) as the sign bit of each double: the product by ±1, exactly
        (local.set $sg (v128.and (i32x4.shl (local.get $u1) (i32.const 23)) (v128.const i32x4 2147483648 2147483648 2147483648 2147483648)))
        (local.set $zxa (v128.xor (f64x2.mul (local.get $ra) (v128.load64_lane 1 (i32.add (local.get $wn) (local.get $a1)) (v128.load64_zero (i32.add (local.get $wn) (local.get $a0))))) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (v128.const i32x4 0 0 0 0) (local.get $sg))))
        (local.set $zxb (v128.xor (f64x2.mul (local.get $rb) (v128.load64_lane 1 (i32.add (local.get $wn) (local.get $a3)) (v128.load64_zero (i32.add (local.get $wn) (local.get $a2))))) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (v128.const i32x4 0 0 0 0) (local.get $sg))))
        (local.set $slow (i32.and (i32.xor (i32.or (i64x2.bitmask (f64x2.lt (local.get $ra) (v128.load64_lane 1 (i32.add (local.get $kn) (local.get $a1)) (v128.load64_zero (i32.add (local.get $kn) (local.get $a0)))))) (i32.shl (i64x2.bitmask (f64x2.lt (local.get $rb) (v128.load64_lane 1 (i32.add (local.get $kn) (local.get $a3)) (v128.load64_zero (i32.add (local.get $kn) (local.get $a2)))))) (i32.const 2))) (i32.const 15)) (local.get $active)))
        (if (local.get $slow) (then
          (v128.store offset=0 (local.get $p) (local.get $s0))
          (v128.store offset=16 (local.get $p) (local.get $s1))
          (v128.store offset=32 (local.get $p) (local.get $s2))
          (v128.store offset=48 (local.get $p) (local.get $s3))
          (v128.store offset=160 (local.get $p) (local.get $zxa))
          (v128.store offset=176 (local.get $p) (local.get $zxb))
          (v128.store offset=224 (local.get $p) (local.get $u1))
          (v128.store offset=240 (local.get $p) (local.get $u2))
          (local.set $j (i32.const 0))
          (loop $lanes
            (if (i32.and (local.get $slow) (i32.shl (i32.const 1) (local.get $j))) (then
              (local.set $wa (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))
              (local.set $wu1 (i32.load offset=224 (local.get $wa)))
              (local.set $wu2 (i32.load offset=240 (local.get $wa)))
              (block $fin
                (loop $draw
                  (local.set $widx (i32.shl (i32.and (local.get $wu1) (i32.const 255)) (i32.const 3)))
                  (local.set $wr (f64.add (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $wu1) (i32.const 9))) (f64.const 536870912)) (f64.convert_i32_u (i32.shr_u (local.get $wu2) (i32.const 3)))))
                  (local.set $wx (f64.mul (local.get $wr) (f64.load (i32.add (local.get $wn) (local.get $widx)))))
                  (if (i32.eqz (f64.lt (local.get $wr) (f64.load (i32.add (local.get $kn) (local.get $widx))))) (then
                    ;; the tail (layer 0 beyond kn[0]): the words back, the lane left in $slow for the caller
                    (if (i32.eqz (local.get $widx)) (then
                      (i32.store offset=224 (local.get $wa) (local.get $wu1))
                      (i32.store offset=240 (local.get $wa) (local.get $wu2))
                      (br $fin)))
                    (local.set $wf0 (f64.load (i32.add (local.get $fn) (local.get $widx))))
                    ;; U = (hi·2^26 + lo)/2^53 from two words
                    (local.set $q0 (i32.load offset=0 (local.get $wa)))
                    (local.set $q1 (i32.load offset=16 (local.get $wa)))
                    (local.set $q2 (i32.xor (i32.load offset=32 (local.get $wa)) (local.get $q0)))
                    (local.set $q3 (i32.xor (i32.load offset=48 (local.get $wa)) (local.get $q1)))
                    (local.set $wq (i32.mul (i32.rotl (i32.mul (local.get $q1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                    (i32.store offset=0 (local.get $wa) (i32.xor (local.get $q0) (local.get $q3)))
                    (i32.store offset=16 (local.get $wa) (i32.xor (local.get $q1) (local.get $q2)))
                    (i32.store offset=32 (local.get $wa) (i32.xor (local.get $q2) (i32.shl (local.get $q1) (i32.const 9))))
                    (i32.store offset=48 (local.get $wa) (i32.rotl (local.get $q3) (i32.const 11)))
                    (local.set $wu (f64.convert_i32_u (i32.shr_u (local.get $wq) (i32.const 5))))
                    (local.set $q0 (i32.load offset=0 (local.get $wa)))
                    (local.set $q1 (i32.load offset=16 (local.get $wa)))
                    (local.set $q2 (i32.xor (i32.load offset=32 (local.get $wa)) (local.get $q0)))
                    (local.set $q3 (i32.xor (i32.load offset=48 (local.get $wa)) (local.get $q1)))
                    (local.set $wq (i32.mul (i32.rotl (i32.mul (local.get $q1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                    (i32.store offset=0 (local.get $wa) (i32.xor (local.get $q0) (local.get $q3)))
                    (i32.store offset=16 (local.get $wa) (i32.xor (local.get $q1) (local.get $q2)))
                    (i32.store offset=32 (local.get $wa) (i32.xor (local.get $q2) (i32.shl (local.get $q1) (i32.const 9))))
                    (i32.store offset=48 (local.get $wa) (i32.rotl (local.get $q3) (i32.const 11)))
                    (local.set $wu (f64.div (f64.add (f64.mul (local.get $wu) (f64.const 67108864)) (f64.convert_i32_u (i32.shr_u (local.get $wq) (i32.const 6)))) (f64.const 9007199254740992)))
                    ;; e^(−x²/2) by $langevinExp without its range test: x < R ≈ 3.654 in a wedge, so −x²/2 > −6.7
                    (local.set $we (f64.mul (f64.mul (f64.const -0.5) (local.get $wx)) (local.get $wx)))
                    (local.set $wn2 (f64.sub (f64.add (f64.mul (local.get $we) (f64.const 184.6649652337873)) (f64.const 6755399441055744)) (f64.const 6755399441055744)))
                    (local.set $wr (f64.sub (f64.sub (local.get $we) (f64.mul (local.get $wn2) (f64.const 0.005415212347998022))) (f64.mul (local.get $wn2) (f64.const 1.2655086083325438e-13))))
                    (local.set $wni (i32.trunc_f64_s (local.get $wn2)))
                    (local.set $wt (i32.add (local.get $xt) (i32.shl (i32.and (local.get $wni) (i32.const 127)) (i32.const 4))))
                    (local.set $wr2 (f64.mul (local.get $wr) (local.get $wr)))
                    (local.set $wth (f64.load (local.get $wt)))
                    (local.set $we (f64.mul
                      (f64.add (local.get $wth) (f64.add (f64.load offset=8 (local.get $wt)) (f64.mul (local.get $wth)
                        (f64.add (f64.add (local.get $wr) (f64.mul (local.get $wr2) (f64.add (f64.const 0.5) (f64.mul (local.get $wr) (f64.const 0.16666666666666666)))))
                          (f64.mul (f64.mul (local.get $wr2) (local.get $wr2)) (f64.add (f64.const 0.041666666666666664) (f64.mul (local.get $wr) (f64.const 0.008333333333333333))))))))
                      (f64.reinterpret_i64 (i64.shl (i64.add (i64.extend_i32_s (i32.shr_s (local.get $wni) (i32.const 7))) (i64.const 1023)) (i64.const 52)))))
                    ;; rejected: the normal is drawn again from the lane's next two words
                    (if (i32.eqz (f64.lt (f64.add (local.get $wf0) (f64.mul (local.get $wu) (f64.sub (f64.load (i32.sub (i32.add (local.get $fn) (local.get $widx)) (i32.const 8))) (local.get $wf0)))) (local.get $we))) (then
                      (local.set $q0 (i32.load offset=0 (local.get $wa)))
                      (local.set $q1 (i32.load offset=16 (local.get $wa)))
                      (local.set $q2 (i32.xor (i32.load offset=32 (local.get $wa)) (local.get $q0)))
                      (local.set $q3 (i32.xor (i32.load offset=48 (local.get $wa)) (local.get $q1)))
                      (local.set $wu1 (i32.mul (i32.rotl (i32.mul (local.get $q1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                      (i32.store offset=0 (local.get $wa) (i32.xor (local.get $q0) (local.get $q3)))
                      (i32.store offset=16 (local.get $wa) (i32.xor (local.get $q1) (local.get $q2)))
                      (i32.store offset=32 (local.get $wa) (i32.xor (local.get $q2) (i32.shl (local.get $q1) (i32.const 9))))
                      (i32.store offset=48 (local.get $wa) (i32.rotl (local.get $q3) (i32.const 11)))
                      (local.set $q0 (i32.load offset=0 (local.get $wa)))
                      (local.set $q1 (i32.load offset=16 (local.get $wa)))
                      (local.set $q2 (i32.xor (i32.load offset=32 (local.get $wa)) (local.get $q0)))
                      (local.set $q3 (i32.xor (i32.load offset=48 (local.get $wa)) (local.get $q1)))
                      (local.set $wu2 (i32.mul (i32.rotl (i32.mul (local.get $q1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                      (i32.store offset=0 (local.get $wa) (i32.xor (local.get $q0) (local.get $q3)))
                      (i32.store offset=16 (local.get $wa) (i32.xor (local.get $q1) (local.get $q2)))
                      (i32.store offset=32 (local.get $wa) (i32.xor (local.get $q2) (i32.shl (local.get $q1) (i32.const 9))))
                      (i32.store offset=48 (local.get $wa) (i32.rotl (local.get $q3) (i32.const 11)))
                      (br $draw)))))
                  (f64.store offset=160 (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 3))) (f64.mul (local.get $wx) (f64.convert_i32_s (i32.sub (i32.const 1) (i32.and (i32.shr_u (local.get $wu1) (i32.const 7)) (i32.const 2))))))
                  (local.set $slow (i32.xor (local.get $slow) (i32.shl (i32.const 1) (local.get $j))))))
            ))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $lanes (i32.lt_u (local.get $j) (i32.const 4))))
          (local.set $s0 (v128.load offset=0 (local.get $p)))
          (local.set $s1 (v128.load offset=16 (local.get $p)))
          (local.set $s2 (v128.load offset=32 (local.get $p)))
          (local.set $s3 (v128.load offset=48 (local.get $p)))
          (local.set $zxa (v128.load offset=160 (local.get $p)))
          (local.set $zxb (v128.load offset=176 (local.get $p)))
          ;; a lane in the tail: the state out (the gradient too), for the caller to finish that normal
          (if (local.get $slow) (then
            (v128.store offset=64 (local.get $p) (local.get $xa))
            (v128.store offset=80 (local.get $p) (local.get $xb))
            (v128.store offset=96 (local.get $p) (local.get $ya))
            (v128.store offset=112 (local.get $p) (local.get $yb))
            (f64.store offset=600 (local.get $p) (local.get $n))
            (i32.store offset=616 (local.get $p) (local.get $slow))
            (i32.store offset=628 (local.get $p) (i32.const 0))
            (return (i32.const 1))))))
      ) (else
        (local.set $zxa (v128.load offset=160 (local.get $p)))
        (local.set $zxb (v128.load offset=176 (local.get $p)))
      ))
      (if (i32.le_u (local.get $phase) (i32.const 1)) (then
        (local.set $oka (v128.and (f64x2.lt (f64x2.abs (local.get $xa)) (v128.const f64x2 4 4)) (f64x2.lt (f64x2.abs (local.get $ya)) (v128.const f64x2 4 4))))
        (local.set $okb (v128.and (f64x2.lt (f64x2.abs (local.get $xb)) (v128.const f64x2 4 4)) (f64x2.lt (f64x2.abs (local.get $yb)) (v128.const f64x2 4 4))))
        ;; an active lane outside |x| < 4, |y| < 4 (or NaN), where an exponential's argument might leave exp's
        ;; fast range: the caller computes this step's gradient and enters again in phase 2
        (local.set $slow (i32.and (i32.xor (i32.or (i64x2.bitmask (local.get $oka)) (i32.shl (i64x2.bitmask (local.get $okb)) (i32.const 2))) (i32.const 15)) (local.get $active)))
        (if (local.get $slow) (then
          (v128.store offset=0 (local.get $p) (local.get $s0))
          (v128.store offset=16 (local.get $p) (local.get $s1))
          (v128.store offset=32 (local.get $p) (local.get $s2))
          (v128.store offset=48 (local.get $p) (local.get $s3))
          (v128.store offset=64 (local.get $p) (local.get $xa))
          (v128.store offset=80 (local.get $p) (local.get $xb))
          (v128.store offset=96 (local.get $p) (local.get $ya))
          (v128.store offset=112 (local.get $p) (local.get $yb))
          (v128.store offset=160 (local.get $p) (local.get $zxa))
          (v128.store offset=176 (local.get $p) (local.get $zxb))
          (f64.store offset=600 (local.get $p) (local.get $n))
          (i32.store offset=616 (local.get $p) (local.get $slow))
          (return (i32.const 4))))
        (local.set $gxa (v128.const f64x2 0 0))
        (local.set $gya (v128.const f64x2 0 0))
        (local.set $gxb (v128.const f64x2 0 0))
        (local.set $gyb (v128.const f64x2 0 0))
        (local.set $dxu (f64x2.sub (local.get $xa) (v128.load64_splat offset=672 (local.get $p))))
        (local.set $dyu (local.get $ya))
        (local.set $argu (f64x2.add (f64x2.mul (f64x2.mul (v128.load64_splat offset=648 (local.get $p)) (local.get $dxu)) (local.get $dxu)) (f64x2.mul (f64x2.mul (v128.load64_splat offset=664 (local.get $p)) (local.get $dyu)) (local.get $dyu))))
        (local.set $etu (f64x2.add (f64x2.mul (local.get $argu) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $enu (f64x2.sub (local.get $etu) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $eru (f64x2.sub (f64x2.sub (local.get $argu) (f64x2.mul (local.get $enu) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $enu) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
        (local.set $dxv (local.get $xa))
        (local.set $dyv (f64x2.sub (local.get $ya) (v128.load64_splat offset=744 (local.get $p))))
        (local.set $argv (f64x2.add (f64x2.mul (f64x2.mul (v128.load64_splat offset=712 (local.get $p)) (local.get $dxv)) (local.get $dxv)) (f64x2.mul (f64x2.mul (v128.load64_splat offset=728 (local.get $p)) (local.get $dyv)) (local.get $dyv))))
        (local.set $etv (f64x2.add (f64x2.mul (local.get $argv) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $env (f64x2.sub (local.get $etv) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $erv (f64x2.sub (f64x2.sub (local.get $argv) (f64x2.mul (local.get $env) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $env) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
        (local.set $dxw (f64x2.sub (local.get $xb) (v128.load64_splat offset=672 (local.get $p))))
        (local.set $dyw (local.get $yb))
        (local.set $argw (f64x2.add (f64x2.mul (f64x2.mul (v128.load64_splat offset=648 (local.get $p)) (local.get $dxw)) (local.get $dxw)) (f64x2.mul (f64x2.mul (v128.load64_splat offset=664 (local.get $p)) (local.get $dyw)) (local.get $dyw))))
        (local.set $etw (f64x2.add (f64x2.mul (local.get $argw) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $enw (f64x2.sub (local.get $etw) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $erw (f64x2.sub (f64x2.sub (local.get $argw) (f64x2.mul (local.get $enw) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $enw) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
        (local.set $dxz (local.get $xb))
        (local.set $dyz (f64x2.sub (local.get $yb) (v128.load64_splat offset=744 (local.get $p))))
        (local.set $argz (f64x2.add (f64x2.mul (f64x2.mul (v128.load64_splat offset=712 (local.get $p)) (local.get $dxz)) (local.get $dxz)) (f64x2.mul (f64x2.mul (v128.load64_splat offset=728 (local.get $p)) (local.get $dyz)) (local.get $dyz))))
        (local.set $etz (f64x2.add (f64x2.mul (local.get $argz) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $enz (f64x2.sub (local.get $etz) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $erz (f64x2.sub (f64x2.sub (local.get $argz) (f64x2.mul (local.get $enz) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $enz) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
        (local.set $ei (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $etu) (local.get $etv)))
        (local.set $sc (i32x4.shl (i32x4.add (i32x4.shr_s (local.get $ei) (i32.const 7)) (v128.const i32x4 1023 1023 1023 1023)) (i32.const 20)))
        (local.set $ei (i32x4.add (i32x4.shl (v128.and (local.get $ei) (v128.const i32x4 127 127 127 127)) (i32.const 4)) (local.get $xtv)))
        (local.set $ta0 (i32x4.extract_lane 0 (local.get $ei)))
        (local.set $ta1 (i32x4.extract_lane 1 (local.get $ei)))
        (local.set $ta2 (i32x4.extract_lane 2 (local.get $ei)))
        (local.set $ta3 (i32x4.extract_lane 3 (local.get $ei)))
        (local.set $ei1 (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $etw) (local.get $etz)))
        (local.set $sc1 (i32x4.shl (i32x4.add (i32x4.shr_s (local.get $ei1) (i32.const 7)) (v128.const i32x4 1023 1023 1023 1023)) (i32.const 20)))
        (local.set $ei1 (i32x4.add (i32x4.shl (v128.and (local.get $ei1) (v128.const i32x4 127 127 127 127)) (i32.const 4)) (local.get $xtv)))
        (local.set $ta4 (i32x4.extract_lane 0 (local.get $ei1)))
        (local.set $ta5 (i32x4.extract_lane 1 (local.get $ei1)))
        (local.set $ta6 (i32x4.extract_lane 2 (local.get $ei1)))
        (local.set $ta7 (i32x4.extract_lane 3 (local.get $ei1)))
        (local.set $er2u (f64x2.mul (local.get $eru) (local.get $eru)))
        (local.set $thu (v128.load64_lane 1 (local.get $ta1) (v128.load64_zero (local.get $ta0))))
        (local.set $Eu (f64x2.mul (v128.load64_splat offset=640 (local.get $p)) (f64x2.mul (f64x2.add (local.get $thu) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta1) (v128.load64_zero offset=8 (local.get $ta0))) (f64x2.mul (local.get $thu) (f64x2.add (f64x2.add (local.get $eru) (f64x2.mul (local.get $er2u) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $eru) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2u) (local.get $er2u)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $eru) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (v128.const i32x4 0 0 0 0) (local.get $sc)))))
        (local.set $gxa (f64x2.add (local.get $gxa) (f64x2.mul (local.get $Eu) (f64x2.mul (v128.load64_splat offset=688 (local.get $p)) (local.get $dxu)))))
        (local.set $gya (f64x2.add (local.get $gya) (f64x2.mul (local.get $Eu) (f64x2.mul (v128.load64_splat offset=696 (local.get $p)) (local.get $dyu)))))
        (local.set $er2v (f64x2.mul (local.get $erv) (local.get $erv)))
        (local.set $thv (v128.load64_lane 1 (local.get $ta3) (v128.load64_zero (local.get $ta2))))
        (local.set $Ev (f64x2.mul (v128.load64_splat offset=704 (local.get $p)) (f64x2.mul (f64x2.add (local.get $thv) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta3) (v128.load64_zero offset=8 (local.get $ta2))) (f64x2.mul (local.get $thv) (f64x2.add (f64x2.add (local.get $erv) (f64x2.mul (local.get $er2v) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $erv) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2v) (local.get $er2v)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $erv) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (v128.const i32x4 0 0 0 0) (local.get $sc)))))
        (local.set $gxa (f64x2.add (local.get $gxa) (f64x2.mul (local.get $Ev) (f64x2.mul (v128.load64_splat offset=752 (local.get $p)) (local.get $dxv)))))
        (local.set $gya (f64x2.add (local.get $gya) (f64x2.mul (local.get $Ev) (f64x2.mul (v128.load64_splat offset=760 (local.get $p)) (local.get $dyv)))))
        (local.set $er2w (f64x2.mul (local.get $erw) (local.get $erw)))
        (local.set $thw (v128.load64_lane 1 (local.get $ta5) (v128.load64_zero (local.get $ta4))))
        (local.set $Ew (f64x2.mul (v128.load64_splat offset=640 (local.get $p)) (f64x2.mul (f64x2.add (local.get $thw) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta5) (v128.load64_zero offset=8 (local.get $ta4))) (f64x2.mul (local.get $thw) (f64x2.add (f64x2.add (local.get $erw) (f64x2.mul (local.get $er2w) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $erw) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2w) (local.get $er2w)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $erw) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (v128.const i32x4 0 0 0 0) (local.get $sc1)))))
        (local.set $gxb (f64x2.add (local.get $gxb) (f64x2.mul (local.get $Ew) (f64x2.mul (v128.load64_splat offset=688 (local.get $p)) (local.get $dxw)))))
        (local.set $gyb (f64x2.add (local.get $gyb) (f64x2.mul (local.get $Ew) (f64x2.mul (v128.load64_splat offset=696 (local.get $p)) (local.get $dyw)))))
        (local.set $er2z (f64x2.mul (local.get $erz) (local.get $erz)))
        (local.set $thz (v128.load64_lane 1 (local.get $ta7) (v128.load64_zero (local.get $ta6))))
        (local.set $Ez (f64x2.mul (v128.load64_splat offset=704 (local.get $p)) (f64x2.mul (f64x2.add (local.get $thz) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta7) (v128.load64_zero offset=8 (local.get $ta6))) (f64x2.mul (local.get $thz) (f64x2.add (f64x2.add (local.get $erz) (f64x2.mul (local.get $er2z) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $erz) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2z) (local.get $er2z)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $erz) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (v128.const i32x4 0 0 0 0) (local.get $sc1)))))
        (local.set $gxb (f64x2.add (local.get $gxb) (f64x2.mul (local.get $Ez) (f64x2.mul (v128.load64_splat offset=752 (local.get $p)) (local.get $dxz)))))
        (local.set $gyb (f64x2.add (local.get $gyb) (f64x2.mul (local.get $Ez) (f64x2.mul (v128.load64_splat offset=760 (local.get $p)) (local.get $dyz)))))
        (local.set $dxu (f64x2.sub (local.get $xa) (v128.load64_splat offset=800 (local.get $p))))
        (local.set $dyu (f64x2.sub (local.get $ya) (v128.load64_splat offset=808 (local.get $p))))
        (local.set $argu (f64x2.add (f64x2.add (f64x2.mul (f64x2.mul (v128.load64_splat offset=776 (local.get $p)) (local.get $dxu)) (local.get $dxu)) (f64x2.mul (f64x2.mul (v128.load64_splat offset=784 (local.get $p)) (local.get $dxu)) (local.get $dyu))) (f64x2.mul (f64x2.mul (v128.load64_splat offset=792 (local.get $p)) (local.get $dyu)) (local.get $dyu))))
        (local.set $etu (f64x2.add (f64x2.mul (local.get $argu) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $enu (f64x2.sub (local.get $etu) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $eru (f64x2.sub (f64x2.sub (local.get $argu) (f64x2.mul (local.get $enu) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $enu) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
        (local.set $dxv (f64x2.sub (local.get $xa) (v128.load64_splat offset=864 (local.get $p))))
        (local.set $dyv (f64x2.sub (local.get $ya) (v128.load64_splat offset=872 (local.get $p))))
        (local.set $argv (f64x2.add (f64x2.add (f64x2.mul (f64x2.mul (v128.load64_splat offset=840 (local.get $p)) (local.get $dxv)) (local.get $dxv)) (f64x2.mul (f64x2.mul (v128.load64_splat offset=848 (local.get $p)) (local.get $dxv)) (local.get $dyv))) (f64x2.mul (f64x2.mul (v128.load64_splat offset=856 (local.get $p)) (local.get $dyv)) (local.get $dyv))))
        (local.set $etv (f64x2.add (f64x2.mul (local.get $argv) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $env (f64x2.sub (local.get $etv) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $erv (f64x2.sub (f64x2.sub (local.get $argv) (f64x2.mul (local.get $env) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $env) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
        (local.set $dxw (f64x2.sub (local.get $xb) (v128.load64_splat offset=800 (local.get $p))))
        (local.set $dyw (f64x2.sub (local.get $yb) (v128.load64_splat offset=808 (local.get $p))))
        (local.set $argw (f64x2.add (f64x2.add (f64x2.mul (f64x2.mul (v128.load64_splat offset=776 (local.get $p)) (local.get $dxw)) (local.get $dxw)) (f64x2.mul (f64x2.mul (v128.load64_splat offset=784 (local.get $p)) (local.get $dxw)) (local.get $dyw))) (f64x2.mul (f64x2.mul (v128.load64_splat offset=792 (local.get $p)) (local.get $dyw)) (local.get $dyw))))
        (local.set $etw (f64x2.add (f64x2.mul (local.get $argw) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $enw (f64x2.sub (local.get $etw) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $erw (f64x2.sub (f64x2.sub (local.get $argw) (f64x2.mul (local.get $enw) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $enw) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
        (local.set $dxz (f64x2.sub (local.get $xb) (v128.load64_splat offset=864 (local.get $p))))
        (local.set $dyz (f64x2.sub (local.get $yb) (v128.load64_splat offset=872 (local.get $p))))
        (local.set $argz (f64x2.add (f64x2.add (f64x2.mul (f64x2.mul (v128.load64_splat offset=840 (local.get $p)) (local.get $dxz)) (local.get $dxz)) (f64x2.mul (f64x2.mul (v128.load64_splat offset=848 (local.get $p)) (local.get $dxz)) (local.get $dyz))) (f64x2.mul (f64x2.mul (v128.load64_splat offset=856 (local.get $p)) (local.get $dyz)) (local.get $dyz))))
        (local.set $etz (f64x2.add (f64x2.mul (local.get $argz) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $enz (f64x2.sub (local.get $etz) (v128.const f64x2 6755399441055744 6755399441055744)))
        (local.set $erz (f64x2.sub (f64x2.sub (local.get $argz) (f64x2.mul (local.get $enz) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $enz) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
        (local.set $ei (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $etu) (local.get $etv)))
        (local.set $sc (i32x4.shl (i32x4.add (i32x4.shr_s (local.get $ei) (i32.const 7)) (v128.const i32x4 1023 1023 1023 1023)) (i32.const 20)))
        (local.set $ei (i32x4.add (i32x4.shl (v128.and (local.get $ei) (v128.const i32x4 127 127 127 127)) (i32.const 4)) (local.get $xtv)))
        (local.set $ta0 (i32x4.extract_lane 0 (local.get $ei)))
        (local.set $ta1 (i32x4.extract_lane 1 (local.get $ei)))
        (local.set $ta2 (i32x4.extract_lane 2 (local.get $ei)))
        (local.set $ta3 (i32x4.extract_lane 3 (local.get $ei)))
        (local.set $ei1 (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $etw) (local.get $etz)))
        (local.set $sc1 (i32x4.shl (i32x4.add (i32x4.shr_s (local.get $ei1) (i32.const 7)) (v128.const i32x4 1023 1023 1023 1023)) (i32.const 20)))
        (local.set $ei1 (i32x4.add (i32x4.shl (v128.and (local.get $ei1) (v128.const i32x4 127 127 127 127)) (i32.const 4)) (local.get $xtv)))
        (local.set $ta4 (i32x4.extract_lane 0 (local.get $ei1)))
        (local.set $ta5 (i32x4.extract_lane 1 (local.get $ei1)))
        (local.set $ta6 (i32x4.extract_lane 2 (local.get $ei1)))
        (local.set $ta7 (i32x4.extract_lane 3 (local.get $ei1)))
        (local.set $er2u (f64x2.mul (local.get $eru) (local.get $eru)))
        (local.set $thu (v128.load64_lane 1 (local.get $ta1) (v128.load64_zero (local.get $ta0))))
        (local.set $Eu (f64x2.mul (v128.load64_splat offset=768 (local.get $p)) (f64x2.mul (f64x2.add (local.get $thu) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta1) (v128.load64_zero offset=8 (local.get $ta0))) (f64x2.mul (local.get $thu) (f64x2.add (f64x2.add (local.get $eru) (f64x2.mul (local.get $er2u) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $eru) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2u) (local.get $er2u)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $eru) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (v128.const i32x4 0 0 0 0) (local.get $sc)))))
        (local.set $gxa (f64x2.add (local.get $gxa) (f64x2.mul (local.get $Eu) (f64x2.add (f64x2.mul (v128.load64_splat offset=816 (local.get $p)) (local.get $dxu)) (f64x2.mul (v128.load64_splat offset=784 (local.get $p)) (local.get $dyu))))))
        (local.set $gya (f64x2.add (local.get $gya) (f64x2.mul (local.get $Eu) (f64x2.add (f64x2.mul (v128.load64_splat offset=784 (local.get $p)) (local.get $dxu)) (f64x2.mul (v128.load64_splat offset=824 (local.get $p)) (local.get $dyu))))))
        (local.set $er2v (f64x2.mul (local.get $erv) (local.get $erv)))
        (local.set $thv (v128.load64_lane 1 (local.get $ta3) (v128.load64_zero (local.get $ta2))))
        (local.set $Ev (f64x2.mul (v128.load64_splat offset=832 (local.get $p)) (f64x2.mul (f64x2.add (local.get $thv) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta3) (v128.load64_zero offset=8 (local.get $ta2))) (f64x2.mul (local.get $thv) (f64x2.add (f64x2.add (local.get $erv) (f64x2.mul (local.get $er2v) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $erv) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2v) (local.get $er2v)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $erv) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (v128.const i32x4 0 0 0 0) (local.get $sc)))))
        (local.set $gxa (f64x2.add (local.get $gxa) (f64x2.mul (local.get $Ev) (f64x2.add (f64x2.mul (v128.load64_splat offset=880 (local.get $p)) (local.get $dxv)) (f64x2.mul (v128.load64_splat offset=848 (local.get $p)) (local.get $dyv))))))
        (local.set $gya (f64x2.add (local.get $gya) (f64x2.mul (local.get $Ev) (f64x2.add (f64x2.mul (v128.load64_splat offset=848 (local.get $p)) (local.get $dxv)) (f64x2.mul (v128.load64_splat offset=888 (local.get $p)) (local.get $dyv))))))
        (local.set $er2w (f64x2.mul (local.get $erw) (local.get $erw)))
        (local.set $thw (v128.load64_lane 1 (local.get $ta5) (v128.load64_zero (local.get $ta4))))
        (local.set $Ew (f64x2.mul (v128.load64_splat offset=768 (local.get $p)) (f64x2.mul (f64x2.add (local.get $thw) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta5) (v128.load64_zero offset=8 (local.get $ta4))) (f64x2.mul (local.get $thw) (f64x2.add (f64x2.add (local.get $erw) (f64x2.mul (local.get $er2w) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $erw) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2w) (local.get $er2w)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $erw) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (v128.const i32x4 0 0 0 0) (local.get $sc1)))))
        (local.set $gxb (f64x2.add (local.get $gxb) (f64x2.mul (local.get $Ew) (f64x2.add (f64x2.mul (v128.load64_splat offset=816 (local.get $p)) (local.get $dxw)) (f64x2.mul (v128.load64_splat offset=784 (local.get $p)) (local.get $dyw))))))
        (local.set $gyb (f64x2.add (local.get $gyb) (f64x2.mul (local.get $Ew) (f64x2.add (f64x2.mul (v128.load64_splat offset=784 (local.get $p)) (local.get $dxw)) (f64x2.mul (v128.load64_splat offset=824 (local.get $p)) (local.get $dyw))))))
        (local.set $er2z (f64x2.mul (local.get $erz) (local.get $erz)))
        (local.set $thz (v128.load64_lane 1 (local.get $ta7) (v128.load64_zero (local.get $ta6))))
        (local.set $Ez (f64x2.mul (v128.load64_splat offset=832 (local.get $p)) (f64x2.mul (f64x2.add (local.get $thz) (f64x2.add (v128.load64_lane offset=8 1 (local.get $ta7) (v128.load64_zero offset=8 (local.get $ta6))) (f64x2.mul (local.get $thz) (f64x2.add (f64x2.add (local.get $erz) (f64x2.mul (local.get $er2z) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $erz) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))) (f64x2.mul (f64x2.mul (local.get $er2z) (local.get $er2z)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $erz) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))))))) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (v128.const i32x4 0 0 0 0) (local.get $sc1)))))
        (local.set $gxb (f64x2.add (local.get $gxb) (f64x2.mul (local.get $Ez) (f64x2.add (f64x2.mul (v128.load64_splat offset=880 (local.get $p)) (local.get $dxz)) (f64x2.mul (v128.load64_splat offset=848 (local.get $p)) (local.get $dyz))))))
        (local.set $gyb (f64x2.add (local.get $gyb) (f64x2.mul (local.get $Ez) (f64x2.add (f64x2.mul (v128.load64_splat offset=848 (local.get $p)) (local.get $dxz)) (f64x2.mul (v128.load64_splat offset=888 (local.get $p)) (local.get $dyz))))))
      ) (else
        (local.set $gxa (v128.load offset=256 (local.get $p)))
        (local.set $gxb (v128.load offset=272 (local.get $p)))
        (local.set $gya (v128.load offset=288 (local.get $p)))
        (local.set $gyb (v128.load offset=304 (local.get $p)))
      ))
      (if (i32.le_u (local.get $phase) (i32.const 2)) (then
        (local.set $slow (i32.const 0))
        (local.set $r (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
        (local.set $t (v128.or (i32x4.shl (local.get $r) (i32.const 7)) (i32x4.shr_u (local.get $r) (i32.const 25))))
        (local.set $u1 (i32x4.add (local.get $t) (i32x4.shl (local.get $t) (i32.const 3))))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $r (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
        (local.set $t (v128.or (i32x4.shl (local.get $r) (i32.const 7)) (i32x4.shr_u (local.get $r) (i32.const 25))))
        (local.set $u2 (i32x4.add (local.get $t) (i32x4.shl (local.get $t) (i32.const 3))))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $idx (i32x4.shl (v128.and (local.get $u1) (v128.const i32x4 255 255 255 255)) (i32.const 3)))
        (local.set $hi (i32x4.shr_u (local.get $u1) (i32.const 9)))
        (local.set $lo (i32x4.shr_u (local.get $u2) (i32.const 3)))
        (local.set $ra (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $hi)) (v128.const f64x2 536870912 536870912)) (f64x2.convert_low_i32x4_s (local.get $lo))))
        (local.set $rb (f64x2.add (f64x2.mul (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $hi) (local.get $hi))) (v128.const f64x2 536870912 536870912)) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo)))))
        (local.set $a0 (i32x4.extract_lane 0 (local.get $idx)))
        (local.set $a1 (i32x4.extract_lane 1 (local.get $idx)))
        (local.set $a2 (i32x4.extract_lane 2 (local.get $idx)))
        (local.set $a3 (i32x4.extract_lane 3 (local.get $idx)))
        ;; the sign (bit 8 of the first word) as the sign bit of each double: the product by ±1, exactly
        (local.set $sg (v128.and (i32x4.shl (local.get $u1) (i32.const 23)) (v128.const i32x4 2147483648 2147483648 2147483648 2147483648)))
        (local.set $zya (v128.xor (f64x2.mul (local.get $ra) (v128.load64_lane 1 (i32.add (local.get $wn) (local.get $a1)) (v128.load64_zero (i32.add (local.get $wn) (local.get $a0))))) (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (v128.const i32x4 0 0 0 0) (local.get $sg))))
        (local.set $zyb (v128.xor (f64x2.mul (local.get $rb) (v128.load64_lane 1 (i32.add (local.get $wn) (local.get $a3)) (v128.load64_zero (i32.add (local.get $wn) (local.get $a2))))) (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (v128.const i32x4 0 0 0 0) (local.get $sg))))
        (local.set $slow (i32.and (i32.xor (i32.or (i64x2.bitmask (f64x2.lt (local.get $ra) (v128.load64_lane 1 (i32.add (local.get $kn) (local.get $a1)) (v128.load64_zero (i32.add (local.get $kn) (local.get $a0)))))) (i32.shl (i64x2.bitmask (f64x2.lt (local.get $rb) (v128.load64_lane 1 (i32.add (local.get $kn) (local.get $a3)) (v128.load64_zero (i32.add (local.get $kn) (local.get $a2)))))) (i32.const 2))) (i32.const 15)) (local.get $active)))
        (if (local.get $slow) (then
          (v128.store offset=0 (local.get $p) (local.get $s0))
          (v128.store offset=16 (local.get $p) (local.get $s1))
          (v128.store offset=32 (local.get $p) (local.get $s2))
          (v128.store offset=48 (local.get $p) (local.get $s3))
          (v128.store offset=192 (local.get $p) (local.get $zya))
          (v128.store offset=208 (local.get $p) (local.get $zyb))
          (v128.store offset=224 (local.get $p) (local.get $u1))
          (v128.store offset=240 (local.get $p) (local.get $u2))
          (local.set $j (i32.const 0))
          (loop $lanes
            (if (i32.and (local.get $slow) (i32.shl (i32.const 1) (local.get $j))) (then
              (local.set $wa (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))
              (local.set $wu1 (i32.load offset=224 (local.get $wa)))
              (local.set $wu2 (i32.load offset=240 (local.get $wa)))
              (block $fin
                (loop $draw
                  (local.set $widx (i32.shl (i32.and (local.get $wu1) (i32.const 255)) (i32.const 3)))
                  (local.set $wr (f64.add (f64.mul (f64.convert_i32_u (i32.shr_u (local.get $wu1) (i32.const 9))) (f64.const 536870912)) (f64.convert_i32_u (i32.shr_u (local.get $wu2) (i32.const 3)))))
                  (local.set $wx (f64.mul (local.get $wr) (f64.load (i32.add (local.get $wn) (local.get $widx)))))
                  (if (i32.eqz (f64.lt (local.get $wr) (f64.load (i32.add (local.get $kn) (local.get $widx))))) (then
                    ;; the tail (layer 0 beyond kn[0]): the words back, the lane left in $slow for the caller
                    (if (i32.eqz (local.get $widx)) (then
                      (i32.store offset=224 (local.get $wa) (local.get $wu1))
                      (i32.store offset=240 (local.get $wa) (local.get $wu2))
                      (br $fin)))
                    (local.set $wf0 (f64.load (i32.add (local.get $fn) (local.get $widx))))
                    ;; U = (hi·2^26 + lo)/2^53 from two words
                    (local.set $q0 (i32.load offset=0 (local.get $wa)))
                    (local.set $q1 (i32.load offset=16 (local.get $wa)))
                    (local.set $q2 (i32.xor (i32.load offset=32 (local.get $wa)) (local.get $q0)))
                    (local.set $q3 (i32.xor (i32.load offset=48 (local.get $wa)) (local.get $q1)))
                    (local.set $wq (i32.mul (i32.rotl (i32.mul (local.get $q1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                    (i32.store offset=0 (local.get $wa) (i32.xor (local.get $q0) (local.get $q3)))
                    (i32.store offset=16 (local.get $wa) (i32.xor (local.get $q1) (local.get $q2)))
                    (i32.store offset=32 (local.get $wa) (i32.xor (local.get $q2) (i32.shl (local.get $q1) (i32.const 9))))
                    (i32.store offset=48 (local.get $wa) (i32.rotl (local.get $q3) (i32.const 11)))
                    (local.set $wu (f64.convert_i32_u (i32.shr_u (local.get $wq) (i32.const 5))))
                    (local.set $q0 (i32.load offset=0 (local.get $wa)))
                    (local.set $q1 (i32.load offset=16 (local.get $wa)))
                    (local.set $q2 (i32.xor (i32.load offset=32 (local.get $wa)) (local.get $q0)))
                    (local.set $q3 (i32.xor (i32.load offset=48 (local.get $wa)) (local.get $q1)))
                    (local.set $wq (i32.mul (i32.rotl (i32.mul (local.get $q1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                    (i32.store offset=0 (local.get $wa) (i32.xor (local.get $q0) (local.get $q3)))
                    (i32.store offset=16 (local.get $wa) (i32.xor (local.get $q1) (local.get $q2)))
                    (i32.store offset=32 (local.get $wa) (i32.xor (local.get $q2) (i32.shl (local.get $q1) (i32.const 9))))
                    (i32.store offset=48 (local.get $wa) (i32.rotl (local.get $q3) (i32.const 11)))
                    (local.set $wu (f64.div (f64.add (f64.mul (local.get $wu) (f64.const 67108864)) (f64.convert_i32_u (i32.shr_u (local.get $wq) (i32.const 6)))) (f64.const 9007199254740992)))
                    ;; e^(−x²/2) by $langevinExp without its range test: x < R ≈ 3.654 in a wedge, so −x²/2 > −6.7
                    (local.set $we (f64.mul (f64.mul (f64.const -0.5) (local.get $wx)) (local.get $wx)))
                    (local.set $wn2 (f64.sub (f64.add (f64.mul (local.get $we) (f64.const 184.6649652337873)) (f64.const 6755399441055744)) (f64.const 6755399441055744)))
                    (local.set $wr (f64.sub (f64.sub (local.get $we) (f64.mul (local.get $wn2) (f64.const 0.005415212347998022))) (f64.mul (local.get $wn2) (f64.const 1.2655086083325438e-13))))
                    (local.set $wni (i32.trunc_f64_s (local.get $wn2)))
                    (local.set $wt (i32.add (local.get $xt) (i32.shl (i32.and (local.get $wni) (i32.const 127)) (i32.const 4))))
                    (local.set $wr2 (f64.mul (local.get $wr) (local.get $wr)))
                    (local.set $wth (f64.load (local.get $wt)))
                    (local.set $we (f64.mul
                      (f64.add (local.get $wth) (f64.add (f64.load offset=8 (local.get $wt)) (f64.mul (local.get $wth)
                        (f64.add (f64.add (local.get $wr) (f64.mul (local.get $wr2) (f64.add (f64.const 0.5) (f64.mul (local.get $wr) (f64.const 0.16666666666666666)))))
                          (f64.mul (f64.mul (local.get $wr2) (local.get $wr2)) (f64.add (f64.const 0.041666666666666664) (f64.mul (local.get $wr) (f64.const 0.008333333333333333))))))))
                      (f64.reinterpret_i64 (i64.shl (i64.add (i64.extend_i32_s (i32.shr_s (local.get $wni) (i32.const 7))) (i64.const 1023)) (i64.const 52)))))
                    ;; rejected: the normal is drawn again from the lane's next two words
                    (if (i32.eqz (f64.lt (f64.add (local.get $wf0) (f64.mul (local.get $wu) (f64.sub (f64.load (i32.sub (i32.add (local.get $fn) (local.get $widx)) (i32.const 8))) (local.get $wf0)))) (local.get $we))) (then
                      (local.set $q0 (i32.load offset=0 (local.get $wa)))
                      (local.set $q1 (i32.load offset=16 (local.get $wa)))
                      (local.set $q2 (i32.xor (i32.load offset=32 (local.get $wa)) (local.get $q0)))
                      (local.set $q3 (i32.xor (i32.load offset=48 (local.get $wa)) (local.get $q1)))
                      (local.set $wu1 (i32.mul (i32.rotl (i32.mul (local.get $q1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                      (i32.store offset=0 (local.get $wa) (i32.xor (local.get $q0) (local.get $q3)))
                      (i32.store offset=16 (local.get $wa) (i32.xor (local.get $q1) (local.get $q2)))
                      (i32.store offset=32 (local.get $wa) (i32.xor (local.get $q2) (i32.shl (local.get $q1) (i32.const 9))))
                      (i32.store offset=48 (local.get $wa) (i32.rotl (local.get $q3) (i32.const 11)))
                      (local.set $q0 (i32.load offset=0 (local.get $wa)))
                      (local.set $q1 (i32.load offset=16 (local.get $wa)))
                      (local.set $q2 (i32.xor (i32.load offset=32 (local.get $wa)) (local.get $q0)))
                      (local.set $q3 (i32.xor (i32.load offset=48 (local.get $wa)) (local.get $q1)))
                      (local.set $wu2 (i32.mul (i32.rotl (i32.mul (local.get $q1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
                      (i32.store offset=0 (local.get $wa) (i32.xor (local.get $q0) (local.get $q3)))
                      (i32.store offset=16 (local.get $wa) (i32.xor (local.get $q1) (local.get $q2)))
                      (i32.store offset=32 (local.get $wa) (i32.xor (local.get $q2) (i32.shl (local.get $q1) (i32.const 9))))
                      (i32.store offset=48 (local.get $wa) (i32.rotl (local.get $q3) (i32.const 11)))
                      (br $draw)))))
                  (f64.store offset=192 (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 3))) (f64.mul (local.get $wx) (f64.convert_i32_s (i32.sub (i32.const 1) (i32.and (i32.shr_u (local.get $wu1) (i32.const 7)) (i32.const 2))))))
                  (local.set $slow (i32.xor (local.get $slow) (i32.shl (i32.const 1) (local.get $j))))))
            ))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $lanes (i32.lt_u (local.get $j) (i32.const 4))))
          (local.set $s0 (v128.load offset=0 (local.get $p)))
          (local.set $s1 (v128.load offset=16 (local.get $p)))
          (local.set $s2 (v128.load offset=32 (local.get $p)))
          (local.set $s3 (v128.load offset=48 (local.get $p)))
          (local.set $zya (v128.load offset=192 (local.get $p)))
          (local.set $zyb (v128.load offset=208 (local.get $p)))
          ;; a lane in the tail: the state out (the gradient too), for the caller to finish that normal
          (if (local.get $slow) (then
            (v128.store offset=64 (local.get $p) (local.get $xa))
            (v128.store offset=80 (local.get $p) (local.get $xb))
            (v128.store offset=96 (local.get $p) (local.get $ya))
            (v128.store offset=112 (local.get $p) (local.get $yb))
            (v128.store offset=256 (local.get $p) (local.get $gxa))
            (v128.store offset=272 (local.get $p) (local.get $gxb))
            (v128.store offset=288 (local.get $p) (local.get $gya))
            (v128.store offset=304 (local.get $p) (local.get $gyb))
            (v128.store offset=160 (local.get $p) (local.get $zxa))
            (v128.store offset=176 (local.get $p) (local.get $zxb))
            (f64.store offset=600 (local.get $p) (local.get $n))
            (i32.store offset=616 (local.get $p) (local.get $slow))
            (i32.store offset=628 (local.get $p) (i32.const 1))
            (return (i32.const 1))))))
      ) (else
        (local.set $zya (v128.load offset=192 (local.get $p)))
        (local.set $zyb (v128.load offset=208 (local.get $p)))
      ))
      (local.set $phase (i32.const 0))
      (local.set $xa (f64x2.add (f64x2.sub (local.get $xa) (f64x2.mul (local.get $dt) (local.get $gxa))) (f64x2.mul (local.get $sigma) (local.get $zxa))))
      (local.set $ya (f64x2.add (f64x2.sub (local.get $ya) (f64x2.mul (local.get $dt) (local.get $gya))) (f64x2.mul (local.get $sigma) (local.get $zya))))
      (local.set $xb (f64x2.add (f64x2.sub (local.get $xb) (f64x2.mul (local.get $dt) (local.get $gxb))) (f64x2.mul (local.get $sigma) (local.get $zxb))))
      (local.set $yb (f64x2.add (f64x2.sub (local.get $yb) (f64x2.mul (local.get $dt) (local.get $gyb))) (f64x2.mul (local.get $sigma) (local.get $zyb))))
      (local.set $n (f64.add (local.get $n) (f64.const 1)))
      (local.set $stopped (i32.const 0))
      (if (i32.eq (local.get $stopKind) (i32.const 1)) (then
        (local.set $stopped (i32.or (i32.shl (i64x2.bitmask (f64x2.ge (f64x2.mul (local.get $sign) (f64x2.sub (select (local.get $ya) (local.get $xa) (local.get $hc)) (local.get $level))) (v128.const f64x2 0 0))) (i32.const 0)) (i32.shl (i64x2.bitmask (f64x2.ge (f64x2.mul (local.get $sign) (f64x2.sub (select (local.get $yb) (local.get $xb) (local.get $hc)) (local.get $level))) (v128.const f64x2 0 0))) (i32.const 2))))
      ))
      (if (i32.eq (local.get $stopKind) (i32.const 2)) (then
        (local.set $stopped (i32.or (i32.shl (i64x2.bitmask (f64x2.le (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (f64x2.sub (local.get $xa) (local.get $cx)) (f64x2.sub (local.get $xa) (local.get $cx)))) (f64x2.mul (f64x2.sub (local.get $ya) (local.get $cy)) (f64x2.sub (local.get $ya) (local.get $cy)))) (local.get $r2))) (i32.const 0)) (i32.shl (i64x2.bitmask (f64x2.le (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (f64x2.sub (local.get $xb) (local.get $cx)) (f64x2.sub (local.get $xb) (local.get $cx)))) (f64x2.mul (f64x2.sub (local.get $yb) (local.get $cy)) (f64x2.sub (local.get $yb) (local.get $cy)))) (local.get $r2))) (i32.const 2))))
      ))
      (local.set $done (i32.and (i32.or (local.get $stopped) (i32.xor (i32.or (i32.shl (i64x2.bitmask (f64x2.eq (f64x2.add (f64x2.sub (local.get $xa) (local.get $xa)) (f64x2.sub (local.get $ya) (local.get $ya))) (v128.const f64x2 0 0))) (i32.const 0)) (i32.shl (i64x2.bitmask (f64x2.eq (f64x2.add (f64x2.sub (local.get $xb) (local.get $xb)) (f64x2.sub (local.get $yb) (local.get $yb))) (v128.const f64x2 0 0))) (i32.const 2))) (i32.const 15))) (local.get $active)))
      (if (i32.or (local.get $done) (f64.ge (local.get $n) (local.get $limit))) (then
        (v128.store offset=0 (local.get $p) (local.get $s0))
        (v128.store offset=16 (local.get $p) (local.get $s1))
        (v128.store offset=32 (local.get $p) (local.get $s2))
        (v128.store offset=48 (local.get $p) (local.get $s3))
        (v128.store offset=64 (local.get $p) (local.get $xa))
        (v128.store offset=80 (local.get $p) (local.get $xb))
        (v128.store offset=96 (local.get $p) (local.get $ya))
        (v128.store offset=112 (local.get $p) (local.get $yb))
        (f64.store offset=600 (local.get $p) (local.get $n))
        (i32.store offset=620 (local.get $p) (local.get $done))
        (i32.store offset=624 (local.get $p) (i32.and (local.get $stopped) (local.get $done)))
        (i32.store offset=612 (local.get $p) (i32.const 0))
        (return (i32.const 2))))
      (br $step))
    (i32.const 0))
  ;; ==== end langevin ====
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
  ;; ==== dmhigh: float32 Gram panel (candidate selection of diffusion-maps/neighbor-kernels.ts) ====
  ;; C[i][j] += Σₖ A[i][k]·B[j][k] over a panel of len floats a row (len a multiple of 4), for
  ;; i < rowsA (a multiple of 2) and j < rowsB (a multiple of 4): A and B row-major float32 with
  ;; row stride len, C row-major float64 with row stride ldc (doubles). With sym = 1 the 2×4 tiles
  ;; wholly below the diagonal (global row ioff + i) are skipped. Each entry: four float32 partial
  ;; sums over the offsets k ≡ 0, 1, 2, 3 (mod 4) (one f32x4 accumulator, len/4 terms a lane), the
  ;; lanes added in float32 as (s0 + s2) + (s1 + s3), the result widened to float64 and added to C.
  ;; So each product goes through at most len/4 + 1 float32 additions: the error bound of
  ;; gramBlockF32 in distance-kernels.ts. Only a candidate selection uses it (never a reported
  ;; value), so it has no JavaScript twin: without SIMD the float64 route runs instead.
  (func (export "gramPanelF32")
    (param $a i32) (param $rowsA i32) (param $b i32) (param $rowsB i32) (param $len i32)
    (param $c i32) (param $ldc i32) (param $sym i32) (param $ioff i32)
    (local $i i32) (local $j i32) (local $k i32) (local $end i32) (local $rowBytes i32)
    (local $pa0 i32) (local $pa1 i32) (local $pb0 i32) (local $pb1 i32) (local $pb2 i32) (local $pb3 i32) (local $pc i32)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128) (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local $va0 v128) (local $va1 v128) (local $vb v128) (local $u v128) (local $w v128)
    (local.set $rowBytes (i32.shl (local.get $len) (i32.const 2)))
    (local.set $end (local.get $rowBytes))
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
            (block $quadsDone
              (loop $quads
                (br_if $quadsDone (i32.ge_u (local.get $k) (local.get $end)))
                (local.set $va0 (v128.load (i32.add (local.get $pa0) (local.get $k))))
                (local.set $va1 (v128.load (i32.add (local.get $pa1) (local.get $k))))
                (local.set $vb (v128.load (i32.add (local.get $pb0) (local.get $k))))
                (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $va0) (local.get $vb))))
                (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $va1) (local.get $vb))))
                (local.set $vb (v128.load (i32.add (local.get $pb1) (local.get $k))))
                (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $va0) (local.get $vb))))
                (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $va1) (local.get $vb))))
                (local.set $vb (v128.load (i32.add (local.get $pb2) (local.get $k))))
                (local.set $s02 (f32x4.add (local.get $s02) (f32x4.mul (local.get $va0) (local.get $vb))))
                (local.set $s12 (f32x4.add (local.get $s12) (f32x4.mul (local.get $va1) (local.get $vb))))
                (local.set $vb (v128.load (i32.add (local.get $pb3) (local.get $k))))
                (local.set $s03 (f32x4.add (local.get $s03) (f32x4.mul (local.get $va0) (local.get $vb))))
                (local.set $s13 (f32x4.add (local.get $s13) (f32x4.mul (local.get $va1) (local.get $vb))))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $quads)))
            (local.set $u (f32x4.add
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s00) (local.get $s01))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s00) (local.get $s01))))
            (local.set $w (f32x4.add
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s02) (local.get $s03))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s02) (local.get $s03))))
            (local.set $u (f32x4.add
              (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $u) (local.get $w))
              (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $u) (local.get $w))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 0)) (local.get $ldc)) (local.get $j)) (i32.const 3))))
            (v128.store (local.get $pc) (f64x2.add (v128.load (local.get $pc)) (f64x2.promote_low_f32x4 (local.get $u))))
            (v128.store offset=16 (local.get $pc) (f64x2.add (v128.load offset=16 (local.get $pc))
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $u) (local.get $u)))))
            (local.set $u (f32x4.add
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s10) (local.get $s11))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s10) (local.get $s11))))
            (local.set $w (f32x4.add
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s12) (local.get $s13))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s12) (local.get $s13))))
            (local.set $u (f32x4.add
              (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $u) (local.get $w))
              (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $u) (local.get $w))))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (i32.const 1)) (local.get $ldc)) (local.get $j)) (i32.const 3))))
            (v128.store (local.get $pc) (f64x2.add (v128.load (local.get $pc)) (f64x2.promote_low_f32x4 (local.get $u))))
            (v128.store offset=16 (local.get $pc) (f64x2.add (v128.load offset=16 (local.get $pc))
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $u) (local.get $u)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows))))
  ;; ==== end dmhigh ====
  ;; ==== mlp: network element-wise kernels (src/objectives/network-kernels.ts) ====
  ;; tanh on both lanes of a v128 as core/elementary/tanh.ts computes it (written out twice in mlpTanh
  ;; below, for the pairs and for an odd last element: as a called function it ran 25% slower), the
  ;; same operations in the
  ;; same order (no FMA), each branch computed when a lane needs it (both for a mixed pair: 4% slower
  ;; than always both at |x| ~ N(0, 1), twice as fast at N(0, 0.3²)) and selected per lane: |x| < 2^-28 → x; |x| < 0.55 →
  ;; x + (x·s)·(p03 + s4·(p47 + s4·p810)), s = x² (Estrin, TANH_POLY); 0.55 ≤ |x| < 22 → 1 − 2/(e^{2|x|} + 1)
  ;; by exp's table at $xt (EXP_TABLE: 2^(j/128) as [head, tail] pairs) with the Fast2Sum corrections,
  ;; the sign of x put back; |x| ≥ 22 → ±1; NaN → x. 2^k (0 ≤ k ≤ 63 here) from its exponent bits, as pow2 gives it.
  ;; For i < len: a[i] ← t = tanh z[i], d1[i] ← s = 1 − t·t and, when d2 ≠ 0,
  ;; d2[i] ← (−2·t)·s: tanh's `evaluate` of objectives/activations.ts, bit for bit. Pairs of
  ;; lanes, an odd last element alone in lane 0 (the tanh above written out at both).
  (func (export "mlpTanh") (param $z i32) (param $len i32) (param $a i32) (param $d1 i32) (param $d2 i32) (param $xt i32)
    (local $i i32) (local $o i32) (local $t v128) (local $s v128)
    (local $h_a v128) (local $h_s v128) (local $h_s2 v128) (local $h_s4 v128) (local $h_poly v128) (local $h_z v128) (local $h_n v128) (local $h_r v128) (local $h_r2 v128) (local $h_p v128) (local $h_ni v128) (local $h_sc v128) (local $h_th v128) (local $h_tl v128) (local $h_hi v128) (local $h_lo v128) (local $h_eh v128) (local $h_el v128) (local $h_uh v128) (local $h_ul v128) (local $h_qh v128) (local $h_c v128) (local $h_t v128) (local $h_e v128) (local $h_res v128) (local $h_a0 i32) (local $h_a1 i32) (local $h_one v128) (local $h_x v128) (local $h_m i32)
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $len)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (local.set $t (block (result v128) (local.set $h_x (v128.load (i32.add (local.get $z) (local.get $o))))
    (local.set $h_a (f64x2.abs (local.get $h_x)))
    (local.set $h_one (v128.const f64x2 1 1))
    ;; |x| < 0.55: the polynomial
    (local.set $h_m (i64x2.bitmask (f64x2.lt (local.get $h_a) (v128.const f64x2 0.55 0.55))))
    (if (local.get $h_m) (then
    (local.set $h_s (f64x2.mul (local.get $h_x) (local.get $h_x)))
    (local.set $h_s2 (f64x2.mul (local.get $h_s) (local.get $h_s)))
    (local.set $h_s4 (f64x2.mul (local.get $h_s2) (local.get $h_s2)))
    (local.set $h_poly
      (f64x2.add (local.get $h_x) (f64x2.mul (f64x2.mul (local.get $h_x) (local.get $h_s))
        (f64x2.add
          (f64x2.add
            (f64x2.add (v128.const f64x2 -0.3333333333333333 -0.3333333333333333) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.13333333333332714 0.13333333333332714)))
            (f64x2.mul (local.get $h_s2) (f64x2.add (v128.const f64x2 -0.053968253967434016 -0.053968253967434016) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.021869488493666944 0.021869488493666944)))))
          (f64x2.mul (local.get $h_s4)
            (f64x2.add
              (f64x2.add
                (f64x2.add (v128.const f64x2 -0.008863234397814355 -0.008863234397814355) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.003592110378689024 0.003592110378689024)))
                (f64x2.mul (local.get $h_s2) (f64x2.add (v128.const f64x2 -0.001455661830100716 -0.001455661830100716) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.0005889360520074057 0.0005889360520074057)))))
              (f64x2.mul (local.get $h_s4)
                (f64x2.add
                  (f64x2.add (v128.const f64x2 -0.0002346347410887237 -0.0002346347410887237) (f64x2.mul (local.get $h_s) (v128.const f64x2 8.511313685577672e-5 8.511313685577672e-5)))
                  (f64x2.mul (local.get $h_s2) (v128.const f64x2 -2.060276537636634e-5 -2.060276537636634e-5))))))))))
    ))
    ;; 0.55 ≤ |x| < 22: E = e^{2|x|} = 2^k·2^(j/128)·(1 + p)
    (if (i32.ne (local.get $h_m) (i32.const 3)) (then
    (local.set $h_z (f64x2.add (local.get $h_a) (local.get $h_a)))
    (local.set $h_n (f64x2.sub (f64x2.add (f64x2.mul (local.get $h_z) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)) (v128.const f64x2 6755399441055744 6755399441055744)))
    (local.set $h_r (f64x2.sub (f64x2.sub (local.get $h_z) (f64x2.mul (local.get $h_n) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $h_n) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
    (local.set $h_ni (i32x4.trunc_sat_f64x2_s_zero (local.get $h_n)))
    (local.set $h_a0 (i32.add (local.get $xt) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $h_ni)) (i32.const 127)) (i32.const 4))))
    (local.set $h_a1 (i32.add (local.get $xt) (i32.shl (i32.and (i32x4.extract_lane 1 (local.get $h_ni)) (i32.const 127)) (i32.const 4))))
    (local.set $h_r2 (f64x2.mul (local.get $h_r) (local.get $h_r)))
    (local.set $h_p (f64x2.add
      (f64x2.add (local.get $h_r) (f64x2.mul (local.get $h_r2) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $h_r) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))))
      (f64x2.mul (f64x2.mul (local.get $h_r2) (local.get $h_r2)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $h_r) (v128.const f64x2 0.008333333333333333 0.008333333333333333))))))
    ;; 2^k, k = ni >> 7 (0 ≤ k ≤ 63 on the lanes kept; the others' bits are discarded below)
    (local.set $h_sc (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.shr_s (local.get $h_ni) (i32.const 7))) (v128.const i64x2 1023 1023)) (i32.const 52)))
    (local.set $h_th (v128.load64_lane 1 (local.get $h_a1) (v128.load64_zero (local.get $h_a0))))
    (local.set $h_tl (v128.load64_lane offset=8 1 (local.get $h_a1) (v128.load64_zero offset=8 (local.get $h_a0))))
    (local.set $h_hi (f64x2.mul (local.get $h_th) (local.get $h_sc)))
    (local.set $h_lo (f64x2.mul (f64x2.add (local.get $h_tl) (f64x2.mul (local.get $h_th) (local.get $h_p))) (local.get $h_sc)))
    (local.set $h_eh (f64x2.add (local.get $h_hi) (local.get $h_lo)))
    (local.set $h_el (f64x2.add (f64x2.sub (local.get $h_hi) (local.get $h_eh)) (local.get $h_lo)))
    (local.set $h_uh (f64x2.add (local.get $h_eh) (local.get $h_one)))
    (local.set $h_ul (f64x2.add (f64x2.sub (local.get $h_one) (f64x2.sub (local.get $h_uh) (local.get $h_eh))) (local.get $h_el)))
    (local.set $h_qh (f64x2.div (v128.const f64x2 2 2) (local.get $h_uh)))
    (local.set $h_c (f64x2.mul (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $h_qh)) (local.get $h_qh)) (local.get $h_ul)))
    (local.set $h_s (f64x2.sub (local.get $h_one) (local.get $h_qh)))
    (local.set $h_e (f64x2.sub (f64x2.sub (local.get $h_one) (local.get $h_s)) (local.get $h_qh)))
    (local.set $h_t (f64x2.add (local.get $h_s) (f64x2.add (local.get $h_e) (local.get $h_c))))
    ;; the sign of x on t (> 0 here), as x < 0 ? −t : t
    (local.set $h_res (v128.or (local.get $h_t) (v128.and (local.get $h_x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
    ))
    (local.set $h_res (v128.bitselect (local.get $h_poly) (local.get $h_res) (f64x2.lt (local.get $h_a) (v128.const f64x2 0.55 0.55))))
    (local.set $h_res (v128.bitselect (local.get $h_x) (local.get $h_res) (f64x2.lt (local.get $h_a) (v128.const f64x2 3.725290298461914e-9 3.725290298461914e-9))))
    ;; |x| ≥ 22 or NaN: ±1, or x itself when NaN
    (v128.bitselect
      (local.get $h_res)
      (v128.bitselect (local.get $h_x)
        (v128.or (local.get $h_one) (v128.and (local.get $h_x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
        (f64x2.ne (local.get $h_x) (local.get $h_x)))
      (f64x2.lt (local.get $h_a) (v128.const f64x2 22 22)))))
        (local.set $s (f64x2.sub (v128.const f64x2 1 1) (f64x2.mul (local.get $t) (local.get $t))))
        (v128.store (i32.add (local.get $a) (local.get $o)) (local.get $t))
        (v128.store (i32.add (local.get $d1) (local.get $o)) (local.get $s))
        (if (local.get $d2) (then
          (v128.store (i32.add (local.get $d2) (local.get $o)) (f64x2.mul (f64x2.mul (v128.const f64x2 -2 -2) (local.get $t)) (local.get $s)))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_u (local.get $i) (local.get $len)) (then
      (local.set $o (i32.shl (local.get $i) (i32.const 3)))
      (local.set $t (block (result v128) (local.set $h_x (v128.load64_zero (i32.add (local.get $z) (local.get $o))))
    (local.set $h_a (f64x2.abs (local.get $h_x)))
    (local.set $h_one (v128.const f64x2 1 1))
    ;; |x| < 0.55: the polynomial
    (local.set $h_m (i64x2.bitmask (f64x2.lt (local.get $h_a) (v128.const f64x2 0.55 0.55))))
    (if (local.get $h_m) (then
    (local.set $h_s (f64x2.mul (local.get $h_x) (local.get $h_x)))
    (local.set $h_s2 (f64x2.mul (local.get $h_s) (local.get $h_s)))
    (local.set $h_s4 (f64x2.mul (local.get $h_s2) (local.get $h_s2)))
    (local.set $h_poly
      (f64x2.add (local.get $h_x) (f64x2.mul (f64x2.mul (local.get $h_x) (local.get $h_s))
        (f64x2.add
          (f64x2.add
            (f64x2.add (v128.const f64x2 -0.3333333333333333 -0.3333333333333333) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.13333333333332714 0.13333333333332714)))
            (f64x2.mul (local.get $h_s2) (f64x2.add (v128.const f64x2 -0.053968253967434016 -0.053968253967434016) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.021869488493666944 0.021869488493666944)))))
          (f64x2.mul (local.get $h_s4)
            (f64x2.add
              (f64x2.add
                (f64x2.add (v128.const f64x2 -0.008863234397814355 -0.008863234397814355) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.003592110378689024 0.003592110378689024)))
                (f64x2.mul (local.get $h_s2) (f64x2.add (v128.const f64x2 -0.001455661830100716 -0.001455661830100716) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.0005889360520074057 0.0005889360520074057)))))
              (f64x2.mul (local.get $h_s4)
                (f64x2.add
                  (f64x2.add (v128.const f64x2 -0.0002346347410887237 -0.0002346347410887237) (f64x2.mul (local.get $h_s) (v128.const f64x2 8.511313685577672e-5 8.511313685577672e-5)))
                  (f64x2.mul (local.get $h_s2) (v128.const f64x2 -2.060276537636634e-5 -2.060276537636634e-5))))))))))
    ))
    ;; 0.55 ≤ |x| < 22: E = e^{2|x|} = 2^k·2^(j/128)·(1 + p)
    (if (i32.ne (local.get $h_m) (i32.const 3)) (then
    (local.set $h_z (f64x2.add (local.get $h_a) (local.get $h_a)))
    (local.set $h_n (f64x2.sub (f64x2.add (f64x2.mul (local.get $h_z) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)) (v128.const f64x2 6755399441055744 6755399441055744)))
    (local.set $h_r (f64x2.sub (f64x2.sub (local.get $h_z) (f64x2.mul (local.get $h_n) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $h_n) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
    (local.set $h_ni (i32x4.trunc_sat_f64x2_s_zero (local.get $h_n)))
    (local.set $h_a0 (i32.add (local.get $xt) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $h_ni)) (i32.const 127)) (i32.const 4))))
    (local.set $h_a1 (i32.add (local.get $xt) (i32.shl (i32.and (i32x4.extract_lane 1 (local.get $h_ni)) (i32.const 127)) (i32.const 4))))
    (local.set $h_r2 (f64x2.mul (local.get $h_r) (local.get $h_r)))
    (local.set $h_p (f64x2.add
      (f64x2.add (local.get $h_r) (f64x2.mul (local.get $h_r2) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $h_r) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))))
      (f64x2.mul (f64x2.mul (local.get $h_r2) (local.get $h_r2)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $h_r) (v128.const f64x2 0.008333333333333333 0.008333333333333333))))))
    ;; 2^k, k = ni >> 7 (0 ≤ k ≤ 63 on the lanes kept; the others' bits are discarded below)
    (local.set $h_sc (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.shr_s (local.get $h_ni) (i32.const 7))) (v128.const i64x2 1023 1023)) (i32.const 52)))
    (local.set $h_th (v128.load64_lane 1 (local.get $h_a1) (v128.load64_zero (local.get $h_a0))))
    (local.set $h_tl (v128.load64_lane offset=8 1 (local.get $h_a1) (v128.load64_zero offset=8 (local.get $h_a0))))
    (local.set $h_hi (f64x2.mul (local.get $h_th) (local.get $h_sc)))
    (local.set $h_lo (f64x2.mul (f64x2.add (local.get $h_tl) (f64x2.mul (local.get $h_th) (local.get $h_p))) (local.get $h_sc)))
    (local.set $h_eh (f64x2.add (local.get $h_hi) (local.get $h_lo)))
    (local.set $h_el (f64x2.add (f64x2.sub (local.get $h_hi) (local.get $h_eh)) (local.get $h_lo)))
    (local.set $h_uh (f64x2.add (local.get $h_eh) (local.get $h_one)))
    (local.set $h_ul (f64x2.add (f64x2.sub (local.get $h_one) (f64x2.sub (local.get $h_uh) (local.get $h_eh))) (local.get $h_el)))
    (local.set $h_qh (f64x2.div (v128.const f64x2 2 2) (local.get $h_uh)))
    (local.set $h_c (f64x2.mul (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $h_qh)) (local.get $h_qh)) (local.get $h_ul)))
    (local.set $h_s (f64x2.sub (local.get $h_one) (local.get $h_qh)))
    (local.set $h_e (f64x2.sub (f64x2.sub (local.get $h_one) (local.get $h_s)) (local.get $h_qh)))
    (local.set $h_t (f64x2.add (local.get $h_s) (f64x2.add (local.get $h_e) (local.get $h_c))))
    ;; the sign of x on t (> 0 here), as x < 0 ? −t : t
    (local.set $h_res (v128.or (local.get $h_t) (v128.and (local.get $h_x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
    ))
    (local.set $h_res (v128.bitselect (local.get $h_poly) (local.get $h_res) (f64x2.lt (local.get $h_a) (v128.const f64x2 0.55 0.55))))
    (local.set $h_res (v128.bitselect (local.get $h_x) (local.get $h_res) (f64x2.lt (local.get $h_a) (v128.const f64x2 3.725290298461914e-9 3.725290298461914e-9))))
    ;; |x| ≥ 22 or NaN: ±1, or x itself when NaN
    (v128.bitselect
      (local.get $h_res)
      (v128.bitselect (local.get $h_x)
        (v128.or (local.get $h_one) (v128.and (local.get $h_x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
        (f64x2.ne (local.get $h_x) (local.get $h_x)))
      (f64x2.lt (local.get $h_a) (v128.const f64x2 22 22)))))
      (local.set $s (f64x2.sub (v128.const f64x2 1 1) (f64x2.mul (local.get $t) (local.get $t))))
      (f64.store (i32.add (local.get $a) (local.get $o)) (f64x2.extract_lane 0 (local.get $t)))
      (f64.store (i32.add (local.get $d1) (local.get $o)) (f64x2.extract_lane 0 (local.get $s)))
      (if (local.get $d2) (then
        (f64.store (i32.add (local.get $d2) (local.get $o)) (f64x2.extract_lane 0 (f64x2.mul (f64x2.mul (v128.const f64x2 -2 -2) (local.get $t)) (local.get $s)))))))))

  ;; For i < len (even): gelu's `evaluate` of objectives/activations.ts, bit for bit: with v = z[i],
  ;; v2 = v·v, u = K·(v + (C·v2)·v), du = K·(1 + C3·v2), t = tanh u (as mlpTanh computes it),
  ;; sech2 = 1 − t·t: a[i] ← (½v)(1 + t), d1[i] ← ½(1 + t) + ((½v)·sech2)·du and, when d2 ≠ 0,
  ;; d2[i] ← sech2·((du − ((v·t)·du)·du) + ((((½v)·K)·6)·C)·v); K = √(2/π), C = 0.044715, C3 = 3·C as
  ;; doubles. Two lanes at a time (the caller does an odd last element in JavaScript).
  (func (export "mlpGelu") (param $z i32) (param $len i32) (param $a i32) (param $d1 i32) (param $d2 i32) (param $xt i32)
    (local $i i32) (local $o i32) (local $v v128) (local $v2 v128) (local $u v128) (local $du v128) (local $t v128) (local $s v128) (local $hv v128) (local $t1 v128)
    (local $h_a v128) (local $h_s v128) (local $h_s2 v128) (local $h_s4 v128) (local $h_poly v128) (local $h_z v128) (local $h_n v128) (local $h_r v128) (local $h_r2 v128) (local $h_p v128) (local $h_ni v128) (local $h_sc v128) (local $h_th v128) (local $h_tl v128) (local $h_hi v128) (local $h_lo v128) (local $h_eh v128) (local $h_el v128) (local $h_uh v128) (local $h_ul v128) (local $h_qh v128) (local $h_c v128) (local $h_t v128) (local $h_e v128) (local $h_res v128) (local $h_a0 i32) (local $h_a1 i32) (local $h_one v128) (local $h_x v128) (local $h_m i32)
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $len)))
        (local.set $o (i32.shl (local.get $i) (i32.const 3)))
        (local.set $v (v128.load (i32.add (local.get $z) (local.get $o))))
        (local.set $v2 (f64x2.mul (local.get $v) (local.get $v)))
        (local.set $u (f64x2.mul (v128.const f64x2 0.7978845608028654 0.7978845608028654)
          (f64x2.add (local.get $v) (f64x2.mul (f64x2.mul (v128.const f64x2 0.044715 0.044715) (local.get $v2)) (local.get $v)))))
        (local.set $du (f64x2.mul (v128.const f64x2 0.7978845608028654 0.7978845608028654)
          (f64x2.add (v128.const f64x2 1 1) (f64x2.mul (v128.const f64x2 0.134145 0.134145) (local.get $v2)))))
        (local.set $t (block (result v128) (local.set $h_x (local.get $u))
    (local.set $h_a (f64x2.abs (local.get $h_x)))
    (local.set $h_one (v128.const f64x2 1 1))
    ;; |x| < 0.55: the polynomial
    (local.set $h_m (i64x2.bitmask (f64x2.lt (local.get $h_a) (v128.const f64x2 0.55 0.55))))
    (if (local.get $h_m) (then
    (local.set $h_s (f64x2.mul (local.get $h_x) (local.get $h_x)))
    (local.set $h_s2 (f64x2.mul (local.get $h_s) (local.get $h_s)))
    (local.set $h_s4 (f64x2.mul (local.get $h_s2) (local.get $h_s2)))
    (local.set $h_poly
      (f64x2.add (local.get $h_x) (f64x2.mul (f64x2.mul (local.get $h_x) (local.get $h_s))
        (f64x2.add
          (f64x2.add
            (f64x2.add (v128.const f64x2 -0.3333333333333333 -0.3333333333333333) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.13333333333332714 0.13333333333332714)))
            (f64x2.mul (local.get $h_s2) (f64x2.add (v128.const f64x2 -0.053968253967434016 -0.053968253967434016) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.021869488493666944 0.021869488493666944)))))
          (f64x2.mul (local.get $h_s4)
            (f64x2.add
              (f64x2.add
                (f64x2.add (v128.const f64x2 -0.008863234397814355 -0.008863234397814355) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.003592110378689024 0.003592110378689024)))
                (f64x2.mul (local.get $h_s2) (f64x2.add (v128.const f64x2 -0.001455661830100716 -0.001455661830100716) (f64x2.mul (local.get $h_s) (v128.const f64x2 0.0005889360520074057 0.0005889360520074057)))))
              (f64x2.mul (local.get $h_s4)
                (f64x2.add
                  (f64x2.add (v128.const f64x2 -0.0002346347410887237 -0.0002346347410887237) (f64x2.mul (local.get $h_s) (v128.const f64x2 8.511313685577672e-5 8.511313685577672e-5)))
                  (f64x2.mul (local.get $h_s2) (v128.const f64x2 -2.060276537636634e-5 -2.060276537636634e-5))))))))))
    ))
    ;; 0.55 ≤ |x| < 22: E = e^{2|x|} = 2^k·2^(j/128)·(1 + p)
    (if (i32.ne (local.get $h_m) (i32.const 3)) (then
    (local.set $h_z (f64x2.add (local.get $h_a) (local.get $h_a)))
    (local.set $h_n (f64x2.sub (f64x2.add (f64x2.mul (local.get $h_z) (v128.const f64x2 184.6649652337873 184.6649652337873)) (v128.const f64x2 6755399441055744 6755399441055744)) (v128.const f64x2 6755399441055744 6755399441055744)))
    (local.set $h_r (f64x2.sub (f64x2.sub (local.get $h_z) (f64x2.mul (local.get $h_n) (v128.const f64x2 0.005415212347998022 0.005415212347998022))) (f64x2.mul (local.get $h_n) (v128.const f64x2 1.2655086083325438e-13 1.2655086083325438e-13))))
    (local.set $h_ni (i32x4.trunc_sat_f64x2_s_zero (local.get $h_n)))
    (local.set $h_a0 (i32.add (local.get $xt) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $h_ni)) (i32.const 127)) (i32.const 4))))
    (local.set $h_a1 (i32.add (local.get $xt) (i32.shl (i32.and (i32x4.extract_lane 1 (local.get $h_ni)) (i32.const 127)) (i32.const 4))))
    (local.set $h_r2 (f64x2.mul (local.get $h_r) (local.get $h_r)))
    (local.set $h_p (f64x2.add
      (f64x2.add (local.get $h_r) (f64x2.mul (local.get $h_r2) (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $h_r) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))))
      (f64x2.mul (f64x2.mul (local.get $h_r2) (local.get $h_r2)) (f64x2.add (v128.const f64x2 0.041666666666666664 0.041666666666666664) (f64x2.mul (local.get $h_r) (v128.const f64x2 0.008333333333333333 0.008333333333333333))))))
    ;; 2^k, k = ni >> 7 (0 ≤ k ≤ 63 on the lanes kept; the others' bits are discarded below)
    (local.set $h_sc (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.shr_s (local.get $h_ni) (i32.const 7))) (v128.const i64x2 1023 1023)) (i32.const 52)))
    (local.set $h_th (v128.load64_lane 1 (local.get $h_a1) (v128.load64_zero (local.get $h_a0))))
    (local.set $h_tl (v128.load64_lane offset=8 1 (local.get $h_a1) (v128.load64_zero offset=8 (local.get $h_a0))))
    (local.set $h_hi (f64x2.mul (local.get $h_th) (local.get $h_sc)))
    (local.set $h_lo (f64x2.mul (f64x2.add (local.get $h_tl) (f64x2.mul (local.get $h_th) (local.get $h_p))) (local.get $h_sc)))
    (local.set $h_eh (f64x2.add (local.get $h_hi) (local.get $h_lo)))
    (local.set $h_el (f64x2.add (f64x2.sub (local.get $h_hi) (local.get $h_eh)) (local.get $h_lo)))
    (local.set $h_uh (f64x2.add (local.get $h_eh) (local.get $h_one)))
    (local.set $h_ul (f64x2.add (f64x2.sub (local.get $h_one) (f64x2.sub (local.get $h_uh) (local.get $h_eh))) (local.get $h_el)))
    (local.set $h_qh (f64x2.div (v128.const f64x2 2 2) (local.get $h_uh)))
    (local.set $h_c (f64x2.mul (f64x2.mul (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $h_qh)) (local.get $h_qh)) (local.get $h_ul)))
    (local.set $h_s (f64x2.sub (local.get $h_one) (local.get $h_qh)))
    (local.set $h_e (f64x2.sub (f64x2.sub (local.get $h_one) (local.get $h_s)) (local.get $h_qh)))
    (local.set $h_t (f64x2.add (local.get $h_s) (f64x2.add (local.get $h_e) (local.get $h_c))))
    ;; the sign of x on t (> 0 here), as x < 0 ? −t : t
    (local.set $h_res (v128.or (local.get $h_t) (v128.and (local.get $h_x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
    ))
    (local.set $h_res (v128.bitselect (local.get $h_poly) (local.get $h_res) (f64x2.lt (local.get $h_a) (v128.const f64x2 0.55 0.55))))
    (local.set $h_res (v128.bitselect (local.get $h_x) (local.get $h_res) (f64x2.lt (local.get $h_a) (v128.const f64x2 3.725290298461914e-9 3.725290298461914e-9))))
    ;; |x| ≥ 22 or NaN: ±1, or x itself when NaN
    (v128.bitselect
      (local.get $h_res)
      (v128.bitselect (local.get $h_x)
        (v128.or (local.get $h_one) (v128.and (local.get $h_x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
        (f64x2.ne (local.get $h_x) (local.get $h_x)))
      (f64x2.lt (local.get $h_a) (v128.const f64x2 22 22)))))
        (local.set $s (f64x2.sub (v128.const f64x2 1 1) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $hv (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $v)))
        (local.set $t1 (f64x2.add (v128.const f64x2 1 1) (local.get $t)))
        (v128.store (i32.add (local.get $a) (local.get $o)) (f64x2.mul (local.get $hv) (local.get $t1)))
        (v128.store (i32.add (local.get $d1) (local.get $o))
          (f64x2.add (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $t1)) (f64x2.mul (f64x2.mul (local.get $hv) (local.get $s)) (local.get $du))))
        (if (local.get $d2) (then
          (v128.store (i32.add (local.get $d2) (local.get $o))
            (f64x2.mul (local.get $s)
              (f64x2.add
                (f64x2.sub (local.get $du) (f64x2.mul (f64x2.mul (f64x2.mul (local.get $v) (local.get $t)) (local.get $du)) (local.get $du)))
                (f64x2.mul (f64x2.mul (f64x2.mul (f64x2.mul (local.get $hv) (v128.const f64x2 0.7978845608028654 0.7978845608028654)) (v128.const f64x2 6 6)) (v128.const f64x2 0.044715 0.044715)) (local.get $v)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $pairs))))

  ;; For i < len, the piecewise-linear activations' `evaluate` of objectives/activations.ts, bit for
  ;; bit: kind 0 relu (a ← z > 0 ? z : +0, d1 ← z > 0 ? 1 : 0), 1 leaky relu (a ← z > 0 ? z : α·z,
  ;; d1 ← z > 0 ? 1 : α), 2 linear (a ← z, d1 ← 1); d2 ← 0 when d2 ≠ 0. Two lanes at a time, an odd
  ;; last element alone in lane 0.
  (func (export "mlpPiecewise") (param $z i32) (param $len i32) (param $a i32) (param $d1 i32) (param $d2 i32) (param $alpha f64) (param $kind i32)
    (local $o i32) (local $end i32) (local $v v128) (local $m v128) (local $al v128) (local $ra v128) (local $rd v128) (local $pair i32)
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (local.set $al (f64x2.splat (local.get $alpha)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $pair (i32.le_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.set $v (if (result v128) (local.get $pair)
          (then (v128.load (i32.add (local.get $z) (local.get $o))))
          (else (v128.load64_zero (i32.add (local.get $z) (local.get $o))))))
        (local.set $m (f64x2.gt (local.get $v) (v128.const f64x2 0 0)))
        (if (i32.eqz (local.get $kind))
          (then
            (local.set $ra (v128.and (local.get $v) (local.get $m)))
            (local.set $rd (v128.and (v128.const f64x2 1 1) (local.get $m))))
          (else (if (i32.eq (local.get $kind) (i32.const 1))
            (then
              (local.set $ra (v128.bitselect (local.get $v) (f64x2.mul (local.get $al) (local.get $v)) (local.get $m)))
              (local.set $rd (v128.bitselect (v128.const f64x2 1 1) (local.get $al) (local.get $m))))
            (else
              (local.set $ra (local.get $v))
              (local.set $rd (v128.const f64x2 1 1))))))
        (if (local.get $pair)
          (then
            (v128.store (i32.add (local.get $a) (local.get $o)) (local.get $ra))
            (v128.store (i32.add (local.get $d1) (local.get $o)) (local.get $rd))
            (if (local.get $d2) (then (v128.store (i32.add (local.get $d2) (local.get $o)) (v128.const i64x2 0 0)))))
          (else
            (f64.store (i32.add (local.get $a) (local.get $o)) (f64x2.extract_lane 0 (local.get $ra)))
            (f64.store (i32.add (local.get $d1) (local.get $o)) (f64x2.extract_lane 0 (local.get $rd)))
            (if (local.get $d2) (then (f64.store (i32.add (local.get $d2) (local.get $o)) (f64.const 0))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $each))))

  ;; z[c·n + o] ← z[c·n + o] + b[o] for c < rows, o < n (a layer's bias on a chunk).
  (func (export "mlpAddBias") (param $z i32) (param $rows i32) (param $n i32) (param $b i32)
    (local $c i32) (local $o i32) (local $p i32) (local $q i32)
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $c) (local.get $rows)))
        (local.set $o (i32.const 0))
        (block $colsDone
          (loop $col
            (br_if $colsDone (i32.gt_u (i32.add (local.get $o) (i32.const 2)) (local.get $n)))
            (local.set $p (i32.add (local.get $z) (i32.shl (local.get $o) (i32.const 3))))
            (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (v128.load (i32.add (local.get $b) (i32.shl (local.get $o) (i32.const 3))))))
            (local.set $o (i32.add (local.get $o) (i32.const 2)))
            (br $col)))
        (if (i32.lt_u (local.get $o) (local.get $n)) (then
          (local.set $p (i32.add (local.get $z) (i32.shl (local.get $o) (i32.const 3))))
          (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.load (i32.add (local.get $b) (i32.shl (local.get $o) (i32.const 3))))))))
        (local.set $z (i32.add (local.get $z) (i32.shl (local.get $n) (i32.const 3))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $row))))

  ;; out[i] ← x[i]·y[i] for i < len (out may be x or y).
  (func (export "mlpMul") (param $x i32) (param $y i32) (param $out i32) (param $len i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f64x2.mul (v128.load (i32.add (local.get $x) (local.get $o))) (v128.load (i32.add (local.get $y) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $o) (local.get $end)) (then
      (f64.store (i32.add (local.get $out) (local.get $o))
        (f64.mul (f64.load (i32.add (local.get $x) (local.get $o))) (f64.load (i32.add (local.get $y) (local.get $o))))))))

  ;; The HVP's step through an activation, for i < half: with g = dp[half + i] (G) and σ' = s1[i],
  ;; dp[half + i] ← σ'·g (δ) and dp[i] ← σ'·dp[i] + (s2[i]·rz[i])·g (R(δ); when curved = 0 just σ'·dp[i]).
  (func (export "mlpRBack") (param $dp i32) (param $half i32) (param $s1 i32) (param $s2 i32) (param $rz i32) (param $curved i32)
    (local $o i32) (local $end i32) (local $pg i32) (local $g v128) (local $si v128) (local $r v128)
    (local.set $end (i32.shl (local.get $half) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_u (i32.add (local.get $o) (i32.const 16)) (local.get $end)))
        (local.set $pg (i32.add (i32.add (local.get $dp) (local.get $end)) (local.get $o)))
        (local.set $g (v128.load (local.get $pg)))
        (local.set $si (v128.load (i32.add (local.get $s1) (local.get $o))))
        (v128.store (local.get $pg) (f64x2.mul (local.get $si) (local.get $g)))
        (local.set $r (f64x2.mul (local.get $si) (v128.load (i32.add (local.get $dp) (local.get $o)))))
        (if (local.get $curved) (then
          (local.set $r (f64x2.add (local.get $r)
            (f64x2.mul (f64x2.mul (v128.load (i32.add (local.get $s2) (local.get $o))) (v128.load (i32.add (local.get $rz) (local.get $o)))) (local.get $g))))))
        (v128.store (i32.add (local.get $dp) (local.get $o)) (local.get $r))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $o) (local.get $end)) (then
      (local.set $pg (i32.add (i32.add (local.get $dp) (local.get $end)) (local.get $o)))
      (local.set $g (v128.load64_zero (local.get $pg)))
      (local.set $si (v128.load64_zero (i32.add (local.get $s1) (local.get $o))))
      (f64.store (local.get $pg) (f64x2.extract_lane 0 (f64x2.mul (local.get $si) (local.get $g))))
      (local.set $r (f64x2.mul (local.get $si) (v128.load64_zero (i32.add (local.get $dp) (local.get $o)))))
      (if (local.get $curved) (then
        (local.set $r (f64x2.add (local.get $r)
          (f64x2.mul (f64x2.mul (v128.load64_zero (i32.add (local.get $s2) (local.get $o))) (v128.load64_zero (i32.add (local.get $rz) (local.get $o)))) (local.get $g))))))
      (f64.store (i32.add (local.get $dp) (local.get $o)) (f64x2.extract_lane 0 (local.get $r))))))

  ;; g[o] ← g[o] + s_o, s_o = Σ_c D[c·n + o] summed from 0 in the order c = 0, 1, …, rows − 1, for
  ;; o < n (a layer's bias gradient on a chunk); columns in blocks of 8 (four f64x2 sums), then pairs, then one.
  (func (export "mlpBiasSum") (param $d i32) (param $rows i32) (param $n i32) (param $g i32)
    (local $o i32) (local $c i32) (local $p i32) (local $ld i32) (local $q i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $s f64)
    (local.set $ld (i32.shl (local.get $n) (i32.const 3)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.gt_u (i32.add (local.get $o) (i32.const 8)) (local.get $n)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $p (i32.add (local.get $d) (i32.shl (local.get $o) (i32.const 3))))
        (local.set $c (i32.const 0))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $c) (local.get $rows)))
            (local.set $s0 (f64x2.add (local.get $s0) (v128.load (local.get $p))))
            (local.set $s1 (f64x2.add (local.get $s1) (v128.load offset=16 (local.get $p))))
            (local.set $s2 (f64x2.add (local.get $s2) (v128.load offset=32 (local.get $p))))
            (local.set $s3 (f64x2.add (local.get $s3) (v128.load offset=48 (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $ld)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $row)))
        (local.set $q (i32.add (local.get $g) (i32.shl (local.get $o) (i32.const 3))))
        (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (local.get $s0)))
        (v128.store offset=16 (local.get $q) (f64x2.add (v128.load offset=16 (local.get $q)) (local.get $s1)))
        (v128.store offset=32 (local.get $q) (f64x2.add (v128.load offset=32 (local.get $q)) (local.get $s2)))
        (v128.store offset=48 (local.get $q) (f64x2.add (v128.load offset=48 (local.get $q)) (local.get $s3)))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $blocks)))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $o) (local.get $n)))
        (local.set $s (f64.const 0))
        (local.set $p (i32.add (local.get $d) (i32.shl (local.get $o) (i32.const 3))))
        (local.set $c (i32.const 0))
        (block $rowsDone1
          (loop $row1
            (br_if $rowsDone1 (i32.ge_u (local.get $c) (local.get $rows)))
            (local.set $s (f64.add (local.get $s) (f64.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $ld)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $row1)))
        (local.set $q (i32.add (local.get $g) (i32.shl (local.get $o) (i32.const 3))))
        (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (local.get $s)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $cols))))
  ;; ---- mlp, continued: the GEMM with op(A) packed too (src/core/gemm-kernels.ts) ----
  ;; `gemm`'s product (same parameters, same order of every sum, so the same bits) with the rows of
  ;; op(A) in blocks of four packed once a call into ap (4·floor(M/4)·K doubles: block b, column k at
  ;; ap + 32(bK + k), its four rows side by side), so that the 4×4 tile's k loop reads A and the B
  ;; panel through one pointer each with constant offsets, two k a turn (about a sixth fewer
  ;; instructions a multiply-add than `gemm`, whose four A pointers step by a stride); full tiles
  ;; stored in place, not by a call. The last M mod 4 rows as `gemm` does them (1×4 tiles).
  (func (export "gemmPackedA")
    (param $a i32) (param $si i32) (param $sk i32) (param $b i32) (param $bsk i32) (param $bsj i32)
    (param $M i32) (param $K i32) (param $N i32) (param $c i32) (param $ldc i32) (param $acc i32) (param $bp i32) (param $ap i32)
    (local $j0 i32) (local $nj i32) (local $i i32) (local $q i32) (local $qend i32) (local $pb i32) (local $pc i32)
    (local $pa i32) (local $pa0 i32) (local $skB i32) (local $siB i32) (local $ldcB i32) (local $M4 i32) (local $kb i32) (local $k i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $b0 v128) (local $b1 v128) (local $v v128)
    (local.set $skB (i32.shl (local.get $sk) (i32.const 3)))
    (local.set $siB (i32.shl (local.get $si) (i32.const 3)))
    (local.set $ldcB (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $bsk (i32.shl (local.get $bsk) (i32.const 3)))
    (local.set $bsj (i32.shl (local.get $bsj) (i32.const 3)))
    (local.set $kb (i32.shl (local.get $K) (i32.const 5)))
    (local.set $qend (i32.add (local.get $bp) (local.get $kb)))
    (local.set $M4 (i32.and (local.get $M) (i32.const -4)))
    ;; pack op(A)'s rows [0, M4) in blocks of four
    (local.set $i (i32.const 0))
    (local.set $q (local.get $ap))
    (block $apDone
      (loop $apRows
        (br_if $apDone (i32.ge_u (local.get $i) (local.get $M4)))
        (local.set $pa0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $siB))))
        (local.set $k (i32.const 0))
        (block $apkDone
          (loop $apk
            (br_if $apkDone (i32.ge_u (local.get $k) (local.get $K)))
            (f64.store offset=0 (local.get $q) (f64.load (local.get $pa0)))
            (f64.store offset=8 (local.get $q) (f64.load (i32.add (local.get $pa0) (local.get $siB))))
            (f64.store offset=16 (local.get $q) (f64.load (i32.add (local.get $pa0) (i32.shl (local.get $siB) (i32.const 1)))))
            (f64.store offset=24 (local.get $q) (f64.load (i32.add (local.get $pa0) (i32.mul (local.get $siB) (i32.const 3)))))
            (local.set $pa0 (i32.add (local.get $pa0) (local.get $skB)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $apk)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $apRows)))
    (block $panelsDone
      (loop $panels
        (br_if $panelsDone (i32.ge_u (local.get $j0) (local.get $N)))
        (local.set $nj (i32.sub (local.get $N) (local.get $j0)))
        (if (i32.gt_u (local.get $nj) (i32.const 4)) (then (local.set $nj (i32.const 4))))
        ;; pack op(B)(k, j0 .. j0+4) into bp[4k .. 4k+4), zero past N (as gemm)
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
        ;; 4×4 tiles on the packed blocks
        (local.set $i (i32.const 0))
        (local.set $pa (local.get $ap))
        (block $rows4Done
          (loop $rows4
            (br_if $rows4Done (i32.ge_u (local.get $i) (local.get $M4)))
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
                (local.set $b0 (v128.load offset=0 (local.get $q)))
                (local.set $b1 (v128.load offset=16 (local.get $q)))
                (local.set $v (v128.load64_splat offset=0 (local.get $pa)))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $v) (local.get $b0))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $v) (local.get $b1))))
                (local.set $v (v128.load64_splat offset=8 (local.get $pa)))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $v) (local.get $b0))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $v) (local.get $b1))))
                (local.set $v (v128.load64_splat offset=16 (local.get $pa)))
                (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $v) (local.get $b0))))
                (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $v) (local.get $b1))))
                (local.set $v (v128.load64_splat offset=24 (local.get $pa)))
                (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $v) (local.get $b0))))
                (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $v) (local.get $b1))))
                (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
                (local.set $q (i32.add (local.get $q) (i32.const 32)))
                (br $k)))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j0)) (i32.const 3))))
            (if (i32.eq (local.get $nj) (i32.const 4))
              (then
                (if (local.get $acc) (then
                  (local.set $s00 (f64x2.add (v128.load (local.get $pc)) (local.get $s00)))
                  (local.set $s01 (f64x2.add (v128.load offset=16 (local.get $pc)) (local.get $s01)))))
                (v128.store (local.get $pc) (local.get $s00))
                (v128.store offset=16 (local.get $pc) (local.get $s01)))
              (else (call $gemmPut (local.get $pc) (local.get $s00) (local.get $s01) (local.get $nj) (local.get $acc))))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldcB)))
            (if (i32.eq (local.get $nj) (i32.const 4))
              (then
                (if (local.get $acc) (then
                  (local.set $s10 (f64x2.add (v128.load (local.get $pc)) (local.get $s10)))
                  (local.set $s11 (f64x2.add (v128.load offset=16 (local.get $pc)) (local.get $s11)))))
                (v128.store (local.get $pc) (local.get $s10))
                (v128.store offset=16 (local.get $pc) (local.get $s11)))
              (else (call $gemmPut (local.get $pc) (local.get $s10) (local.get $s11) (local.get $nj) (local.get $acc))))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldcB)))
            (if (i32.eq (local.get $nj) (i32.const 4))
              (then
                (if (local.get $acc) (then
                  (local.set $s20 (f64x2.add (v128.load (local.get $pc)) (local.get $s20)))
                  (local.set $s21 (f64x2.add (v128.load offset=16 (local.get $pc)) (local.get $s21)))))
                (v128.store (local.get $pc) (local.get $s20))
                (v128.store offset=16 (local.get $pc) (local.get $s21)))
              (else (call $gemmPut (local.get $pc) (local.get $s20) (local.get $s21) (local.get $nj) (local.get $acc))))
            (local.set $pc (i32.add (local.get $pc) (local.get $ldcB)))
            (if (i32.eq (local.get $nj) (i32.const 4))
              (then
                (if (local.get $acc) (then
                  (local.set $s30 (f64x2.add (v128.load (local.get $pc)) (local.get $s30)))
                  (local.set $s31 (f64x2.add (v128.load offset=16 (local.get $pc)) (local.get $s31)))))
                (v128.store (local.get $pc) (local.get $s30))
                (v128.store offset=16 (local.get $pc) (local.get $s31)))
              (else (call $gemmPut (local.get $pc) (local.get $s30) (local.get $s31) (local.get $nj) (local.get $acc))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $rows4)))
        ;; the last M mod 4 rows: 1×4 tiles, op(A) read in place
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
  ;; ==== end mlp ====
  ;; ==== diffusion-maps: LDLᵀ solve (shift-invert-kernels.ts's ldlSolve, the same operations in the same order) ====
  ;; out[ord[k]] ← scale·x[k] after x[k] ← b[ord[k]]; forward by rows of L (rp, rc: int32; rv: doubles):
  ;; x[i] ← x[i] − Σ_p rv[p]·x[rc[p]] one entry at a time (s = x[i]; s ← s − rv·x in entry order);
  ;; x[j] ← x[j] / dg[j]; backward by rows in reverse (scatters): for x[i] ≠ 0, x[rc[p]] ← x[rc[p]] − rv[p]·x[i].
  ;; Scalar (no SIMD): what it saves over JavaScript is the bounds checks of the indexed loads.
  (func (export "ldlSolveRows") (param $n i32) (param $ord i32) (param $dg i32) (param $rp i32) (param $rc i32) (param $rv i32) (param $x i32) (param $b i32) (param $out i32) (param $scale f64)
    (local $k i32) (local $p i32) (local $e i32) (local $s f64) (local $xi f64) (local $a i32)
    (local.set $k (i32.const 0))
    (block $d0 (loop $l0
      (br_if $d0 (i32.ge_u (local.get $k) (local.get $n)))
      (f64.store (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3)))
        (f64.load (i32.add (local.get $b) (i32.shl (i32.load (i32.add (local.get $ord) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l0)))
    (local.set $k (i32.const 0))
    (local.set $p (i32.load (local.get $rp)))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $e (i32.load (i32.add (local.get $rp) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2)))))
      (local.set $s (f64.load (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3)))))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_s (local.get $p) (local.get $e)))
        (local.set $s (f64.sub (local.get $s) (f64.mul (f64.load (i32.add (local.get $rv) (i32.shl (local.get $p) (i32.const 3))))
          (f64.load (i32.add (local.get $x) (i32.shl (i32.load (i32.add (local.get $rc) (i32.shl (local.get $p) (i32.const 2)))) (i32.const 3)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l2)))
      (f64.store (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3))) (local.get $s))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l1)))
    (local.set $k (i32.const 0))
    (block $d3 (loop $l3
      (br_if $d3 (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $a (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3))))
      (f64.store (local.get $a) (f64.div (f64.load (local.get $a)) (f64.load (i32.add (local.get $dg) (i32.shl (local.get $k) (i32.const 3))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l3)))
    (local.set $k (local.get $n))
    (block $d4 (loop $l4
      (br_if $d4 (i32.le_s (local.get $k) (i32.const 0)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (local.set $xi (f64.load (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3)))))
      (if (f64.ne (local.get $xi) (f64.const 0)) (then
        (local.set $p (i32.load (i32.add (local.get $rp) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $e (i32.load (i32.add (local.get $rp) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2)))))
        (block $d5 (loop $l5
          (br_if $d5 (i32.ge_s (local.get $p) (local.get $e)))
          (local.set $a (i32.add (local.get $x) (i32.shl (i32.load (i32.add (local.get $rc) (i32.shl (local.get $p) (i32.const 2)))) (i32.const 3))))
          (f64.store (local.get $a) (f64.sub (f64.load (local.get $a)) (f64.mul (f64.load (i32.add (local.get $rv) (i32.shl (local.get $p) (i32.const 3)))) (local.get $xi))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $l5)))))
      (br $l4)))
    (local.set $k (i32.const 0))
    (block $d6 (loop $l6
      (br_if $d6 (i32.ge_u (local.get $k) (local.get $n)))
      (f64.store (i32.add (local.get $out) (i32.shl (i32.load (i32.add (local.get $ord) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 3)))
        (f64.mul (local.get $scale) (f64.load (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l6))))
  ;; ==== end diffusion-maps ====
)
