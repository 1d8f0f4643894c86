import { assert, assertEquals } from "../testing/assert.ts";
import { Rng } from "../random.ts";
import {
  assignRow,
  broadcastRows,
  mapInto,
  reducers,
  rowLoopOf,
  rowLoops,
} from "./elementwise.ts";

const OPS: [keyof typeof rowLoops, (a: number, b: number) => number][] = [
  ["add", (a, b) => a + b],
  ["sub", (a, b) => a - b],
  ["mul", (a, b) => a * b],
  ["div", (a, b) => a / b],
  [
    "maximum",
    (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a > b ? a : b),
  ],
  [
    "minimum",
    (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b ? a : b),
  ],
  ["gt", (a, b) => (a > b ? 1 : 0)],
  ["lt", (a, b) => (a < b ? 1 : 0)],
  ["ge", (a, b) => (a >= b ? 1 : 0)],
  ["le", (a, b) => (a <= b ? 1 : 0)],
  ["eq", (a, b) => (a === b ? 1 : 0)],
  ["ne", (a, b) => (a === b ? 0 : 1)],
  ["pow", (a, b) => a ** b],
];

/** Same numbers, NaN matching NaN. */
function assertSame(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  what: string,
) {
  assertEquals(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    assert(
      got[i] === want[i] || (Number.isNaN(got[i]) && Number.isNaN(want[i])),
      `${what}: element ${i} is ${got[i]}, expected ${want[i]}`,
    );
  }
}

/** Small integers with ties, zeros, a NaN and infinities now and then. */
function values(rng: Rng, n: number): Float64Array {
  const special = [NaN, Infinity, -Infinity, 0, -0];
  return Float64Array.from(
    { length: n },
    () =>
      rng.uniform() < 0.1
        ? special[rng.int(special.length)]
        : Math.round(rng.uniform(-3, 3)),
  );
}

/** A random shape and, per axis, a stride for an operand of that shape (0: broadcast). */
function layout(rng: Rng) {
  const shape = Array.from({ length: 1 + rng.int(3) }, () => 1 + rng.int(4));
  const strides = (broadcast: boolean) => {
    let s = 1;
    return shape.map((d) => d).reverse().map((d) => {
      if (broadcast && rng.uniform() < 0.4) return 0;
      const stride = s;
      s *= d;
      return stride;
    }).reverse();
  };
  return { shape, sa: strides(true), sb: strides(true) };
}

function naive(
  fn: (a: number, b: number) => number,
  shape: number[],
  a: Float64Array,
  sa: number[],
  b: Float64Array,
  sb: number[],
): number[] {
  const out: number[] = [];
  const walk = (d: number, ia: number, ib: number) => {
    if (d === shape.length) return void out.push(fn(a[ia], b[ib]));
    for (let i = 0; i < shape[d]; i++) {
      walk(d + 1, ia + i * sa[d], ib + i * sb[d]);
    }
  };
  walk(0, 0, 0);
  return out;
}

Deno.test("every row loop, driven by broadcastRows, matches a naive loop over random broadcasts", () => {
  const rng = new Rng(7);
  for (let trial = 0; trial < 100; trial++) {
    const { shape, sa, sb } = layout(rng);
    const a = values(rng, 64);
    const b = values(rng, 64);
    const size = shape.reduce((p, d) => p * d, 1);
    for (const [name, fn] of OPS) {
      const out = new Float64Array(size);
      broadcastRows(rowLoops[name], out, shape, a, sa, b, sb);
      assertSame(out, naive(fn, shape, a, sa, b, sb), `${name} [${shape}]`);
    }
    const copied = new Float64Array(size);
    broadcastRows(assignRow, copied, shape, a, sa, b, sb);
    assertSame(
      copied,
      naive((_, y) => y, shape, a, sa, b, sb),
      `assign [${shape}]`,
    );
    const zipped = new Float64Array(size);
    broadcastRows(rowLoopOf((x, y) => 2 * x - y), zipped, shape, a, sa, b, sb);
    assertSame(
      zipped,
      naive((x, y) => 2 * x - y, shape, a, sa, b, sb),
      `zip [${shape}]`,
    );
  }
});

Deno.test("broadcastRows treats shape [] as one element", () => {
  const out = new Float64Array(1);
  const a = Float64Array.of(2);
  const b = Float64Array.of(5);
  broadcastRows(rowLoops.sub, out, [], a, [], b, []);
  assertEquals([...out], [-3]);
});

Deno.test("a row loop may write over its first operand (an in-place update)", () => {
  const rng = new Rng(8);
  for (const [name, fn] of OPS) {
    const a = values(rng, 12);
    const b = values(rng, 4);
    const want = naive(fn, [3, 4], a, [4, 1], b, [0, 1]);
    broadcastRows(rowLoops[name], a, [3, 4], a, [4, 1], b, [0, 1]);
    assertSame(a, want, `${name} in place`);
  }
});

Deno.test("the zipWith and map loops call the function given, closures made afresh included", () => {
  const x = Float64Array.from({ length: 10 }, (_, i) => i - 4);
  for (let k = 0; k < 5; k++) {
    const out = new Float64Array(10);
    mapInto(out, x, (v, i) => v * k + i);
    assertSame(out, [...x].map((v, i) => v * k + i), `map with k = ${k}`);
    const masked = new Float64Array(10);
    rowLoopOf((v, m) => (m > k - 4 ? 0 : v))(masked, 0, x, 0, 1, x, 0, 1, 10);
    assertSame(
      masked,
      [...x].map((v) => (v > k - 4 ? 0 : v)),
      `zip with k = ${k}`,
    );
  }
});

Deno.test("reducers fold runs and rows like a naive loop, NaN winning max and min", () => {
  const rng = new Rng(9);
  const folds = {
    sum: (v: number[]) => v.reduce((a, b) => a + b, 0),
    max: (v: number[]) =>
      v.reduce((a, b) => (b > a || Number.isNaN(b) ? b : a), -Infinity),
    min: (v: number[]) =>
      v.reduce((a, b) => (b < a || Number.isNaN(b) ? b : a), Infinity),
  };
  for (let trial = 0; trial < 50; trial++) {
    const count = rng.int(5);
    const len = rng.int(6);
    const x = values(rng, count * len);
    for (const [name, fold] of Object.entries(folds)) {
      const reducer = reducers[name as keyof typeof folds];
      const out = new Float64Array(count);
      reducer.rows(x, out, count, len);
      const want = Array.from(
        { length: count },
        (_, r) => fold([...x.subarray(r * len, (r + 1) * len)]),
      );
      assertSame(out, want, `${name}.rows ${count} x ${len}`);
      // Folding row by row into running results gives the column results.
      const acc = new Float64Array(len).fill(reducer.init);
      for (let r = 0; r < count; r++) {
        reducer.combine(acc, 0, acc, 0, 1, x, r * len, 1, len);
      }
      const columns = Array.from(
        { length: len },
        (_, j) => fold(Array.from({ length: count }, (_, r) => x[r * len + j])),
      );
      assertSame(acc, columns, `${name}.combine ${count} x ${len}`);
    }
  }
});
