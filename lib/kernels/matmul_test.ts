import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { Rng } from "../random.ts";
import { matmul } from "./matmul.ts";

/** The naive triple loop: every sum in the order p = 0, 1, ..., k - 1. */
function naive(
  a: Float64Array,
  b: Float64Array,
  n: number,
  k: number,
  m: number,
): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * m + j];
      out[i * m + j] = s;
    }
  }
  return out;
}

/** Normal draws, a share `zeros` of them replaced by 0. */
function draws(rng: Rng, size: number, zeros = 0): Float64Array {
  return Float64Array.from(
    { length: size },
    () => rng.uniform() < zeros ? 0 : rng.normal(),
  );
}

/** Same numbers bit for bit, NaN matching NaN. */
function assertSame(got: Float64Array, want: Float64Array, what: string) {
  assertEquals(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    assert(
      Object.is(got[i], want[i]) || (got[i] === 0 && want[i] === 0) ||
        (Number.isNaN(got[i]) && Number.isNaN(want[i])),
      `${what}: element ${i} is ${got[i]}, the naive loop gives ${want[i]}`,
    );
  }
}

Deno.test("the kernel gives the naive loop's sums bit for bit, at every remainder of 4 terms and 2 columns", () => {
  const rng = new Rng(1);
  for (let n = 1; n <= 3; n++) {
    for (let k = 0; k <= 9; k++) {
      for (let m = 1; m <= 5; m++) {
        const a = draws(rng, n * k, 0.3);
        const b = draws(rng, k * m);
        assertSame(
          matmul(a, b, n, k, m),
          naive(a, b, n, k, m),
          `${n}x${k}x${m}`,
        );
      }
    }
  }
});

Deno.test("the kernel is exact across panels of b and on mostly-zero rows like digits", () => {
  const rng = new Rng(2);
  // A row of b of 601 floats makes panels of 54 rows: k = 130 spans three.
  for (
    const [n, k, m, zeros] of [[3, 130, 601, 0], [5, 130, 601, 0.8], [
      20,
      784,
      50,
      0.81,
    ], [64, 64, 64, 0]]
  ) {
    const a = draws(rng, n * k, zeros);
    const b = draws(rng, k * m);
    assertSame(matmul(a, b, n, k, m), naive(a, b, n, k, m), `${n}x${k}x${m}`);
  }
});

Deno.test("the kernel keeps 0 * Infinity = NaN and lets NaN through", () => {
  const inf = matmul(
    new Float64Array([0, 1]),
    new Float64Array([Infinity, 1]),
    1,
    2,
    1,
  );
  assert(Number.isNaN(inf[0]), `0 * Infinity + 1 * 1 gave ${inf[0]}`);
  // Many zeros and one Infinity far from them: no zero may be skipped.
  const rng = new Rng(3);
  const a = draws(rng, 4 * 9, 0.6);
  const b = draws(rng, 9 * 7);
  b[8 * 7 + 6] = -Infinity;
  b[3] = NaN;
  assertSame(
    matmul(a, b, 4, 9, 7),
    naive(a, b, 4, 9, 7),
    "with Infinity and NaN in b",
  );
  const withNaN = draws(rng, 4 * 9);
  withNaN[5] = NaN;
  assertSame(
    matmul(withNaN, b.map((v) => Number.isFinite(v) ? v : 1), 4, 9, 7),
    naive(withNaN, b.map((v) => Number.isFinite(v) ? v : 1), 4, 9, 7),
    "with NaN in a",
  );
});

Deno.test("the kernel grows its memory for large products and stays right for small ones after", () => {
  const rng = new Rng(4);
  const big = [300, 200, 310] as const;
  const a = draws(rng, big[0] * big[1]);
  const b = draws(rng, big[1] * big[2]);
  assertSame(matmul(a, b, ...big), naive(a, b, ...big), "300x200x310");
  const small = matmul(new Float64Array([2]), new Float64Array([3]), 1, 1, 1);
  assertEquals([...small], [6]);
});

Deno.test("the kernel handles empty matrices", () => {
  assertEquals([...matmul(new Float64Array(0), new Float64Array(0), 2, 0, 3)], [
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  assertEquals(
    matmul(new Float64Array(0), new Float64Array(6), 0, 2, 3).length,
    0,
  );
  assertEquals(
    matmul(new Float64Array(4), new Float64Array(0), 2, 2, 0).length,
    0,
  );
});

Deno.test("a product too large for the kernel's memory fails with a RangeError naming the shapes", () => {
  const error = assertThrows(
    () => matmul(new Float64Array(0), new Float64Array(0), 70000, 0, 70000),
    RangeError,
  );
  assert(error.message.includes("[70000, 0] times [0, 70000]"), error.message);
});

Deno.test("tall products go through the kernel in blocks of rows and stay exact, a in an array or in a view", () => {
  const rng = new Rng(5);
  // 25 + 30 columns make blocks of 297 rows, from 16 blocks' worth of
  // rows: 4,900 rows are 16 blocks and one of 148.
  const [n, k, m] = [4900, 25, 30];
  const a = draws(rng, n * k, 0.8);
  const b = draws(rng, k * m);
  const want = naive(a, b, n, k, m);
  assertSame(matmul(a, b, n, k, m), want, "a in an array");
  // a as the walk of a transpose: 7 images of 700 positions by 25 values,
  // stored as [7, 25, 700]; blocks are whole images.
  const stored = new Float64Array(n * k);
  for (let img = 0; img < 7; img++) {
    for (let p = 0; p < 700; p++) {
      for (let c = 0; c < k; c++) {
        stored[img * k * 700 + c * 700 + p] = a[(img * 700 + p) * k + c];
      }
    }
  }
  const view = {
    data: stored,
    offset: 0,
    shape: [7, 700, 25],
    strides: [25 * 700, 1, 700],
  };
  assertSame(matmul(view, b, n, k, m), want, "a as a view of images");
  // A walk that does not split at a row is multiplied in one block.
  const flat = { data: a, offset: 0, shape: [n * k], strides: [1] };
  assertSame(matmul(flat, b, n, k, m), want, "a as one long walk");
  // Infinity in b forbids skipping zeros in every block.
  b[k * m - 1] = Infinity;
  assertSame(matmul(a, b, n, k, m), naive(a, b, n, k, m), "Infinity in b");
});
