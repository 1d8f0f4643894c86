;; The matrix product behind Tensor.matmul, in WebAssembly with 128-bit SIMD.
;;
;; out[n x m] = a[n x k] . b[k x m], every matrix row-major float64, every
;; address a byte offset into this module's memory. `deno task build:kernels`
;; assembles this file into matmul_wasm.ts; lib/kernels/matmul.ts calls it.
;;
;; The result is bit for bit the naive triple loop's: each out[i][j] is the
;; sum of a[i][p] * b[p][j] for p = 0, 1, ..., k - 1, in that order, every
;; product and every sum rounded (no fused multiply-add). Speed comes from
;; elsewhere: two columns j at once (f64x2); two rows i at once, which share
;; every load of b; four terms p per pass over a row of out (one load and one
;; store of out per four products); panels of b that stay in the cache; and
;; skipping the zeros of a (most pixels of a digit).
;;
;; Why skipping is exact: out[i][j] starts at +0, so no sum of it is ever -0,
;; and adding a product 0 * b[p][j] (+0 or -0) leaves it unchanged, unless
;; b[p][j] is Infinity or NaN (0 * Infinity is NaN). So zeros are skipped only
;; when every element of b is finite.
(module
  (memory (export "memory") 1)

  ;; 1 if none of the n floats at $x is Infinity or NaN, else 0.
  (func $finite (export "finite") (param $x i32) (param $n i32) (result i32)
    (local $end i32) (local $v v128) (local $bad v128) (local $last f64)
    (local.set $end
      (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        ;; v - v is 0 for a finite v and NaN for Infinity or NaN.
        (local.set $v (v128.load (local.get $x)))
        (local.set $bad
          (v128.or (local.get $bad)
            (f64x2.ne (f64x2.sub (local.get $v) (local.get $v)) (f64x2.splat (f64.const 0)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $next)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $last (f64.load (local.get $x)))
        (if (f64.ne (f64.sub (local.get $last) (local.get $last)) (f64.const 0))
          (then (return (i32.const 0))))))
    (i32.eqz (v128.any_true (local.get $bad))))

  ;; Writes term number $count: values $v0 and $v1 of the two rows of a,
  ;; and the address of the row of b they multiply. Returns the number of
  ;; the next term: $count + 1 to keep this one, or $count again to write
  ;; over it when both values are 0 (and zeros are not kept). Not branching
  ;; on the values keeps the pipeline full when zeros come and go at random.
  (func $term
    (param $values0 i32) (param $values1 i32) (param $rows i32) (param $count i32)
    (param $v0 f64) (param $v1 f64) (param $bRow i32) (param $keepZeros i32)
    (result i32)
    (f64.store
      (i32.add (local.get $values0) (i32.shl (local.get $count) (i32.const 3)))
      (local.get $v0))
    (f64.store
      (i32.add (local.get $values1) (i32.shl (local.get $count) (i32.const 3)))
      (local.get $v1))
    (i32.store
      (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2)))
      (local.get $bRow))
    (i32.add (local.get $count)
      (i32.or (local.get $keepZeros)
        (i32.or (f64.ne (local.get $v0) (f64.const 0)) (f64.ne (local.get $v1) (f64.const 0))))))

  ;; The terms of two rows of a, $len values from $a0 and from $a1, in
  ;; order: their values at $values0 and $values1 (f64), and the addresses
  ;; of the rows of b they multiply at $rows (i32; row p at $bRow + p
  ;; $bStride). A p where both rows hold 0 is left out, unless $keepZeros.
  ;; Returns how many terms. Two p at a time, and both skipped at once when
  ;; all four values are 0, as across the blank margins of digits.
  (func $gather
    (param $a0 i32) (param $a1 i32) (param $len i32)
    (param $bRow i32) (param $bStride i32)
    (param $values0 i32) (param $values1 i32) (param $rows i32)
    (param $keepZeros i32) (result i32)
    (local $p i32) (local $count i32) (local $at i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (i32.add (local.get $p) (i32.const 1)) (local.get $len)))
        (local.set $at (i32.shl (local.get $p) (i32.const 3)))
        (if (i32.or (local.get $keepZeros)
              (v128.any_true
                (v128.or (v128.load (i32.add (local.get $a0) (local.get $at)))
                  (v128.load (i32.add (local.get $a1) (local.get $at))))))
          (then
            (local.set $count
              (call $term (local.get $values0) (local.get $values1) (local.get $rows)
                (local.get $count)
                (f64.load (i32.add (local.get $a0) (local.get $at)))
                (f64.load (i32.add (local.get $a1) (local.get $at)))
                (i32.add (local.get $bRow) (i32.mul (local.get $p) (local.get $bStride)))
                (local.get $keepZeros)))
            (local.set $count
              (call $term (local.get $values0) (local.get $values1) (local.get $rows)
                (local.get $count)
                (f64.load offset=8 (i32.add (local.get $a0) (local.get $at)))
                (f64.load offset=8 (i32.add (local.get $a1) (local.get $at)))
                (i32.add (local.get $bRow)
                  (i32.mul (i32.add (local.get $p) (i32.const 1)) (local.get $bStride)))
                (local.get $keepZeros)))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $next)))
    ;; An odd $len leaves one p.
    (if (i32.lt_u (local.get $p) (local.get $len))
      (then
        (local.set $at (i32.shl (local.get $p) (i32.const 3)))
        (local.set $count
          (call $term (local.get $values0) (local.get $values1) (local.get $rows)
            (local.get $count)
            (f64.load (i32.add (local.get $a0) (local.get $at)))
            (f64.load (i32.add (local.get $a1) (local.get $at)))
            (i32.add (local.get $bRow) (i32.mul (local.get $p) (local.get $bStride)))
            (local.get $keepZeros)))))
    (local.get $count))

  ;; For four terms (values x_t and y_t, rows b_t of b, t = 0..3) and both
  ;; rows of out: out0[j] = (((out0[j] + x0 b0[j]) + x1 b1[j]) + x2 b2[j])
  ;; + x3 b3[j], and out1[j] the same with y_t, for the m columns j.
  (func $add4
    (param $out0 i32) (param $out1 i32) (param $m i32)
    (param $values0 i32) (param $values1 i32) (param $rows i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $y0 v128) (local $y1 v128) (local $y2 v128) (local $y3 v128)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $b3 i32)
    (local $j i32) (local $pairs i32) (local $acc0 v128) (local $acc1 v128) (local $bj v128)
    (local.set $x0 (v128.load64_splat (local.get $values0)))
    (local.set $x1 (v128.load64_splat offset=8 (local.get $values0)))
    (local.set $x2 (v128.load64_splat offset=16 (local.get $values0)))
    (local.set $x3 (v128.load64_splat offset=24 (local.get $values0)))
    (local.set $y0 (v128.load64_splat (local.get $values1)))
    (local.set $y1 (v128.load64_splat offset=8 (local.get $values1)))
    (local.set $y2 (v128.load64_splat offset=16 (local.get $values1)))
    (local.set $y3 (v128.load64_splat offset=24 (local.get $values1)))
    (local.set $b0 (i32.load (local.get $rows)))
    (local.set $b1 (i32.load offset=4 (local.get $rows)))
    (local.set $b2 (i32.load offset=8 (local.get $rows)))
    (local.set $b3 (i32.load offset=12 (local.get $rows)))
    ;; $j counts bytes: 16 per pair of columns.
    (local.set $pairs (i32.shl (i32.shr_u (local.get $m) (i32.const 1)) (i32.const 4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $pairs)))
        (local.set $acc0 (v128.load (i32.add (local.get $out0) (local.get $j))))
        (local.set $acc1 (v128.load (i32.add (local.get $out1) (local.get $j))))
        (local.set $bj (v128.load (i32.add (local.get $b0) (local.get $j))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $x0) (local.get $bj))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $y0) (local.get $bj))))
        (local.set $bj (v128.load (i32.add (local.get $b1) (local.get $j))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $x1) (local.get $bj))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $y1) (local.get $bj))))
        (local.set $bj (v128.load (i32.add (local.get $b2) (local.get $j))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $x2) (local.get $bj))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $y2) (local.get $bj))))
        (local.set $bj (v128.load (i32.add (local.get $b3) (local.get $j))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $x3) (local.get $bj))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $y3) (local.get $bj))))
        (v128.store (i32.add (local.get $out0) (local.get $j)) (local.get $acc0))
        (v128.store (i32.add (local.get $out1) (local.get $j)) (local.get $acc1))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $next)))
    ;; An odd m leaves one column: the same sums, with the low lanes only.
    (if (i32.and (local.get $m) (i32.const 1))
      (then
        (local.set $acc0 (v128.load64_zero (i32.add (local.get $out0) (local.get $j))))
        (local.set $acc1 (v128.load64_zero (i32.add (local.get $out1) (local.get $j))))
        (local.set $bj (v128.load64_zero (i32.add (local.get $b0) (local.get $j))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $x0) (local.get $bj))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $y0) (local.get $bj))))
        (local.set $bj (v128.load64_zero (i32.add (local.get $b1) (local.get $j))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $x1) (local.get $bj))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $y1) (local.get $bj))))
        (local.set $bj (v128.load64_zero (i32.add (local.get $b2) (local.get $j))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $x2) (local.get $bj))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $y2) (local.get $bj))))
        (local.set $bj (v128.load64_zero (i32.add (local.get $b3) (local.get $j))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $x3) (local.get $bj))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $y3) (local.get $bj))))
        (v128.store64_lane 0 (i32.add (local.get $out0) (local.get $j)) (local.get $acc0))
        (v128.store64_lane 0 (i32.add (local.get $out1) (local.get $j)) (local.get $acc1)))))

  ;; Sets the $bytes bytes at $at (a multiple of 8) to 0; measured a little
  ;; faster than memory.fill for rows as short as the convolution's (30).
  (func $clear (param $at i32) (param $bytes i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (i32.and (local.get $bytes) (i32.const -16))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (v128.store (local.get $at) (v128.const i64x2 0 0))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $next)))
    (if (i32.and (local.get $bytes) (i32.const 8))
      (then (i64.store (local.get $at) (i64.const 0)))))

  ;; out = a . b, two rows of a at a time. Scratch space, from the caller:
  ;; $values0, $values1 (k + 3 f64 each) and $rows (k + 3 i32) for the
  ;; terms; $zeros, max(k, m) floats that are 0; $spare, m floats.
  ;; $keepZeros: 0 if every element of b is finite (`finite` above), so
  ;; that zeros of a may be skipped, else 1; the caller asks once for all
  ;; the blocks of rows of a it multiplies by the same b.
  (func (export "matmul")
    (param $a i32) (param $b i32) (param $out i32)
    (param $n i32) (param $k i32) (param $m i32)
    (param $values0 i32) (param $values1 i32) (param $rows i32)
    (param $zeros i32) (param $spare i32) (param $keepZeros i32)
    (local $rowBytes i32) (local $panel i32)
    (local $p0 i32) (local $len i32) (local $i i32) (local $count i32)
    (local $q i32) (local $a0 i32) (local $a1 i32) (local $out0 i32) (local $out1 i32)
    (local.set $rowBytes (i32.shl (local.get $m) (i32.const 3)))
    ;; Rows of b per panel: 256 KB of them (at least 4), which stay in the
    ;; L2 cache while every row of a passes over them. (The + 1 keeps an m
    ;; of 0 from dividing by zero.)
    (local.set $panel
      (i32.div_u (i32.const 262144) (i32.add (local.get $rowBytes) (i32.const 1))))
    (if (i32.lt_u (local.get $panel) (i32.const 4)) (then (local.set $panel (i32.const 4))))
    ;; With no terms at all (k = 0), no panel below clears out: clear it here.
    (if (i32.eqz (local.get $k))
      (then
        (memory.fill (local.get $out) (i32.const 0)
          (i32.mul (local.get $n) (local.get $rowBytes)))))
    (block $panelsDone
      (loop $panels
        (br_if $panelsDone (i32.ge_u (local.get $p0) (local.get $k)))
        (local.set $len (i32.sub (local.get $k) (local.get $p0)))
        (if (i32.gt_u (local.get $len) (local.get $panel))
          (then (local.set $len (local.get $panel))))
        (local.set $i (i32.const 0))
        (block $rowsDone
          (loop $rowPairs
            (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $a0
              (i32.add (local.get $a)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (local.get $p0))
                  (i32.const 3))))
            (local.set $a1 (i32.add (local.get $a0) (i32.shl (local.get $k) (i32.const 3))))
            (local.set $out0 (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $out1 (i32.add (local.get $out0) (local.get $rowBytes)))
            ;; An odd n pairs the last row with a row of zeros, into $spare.
            (if (i32.eq (i32.add (local.get $i) (i32.const 1)) (local.get $n))
              (then
                (local.set $a1 (local.get $zeros))
                (local.set $out1 (local.get $spare))))
            ;; The first panel starts both rows of out at +0, here where
            ;; their sums are about to run and they are in the cache, not in
            ;; a pass over all of out beforehand.
            (if (i32.eqz (local.get $p0))
              (then
                (call $clear (local.get $out0) (local.get $rowBytes))
                (call $clear (local.get $out1) (local.get $rowBytes))))
            (local.set $count
              (call $gather (local.get $a0) (local.get $a1) (local.get $len)
                (i32.add (local.get $b) (i32.mul (local.get $p0) (local.get $rowBytes)))
                (local.get $rowBytes)
                (local.get $values0) (local.get $values1) (local.get $rows)
                (local.get $keepZeros)))
            ;; Up to three more terms of value 0 times a row of zeros make the
            ;; count a multiple of four; each adds +0, which changes nothing.
            (block $padded
              (loop $pad
                (br_if $padded (i32.eqz (i32.and (local.get $count) (i32.const 3))))
                (f64.store
                  (i32.add (local.get $values0) (i32.shl (local.get $count) (i32.const 3)))
                  (f64.const 0))
                (f64.store
                  (i32.add (local.get $values1) (i32.shl (local.get $count) (i32.const 3)))
                  (f64.const 0))
                (i32.store
                  (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.const 2)))
                  (local.get $zeros))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (br $pad)))
            (local.set $q (i32.const 0))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $q) (local.get $count)))
                (call $add4 (local.get $out0) (local.get $out1) (local.get $m)
                  (i32.add (local.get $values0) (i32.shl (local.get $q) (i32.const 3)))
                  (i32.add (local.get $values1) (i32.shl (local.get $q) (i32.const 3)))
                  (i32.add (local.get $rows) (i32.shl (local.get $q) (i32.const 2))))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (br $terms)))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $rowPairs)))
        (local.set $p0 (i32.add (local.get $p0) (local.get $len)))
        (br $panels))))
)
