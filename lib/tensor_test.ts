import {
  assert,
  assertEquals,
  assertNotStrictEquals,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "./testing/assert.ts";
import { Rng } from "./random.ts";
import {
  add,
  broadcastShapes,
  div,
  mul,
  type NestedArray,
  shapeToString,
  type SliceSpec,
  sub,
  Tensor,
  tensor,
  TensorError,
  where,
} from "./tensor.ts";

// ------------------------------------------------------------------ helpers

/** Fails unless `fn` throws a TensorError whose message has every part. */
function assertTensorError(fn: () => unknown, ...parts: string[]): void {
  const e = assertThrows(fn, TensorError);
  for (const part of parts) assertStringIncludes(e.message, part);
}

function assertData(t: Tensor, shape: number[], data: number[]): void {
  assertEquals([...t.shape], shape);
  assertEquals(Array.from(t.data), data);
}

/** Same numbers, NaN matching NaN and 0 matching -0. */
function sameNumbers(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  assertStrictEquals(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    assert(
      a === e || (Number.isNaN(a) && Number.isNaN(e)),
      `element ${i}: got ${a}, expected ${e}`,
    );
  }
}

/** Row-major flat position of `index` in `shape`, computed the long way. */
function ravel(index: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) flat = flat * shape[d] + index[d];
  return flat;
}

/** Every index of `shape`, in row-major order. */
function allIndices(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of shape) {
    const next: number[][] = [];
    for (const prefix of out) {
      for (let i = 0; i < n; i++) next.push([...prefix, i]);
    }
    out = next;
  }
  return out;
}

function randomShape(rng: Rng, maxDims = 4, maxSize = 4): number[] {
  const ndim = rng.int(maxDims + 1);
  // Size-1 dimensions come up often: they are where broadcasting bites.
  return Array.from(
    { length: ndim },
    () => rng.uniform() < 0.3 ? 1 : 1 + rng.int(maxSize),
  );
}

/** Small integers, so that ties (argmax) and equality (eq) happen. */
function randomTensor(shape: number[], rng: Rng, integers = false): Tensor {
  const t = Tensor.uniform(shape, rng, -3, 3);
  return integers ? t.map((v) => Math.round(v)) : t;
}

/** A shape that broadcasts with `out` to `out`: leading axes dropped, some set to 1. */
function broadcastableTo(out: number[], rng: Rng): number[] {
  const drop = rng.int(out.length + 1);
  return out.slice(drop).map((d) => (rng.uniform() < 0.35 ? 1 : d));
}

function snapshot(...ts: Tensor[]): () => void {
  const saved = ts.map((t) => ({
    t,
    shape: [...t.shape],
    data: t.data.slice(),
  }));
  return () => {
    for (const { t, shape, data } of saved) {
      assertEquals([...t.shape], shape);
      sameNumbers(t.data, data);
    }
  };
}

// ------------------------------------------------------------- construction

Deno.test("from reads nested arrays in row-major order", () => {
  assertData(Tensor.from([[1, 2, 3], [4, 5, 6]]), [2, 3], [1, 2, 3, 4, 5, 6]);
  assertData(Tensor.from([[[1], [2]], [[3], [4]]]), [2, 2, 1], [1, 2, 3, 4]);
  assertData(Tensor.from([7]), [1], [7]);
});

Deno.test("from a single number gives a tensor of shape []", () => {
  const t = Tensor.from(2.5);
  assertData(t, [], [2.5]);
  assertStrictEquals(t.ndim, 0);
  assertStrictEquals(t.size, 1);
  assertStrictEquals(t.item(), 2.5);
});

Deno.test("from empty arrays gives tensors with a zero dimension", () => {
  assertData(Tensor.from([]), [0], []);
  assertData(Tensor.from([[], []]), [2, 0], []);
});

Deno.test("from a tensor copies it, and tensor() is the same as Tensor.from", () => {
  const a = Tensor.from([[1, 2]]);
  const b = Tensor.from(a);
  assertData(b, [1, 2], [1, 2]);
  assertNotStrictEquals(b.data, a.data);
  assertData(tensor([[1], [2]]), [2, 1], [1, 2]);
});

Deno.test("new Tensor wraps the data without copying and keeps its own shape", () => {
  const data = new Float64Array([1, 2, 3, 4, 5, 6]);
  const shape = [3, 2];
  const t = new Tensor(data, shape);
  assertStrictEquals(t.data, data);
  shape[0] = 99;
  assertEquals([...t.shape], [3, 2]);
  assert(Object.isFrozen(t.shape));
  assertStrictEquals(t.get(2, 1), 6);
});

Deno.test("zeros, ones and full fill a tensor of the given shape", () => {
  assertData(Tensor.zeros([2, 2]), [2, 2], [0, 0, 0, 0]);
  assertData(Tensor.ones([3]), [3], [1, 1, 1]);
  assertData(Tensor.full([1, 2], -4.5), [1, 2], [-4.5, -4.5]);
  assertData(Tensor.zeros([]), [], [0]);
  assertData(Tensor.ones([2, 0]), [2, 0], []);
});

Deno.test("randn and uniform give the same values for the same seed", () => {
  assertEquals(
    Array.from(Tensor.randn([3, 4], new Rng(5)).data),
    Array.from(Tensor.randn([3, 4], new Rng(5)).data),
  );
  assertEquals(
    Array.from(Tensor.uniform([3, 4], new Rng(5), -1, 1).data),
    Array.from(Tensor.uniform([3, 4], new Rng(5), -1, 1).data),
  );
  const other = Tensor.randn([3, 4], new Rng(6));
  assert(other.sub(Tensor.randn([3, 4], new Rng(5))).abs().max() > 0);
});

Deno.test("randn has the requested standard deviation on a large draw", () => {
  const x = Tensor.randn([200, 100], new Rng(11), 2);
  assertEquals([...x.shape], [200, 100]);
  const mean = x.mean();
  const std = Math.sqrt(x.sub(mean).pow(2).mean());
  // 20 000 draws: the standard error of the mean is 2 / 141 = 0.014.
  assert(Math.abs(mean) < 0.06, `mean ${mean}`);
  assert(Math.abs(std - 2) < 0.06, `std ${std}`);
});

Deno.test("uniform stays in [low, high) and is flat on a large draw", () => {
  const u = Tensor.uniform([20000], new Rng(12), -2, 3);
  assert(u.min() >= -2 && u.max() < 3);
  // Mean 0.5, variance 25 / 12.
  assert(Math.abs(u.mean() - 0.5) < 0.05, `mean ${u.mean()}`);
  const variance = u.sub(u.mean()).pow(2).mean();
  assert(Math.abs(variance - 25 / 12) < 0.1, `variance ${variance}`);
  const d = Tensor.uniform([1000], new Rng(1));
  assert(d.min() >= 0 && d.max() < 1);
});

Deno.test("ndim, size and T describe the tensor", () => {
  const t = Tensor.zeros([2, 3, 4]);
  assertStrictEquals(t.ndim, 3);
  assertStrictEquals(t.size, 24);
  assertEquals([...t.T.shape], [4, 3, 2]);
  assertEquals(Tensor.from([[1, 2, 3]]).T.toArray(), [[1], [2], [3]]);
});

// --------------------------------------------------------------- elementwise

Deno.test("binary operations broadcast a column against a row", () => {
  const col = Tensor.from([[1], [2]]);
  const row = Tensor.from([10, 20, 30]);
  assertEquals(col.add(row).toArray(), [[11, 21, 31], [12, 22, 32]]);
  assertEquals(row.sub(col).toArray(), [[9, 19, 29], [8, 18, 28]]);
  assertEquals(col.mul(row).toArray(), [[10, 20, 30], [20, 40, 60]]);
  assertEquals(row.div(col).toArray(), [[10, 20, 30], [5, 10, 15]]);
  assertEquals(
    Tensor.from([[1, 5], [7, 2]]).maximum(Tensor.from([3, 3])).toArray(),
    [[3, 5], [7, 3]],
  );
  assertEquals(col.pow(Tensor.from([0, 1, 2])).toArray(), [[1, 1, 1], [
    1,
    2,
    4,
  ]]);
});

Deno.test("comparisons give 1 where true and 0 where false", () => {
  const x = Tensor.from([[-1, 0, 2], [3, 0, -5]]);
  assertEquals(x.gt(0).toArray(), [[0, 0, 1], [1, 0, 0]]);
  assertEquals(x.le(0).toArray(), [[1, 1, 0], [0, 1, 1]]);
  assertEquals(x.eq(Tensor.from([-1, 0, -5])).toArray(), [[1, 1, 0], [
    0,
    1,
    1,
  ]]);
  assertEquals(Tensor.from([NaN]).eq(NaN).toArray(), [0]);
});

Deno.test("a number or a shape-[] tensor broadcasts as a scalar", () => {
  const x = Tensor.from([[1, 2], [3, 4]]);
  assertEquals(x.add(1).toArray(), [[2, 3], [4, 5]]);
  assertEquals(x.sub(1).toArray(), [[0, 1], [2, 3]]);
  assertEquals(x.mul(-2).toArray(), [[-2, -4], [-6, -8]]);
  assertEquals(x.div(2).toArray(), [[0.5, 1], [1.5, 2]]);
  assertEquals(x.maximum(2.5).toArray(), [[2.5, 2.5], [3, 4]]);
  assertEquals(x.gt(2).toArray(), [[0, 0], [1, 1]]);
  assertEquals(x.le(2).toArray(), [[1, 1], [0, 0]]);
  assertEquals(x.eq(3).toArray(), [[0, 0], [1, 0]]);
  assertEquals(x.pow(2).toArray(), [[1, 4], [9, 16]]);
  assertEquals(x.add(Tensor.from(10)).toArray(), [[11, 12], [13, 14]]);
  assertEquals(Tensor.from(10).sub(x).toArray(), [[9, 8], [7, 6]]);
});

Deno.test("map passes each value and its flat index", () => {
  const t = Tensor.from([[1, 2], [3, 4]]).map((v, i) => v * 10 + i);
  assertData(t, [2, 2], [10, 21, 32, 43]);
});

Deno.test("zipWith applies any function with broadcasting", () => {
  const t = Tensor.from([[1], [2]]).zipWith(Tensor.from([3, 4]), Math.max);
  assertEquals(t.toArray(), [[3, 4], [3, 4]]);
  assertEquals(Tensor.from([1, 2]).zipWith(5, (a, b) => b - a).toArray(), [
    4,
    3,
  ]);
});

Deno.test("exp, log, sqrt, abs and neg work elementwise", () => {
  const x = Tensor.from([0, 1, 4]);
  sameNumbers(x.exp().data, [1, Math.E, Math.exp(4)]);
  sameNumbers(x.log().data, [-Infinity, 0, Math.log(4)]);
  sameNumbers(x.sqrt().data, [0, 1, 2]);
  sameNumbers(Tensor.from([-1]).sqrt().data, [NaN]);
  assertEquals(Tensor.from([[-2, 3]]).abs().toArray(), [[2, 3]]);
  assertEquals(Tensor.from([[-2, 3]]).neg().toArray(), [[2, -3]]);
});

Deno.test("operations leave their inputs untouched and return fresh tensors", () => {
  const rng = new Rng(3);
  const a = Tensor.uniform([2, 3], rng, 0.5, 2);
  const b = Tensor.uniform([3], rng, 0.5, 2);
  const m = Tensor.uniform([3, 2], rng);
  const check = snapshot(a, b, m);
  const results = [
    a.add(b),
    a.sub(b),
    a.mul(b),
    a.div(b),
    a.maximum(b),
    a.gt(b),
    a.le(b),
    a.eq(b),
    a.pow(b),
    a.add(1),
    a.map((v) => v + 1),
    a.zipWith(b, (x, y) => x + y),
    a.exp(),
    a.log(),
    a.sqrt(),
    a.abs(),
    a.neg(),
    a.sum(0),
    a.mean(1, true),
    a.max(0),
    a.min(1),
    a.argmax(1),
    a.matmul(m),
    a.transpose(),
    a.T,
    a.rows([1, 0]),
    a.clone(),
  ];
  a.sum();
  a.mean();
  a.max();
  a.min();
  a.argmax();
  a.toArray();
  a.toString();
  check();
  for (const r of results) {
    for (const input of [a, b, m]) {
      assertNotStrictEquals(r.data.buffer, input.data.buffer);
    }
  }
});

// ------------------------------------------------------------ broadcasting

Deno.test("broadcastShapes follows numpy's rules", () => {
  assertEquals(broadcastShapes("op", [2, 1, 3], [4, 1]), [2, 4, 3]);
  assertEquals(broadcastShapes("op", [], [2, 3]), [2, 3]);
  assertEquals(broadcastShapes("op", [5, 1], [1]), [5, 1]);
  assertEquals(broadcastShapes("op", [0, 3], [1, 3]), [0, 3]);
  assertEquals(broadcastShapes("op", [1], [0]), [0]);
  assertStrictEquals(shapeToString([2, 3]), "[2, 3]");
  assertStrictEquals(shapeToString([]), "[]");
});

Deno.test("broadcasting binary operations match a naive loop on random shapes", () => {
  const rng = new Rng(101);
  const ops: [
    keyof Tensor & string,
    (a: number, b: number) => number,
  ][] = [
    ["add", (a, b) => a + b],
    ["sub", (a, b) => a - b],
    ["mul", (a, b) => a * b],
    ["div", (a, b) => a / b],
    ["maximum", (a, b) => (a > b ? a : b)],
    ["minimum", (a, b) => (a < b ? a : b)],
    ["gt", (a, b) => (a > b ? 1 : 0)],
    ["lt", (a, b) => (a < b ? 1 : 0)],
    ["ge", (a, b) => (a >= b ? 1 : 0)],
    ["le", (a, b) => (a <= b ? 1 : 0)],
    ["eq", (a, b) => (a === b ? 1 : 0)],
    ["ne", (a, b) => (a !== b ? 1 : 0)],
    ["pow", (a, b) => a ** b],
  ];
  for (let trial = 0; trial < 150; trial++) {
    const out = randomShape(rng);
    let sa = broadcastableTo(out, rng);
    let sb = broadcastableTo(out, rng);
    if (rng.uniform() < 0.5) [sa, sb] = [sb, sa];
    const a = randomTensor(sa, rng, trial % 2 === 0);
    const b = randomTensor(sb, rng, trial % 2 === 0);
    const shape = broadcastShapes("test", sa, sb);
    for (const [name, fn] of ops) {
      const got = (a[name] as (o: Tensor) => Tensor).call(a, b);
      assertEquals([...got.shape], shape, `${name} ${sa} ${sb}`);
      const expected = allIndices(shape).map((idx) => {
        const at = (s: number[]) =>
          ravel(
            s.map((d, i) => (d === 1 ? 0 : idx[idx.length - s.length + i])),
            s,
          );
        return fn(a.data[at(sa)], b.data[at(sb)]);
      });
      sameNumbers(got.data, expected);
    }
  }
});

// -------------------------------------------------------------- reductions

Deno.test("sum, mean, max, min and argmax over everything give numbers", () => {
  const x = Tensor.from([[1, 5, 2], [-3, 4, 5]]);
  assertStrictEquals(x.sum(), 14);
  assertStrictEquals(x.mean(), 14 / 6);
  assertStrictEquals(x.max(), 5);
  assertStrictEquals(x.min(), -3);
  assertStrictEquals(x.argmax(), 1); // the first of the two 5s
  assertStrictEquals(Tensor.from(7).sum(), 7);
  assertStrictEquals(Tensor.zeros([0]).sum(), 0);
});

Deno.test("reductions along an axis drop it, or keep it as 1 with keepdims", () => {
  const x = Tensor.from([[1, 5, 2], [-3, 4, 5]]);
  assertData(x.sum(0), [3], [-2, 9, 7]);
  assertData(x.sum(1), [2], [8, 6]);
  assertData(x.sum(-1, true), [2, 1], [8, 6]);
  assertData(x.sum(-2, true), [1, 3], [-2, 9, 7]);
  assertData(x.mean(0), [3], [-1, 4.5, 3.5]);
  assertData(x.mean(1, true), [2, 1], [8 / 3, 2]);
  assertData(x.max(0), [3], [1, 5, 5]);
  assertData(x.max(-1, true), [2, 1], [5, 5]);
  assertData(x.min(0), [3], [-3, 4, 2]);
  assertData(x.min(1, true), [2, 1], [1, -3]);
  assertData(x.argmax(0), [3], [0, 0, 1]);
  assertData(x.argmax(1), [2], [1, 2]);
  assertData(x.argmax(-1, true), [2, 1], [1, 2]);
});

Deno.test("reducing a 1-D tensor along its axis gives a shape-[] tensor", () => {
  const x = Tensor.from([3, 9, 1]);
  assertData(x.sum(0), [], [13]);
  assertData(x.max(0, true), [1], [9]);
  assertData(x.argmax(-1), [], [1]);
});

Deno.test("max and argmax let NaN win, like numpy", () => {
  assert(Number.isNaN(Tensor.from([1, NaN, 3]).max()));
  assert(Number.isNaN(Tensor.from([1, NaN, 3]).min()));
  assertStrictEquals(Tensor.from([1, NaN, 3, NaN]).argmax(), 1);
  assertData(Tensor.from([[1, 2], [NaN, 0]]).argmax(0), [2], [1, 0]);
  assertStrictEquals(Tensor.from([1, NaN, -3, NaN]).argmin(), 1);
  assertData(Tensor.from([[1, NaN], [NaN, 0]]).argmin(1), [2], [1, 0]);
  // Along the last axis, with two NaNs in a row: the first one wins.
  assertData(
    Tensor.from([[1, NaN, 3, NaN], [4, 4, NaN, NaN]]).argmax(1),
    [2],
    [1, 2],
  );
  assertData(
    Tensor.from([[5, NaN, -3, NaN], [4, 4, 4, NaN]]).argmin(1),
    [2],
    [1, 3],
  );
});

Deno.test("maximum and minimum give NaN where either side is NaN, like numpy", () => {
  const a = Tensor.from([NaN, 1, NaN, 2]);
  const b = Tensor.from([0, NaN, NaN, 3]);
  sameNumbers(a.maximum(b).data, [NaN, NaN, NaN, 3]);
  sameNumbers(a.minimum(b).data, [NaN, NaN, NaN, 2]);
  sameNumbers(b.maximum(a).data, [NaN, NaN, NaN, 3]);
  sameNumbers(Tensor.from([NaN, -1]).maximum(0).data, [NaN, 0]);
  sameNumbers(Tensor.from([NaN, -1]).minimum(0).data, [NaN, -1]);
});

/** The reduction of `x` along `axis`, by looping over each output index. */
function naiveReduce(
  x: Tensor,
  axis: number,
  keepdims: boolean,
  reduce: (values: number[]) => number,
): { shape: number[]; data: number[] } {
  const ax = axis < 0 ? axis + x.ndim : axis;
  const kept = x.shape.map((d, i) => (i === ax ? 1 : d));
  const data = allIndices(kept).map((idx) => {
    const values: number[] = [];
    for (let k = 0; k < x.shape[ax]; k++) {
      const at = [...idx];
      at[ax] = k;
      values.push(x.data[ravel(at, x.shape)]);
    }
    return reduce(values);
  });
  const shape = keepdims ? kept : x.shape.filter((_, i) => i !== ax);
  return { shape, data };
}

Deno.test("sum, mean, max, min and argmax along every axis match a naive loop", () => {
  const rng = new Rng(202);
  const reducers: [
    "sum" | "mean" | "max" | "min" | "argmax" | "argmin",
    (v: number[]) => number,
  ][] = [
    ["sum", (v) => v.reduce((a, b) => a + b, 0)],
    ["mean", (v) => v.reduce((a, b) => a + b, 0) / v.length],
    ["max", (v) => v.reduce((a, b) => (b > a ? b : a), -Infinity)],
    ["min", (v) => v.reduce((a, b) => (b < a ? b : a), Infinity)],
    ["argmax", (v) => v.indexOf(Math.max(...v))],
    ["argmin", (v) => v.indexOf(Math.min(...v))],
  ];
  for (let trial = 0; trial < 120; trial++) {
    const shape = randomShape(rng);
    if (shape.length === 0) shape.push(1 + rng.int(4));
    const x = randomTensor(shape, rng, trial % 2 === 0);
    for (const [name, ref] of reducers) {
      assertStrictEquals(
        x[name](),
        name === "argmax"
          ? Array.from(x.data).indexOf(x.max())
          : name === "argmin"
          ? Array.from(x.data).indexOf(x.min())
          : ref(Array.from(x.data)),
      );
      for (let axis = -x.ndim; axis < x.ndim; axis++) {
        for (const keepdims of [false, true]) {
          const got = x[name](axis, keepdims);
          const want = naiveReduce(x, axis, keepdims, ref);
          assertEquals(
            [...got.shape],
            want.shape,
            `${name}(${axis}, ${keepdims}) of ${shapeToString(shape)}`,
          );
          sameNumbers(got.data, want.data);
        }
      }
    }
  }
});

// ----------------------------------------------------------- linear algebra

Deno.test("matmul multiplies matrices", () => {
  const x = Tensor.from([[1, 2], [3, 4]]);
  const w = Tensor.from([[5, 6, 7], [8, 9, 10]]);
  assertData(x.matmul(w), [2, 3], [21, 24, 27, 47, 54, 61]);
  assertData(Tensor.from([[2]]).matmul(Tensor.from([[3]])), [1, 1], [6]);
  assertData(Tensor.zeros([2, 0]).matmul(Tensor.zeros([0, 3])), [2, 3], [
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
});

Deno.test("matmul propagates Infinity and NaN even through zero entries", () => {
  const got = Tensor.from([[0, 1]]).matmul(Tensor.from([[Infinity], [1]]));
  assert(Number.isNaN(got.item()), `0 * Infinity + 1 gave ${got.item()}`);
  const nan = Tensor.from([[0, 2]]).matmul(Tensor.from([[NaN], [1]]));
  assert(Number.isNaN(nan.item()));
});

Deno.test("matmul matches a naive triple loop for many sizes", () => {
  const rng = new Rng(303);
  for (let trial = 0; trial < 200; trial++) {
    const [n, k, m] = [1 + rng.int(6), 1 + rng.int(6), 1 + rng.int(6)];
    const a = randomTensor([n, k], rng, trial % 3 === 0);
    const b = randomTensor([k, m], rng);
    // Zeros in a exercise the shortcut that skips them.
    if (trial % 4 === 0) a.setInPlace([0, 0], 0);
    const got = a.matmul(b);
    assertEquals([...got.shape], [n, m]);
    const want: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.get(i, p) * b.get(p, j);
        want.push(s);
      }
    }
    sameNumbers(got.data, want);
  }
});

// ------------------------------------------------------------------- shape

Deno.test("transpose reverses the axes by default and permutes them when given", () => {
  const x = Tensor.from([[1, 2, 3], [4, 5, 6]]);
  assertEquals(x.transpose().toArray(), [[1, 4], [2, 5], [3, 6]]);
  assertEquals(x.transpose(0, 1).toArray(), x.toArray());
  assertEquals(x.transpose(-1, 0).toArray(), [[1, 4], [2, 5], [3, 6]]);
  const y = Tensor.from([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
  assertEquals(y.transpose(1, 0, 2).toArray(), [[[1, 2], [5, 6]], [[3, 4], [
    7,
    8,
  ]]]);
  assertData(Tensor.from(3).transpose(), [], [3]);
});

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from(
      { length: n },
      (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)],
    )
  );
}

Deno.test("transpose matches a naive loop for every permutation of random shapes", () => {
  const rng = new Rng(404);
  for (let trial = 0; trial < 40; trial++) {
    const shape = randomShape(rng);
    const x = randomTensor(shape, rng);
    const perms = [...permutations(shape.length), undefined];
    for (const perm of perms) {
      const axes = perm ?? shape.map((_, i) => shape.length - 1 - i);
      const got = perm ? x.transpose(...perm) : x.transpose();
      const outShape = axes.map((a) => shape[a]);
      assertEquals([...got.shape], outShape);
      const want = allIndices(outShape).map((idx) => {
        const src = new Array<number>(shape.length);
        axes.forEach((a, i) => (src[a] = idx[i]));
        return x.data[ravel(src, shape)];
      });
      sameNumbers(got.data, want);
    }
  }
});

Deno.test("reshape keeps the elements and infers one -1", () => {
  const x = Tensor.from([[1, 2, 3], [4, 5, 6]]);
  assertData(x.reshape(3, 2), [3, 2], [1, 2, 3, 4, 5, 6]);
  assertData(x.reshape(-1), [6], [1, 2, 3, 4, 5, 6]);
  assertData(x.reshape(1, -1, 2), [1, 3, 2], [1, 2, 3, 4, 5, 6]);
  assertData(Tensor.from([[5]]).reshape(), [], [5]);
  assertData(Tensor.zeros([0, 3]).reshape(-1), [0], []);
});

Deno.test("writing into the data of a reshape, or of what was reshaped, never shows in the other", () => {
  const x = Tensor.from([[1, 2], [3, 4]]);
  const y = x.reshape(4);
  const z = y.reshape(1, 4);
  y.data[0] = 100;
  assertEquals(x.toArray(), [[1, 2], [3, 4]]);
  assertEquals(z.toArray(), [[1, 2, 3, 4]]);
  x.data[3] = 40;
  assertEquals(x.toArray(), [[1, 2], [3, 40]]);
  assertEquals(y.toArray(), [100, 2, 3, 4]);
  assertEquals(z.toArray(), [[1, 2, 3, 4]]);
  assertNotStrictEquals(z.data.buffer, x.data.buffer);
  // Data of its own stays the same array from then on.
  assertStrictEquals(z.data, z.data);
});

/** Every in-place update, applied to `t` (each adds 100 to element 0). */
const inPlaceUpdates: [string, (t: Tensor) => void][] = [
  ["setInPlace", (t) => t.setInPlace(t.shape.map(() => 0), 101)],
  ["setSliceInPlace", (t) => t.setSliceInPlace(t.shape.map(() => [0, 1]), 101)],
  ["addSliceInPlace", (t) => t.addSliceInPlace(t.shape.map(() => [0, 1]), 100)],
  [
    "addInPlace",
    (t) =>
      t.addInPlace(Tensor.zeros(t.shape).setInPlace(t.shape.map(() => 0), 100)),
  ],
  [
    "subInPlace",
    (t) =>
      t.subInPlace(
        Tensor.zeros(t.shape).setInPlace(t.shape.map(() => 0), -100),
      ),
  ],
  [
    "mulInPlace",
    (t) =>
      t.mulInPlace(Tensor.ones(t.shape).setInPlace(t.shape.map(() => 0), 101)),
  ],
  [
    "assignInPlace",
    (t) => t.assignInPlace(t.clone().setInPlace(t.shape.map(() => 0), 101)),
  ],
  [
    "addRowsInPlace",
    (t) =>
      t.addRowsInPlace(
        [0],
        Tensor.zeros([1, ...t.shape.slice(1)]).setInPlace(
          t.shape.map(() => 0),
          100,
        ),
      ),
  ],
  [
    "addPerRowInPlace",
    (t) => t.addPerRowInPlace([0, 0, 0], Tensor.from([100, 0, 0])),
  ],
];

Deno.test("an in-place update of a reshape, or of what was reshaped, never shows in the other", () => {
  for (const [name, update] of inPlaceUpdates) {
    const x = Tensor.from([[1, 2], [3, 4], [5, 6]]);
    const y = x.reshape(3, 2, 1).reshape(3, 2);
    const z = x.reshape(6);
    update(y);
    assertEquals(
      y.toArray(),
      [[101, 2], [3, 4], [5, 6]],
      `${name} of the reshape`,
    );
    assertEquals(
      x.toArray(),
      [[1, 2], [3, 4], [5, 6]],
      `${name}: the original`,
    );
    assertEquals(z.toArray(), [1, 2, 3, 4, 5, 6], `${name}: another reshape`);
    update(x);
    assertEquals(
      x.toArray(),
      [[101, 2], [3, 4], [5, 6]],
      `${name} of the original`,
    );
    assertEquals(z.toArray(), [1, 2, 3, 4, 5, 6], `${name}: the reshape after`);
    assertEquals(
      y.toArray(),
      [[101, 2], [3, 4], [5, 6]],
      `${name}: y once more`,
    );
  }
});

Deno.test("an in-place update reading from its own reshape sees the values from before the update", () => {
  const x = Tensor.from([[1, 2], [3, 4]]);
  x.addInPlace(x.reshape(2, 2).T);
  assertEquals(x.toArray(), [[2, 5], [5, 8]]);
  const y = Tensor.from([[1, 2], [3, 4]]);
  y.setSliceInPlace([[0, 1]], y.reshape(2, 2).slice([1, 2]));
  assertEquals(y.toArray(), [[3, 4], [3, 4]]);
  const w = Tensor.from([[1, 2], [3, 4]]);
  w.addInPlace(w.reshape(4).reshape(2, 2));
  assertEquals(w.toArray(), [[2, 4], [6, 8]]);
});

Deno.test("rows takes a minibatch along axis 0, in the order given", () => {
  const x = Tensor.from([[[1, 1]], [[2, 2]], [[3, 3]]]);
  assertData(x.rows([2, 0, 2]), [3, 1, 2], [3, 3, 1, 1, 3, 3]);
  assertData(x.rows([]), [0, 1, 2], []);
  assertData(Tensor.from([4, 5, 6]).rows([1]), [1], [5]);
});

// ---------------------------------------------------------- element access

Deno.test("get and setInPlace address elements, negative indices from the end", () => {
  const t = Tensor.zeros([2, 3]);
  assertStrictEquals(t.setInPlace([1, -1], 7), t);
  t.setInPlace([-2, 0], 3);
  assertStrictEquals(t.get(1, 2), 7);
  assertStrictEquals(t.get(-1, -1), 7);
  assertStrictEquals(t.get(0, 0), 3);
  assertData(t, [2, 3], [3, 0, 0, 0, 0, 7]);
  assertStrictEquals(Tensor.from(4).get(), 4);
});

Deno.test("item returns the one element of any one-element tensor", () => {
  assertStrictEquals(Tensor.from([[[-2]]]).item(), -2);
  assertStrictEquals(Tensor.from(0.5).item(), 0.5);
});

Deno.test("toArray gives nested arrays, or a number for shape []", () => {
  assertEquals(Tensor.from([[1, 2], [3, 4]]).toArray(), [[1, 2], [3, 4]]);
  assertEquals(Tensor.from(3).toArray(), 3);
  assertEquals(Tensor.zeros([2, 0]).toArray(), [[], []]);
  const nested: NestedArray = [[[1], [2]], [[3], [4]]];
  assertEquals(Tensor.from(nested).toArray(), nested);
});

Deno.test("toString prints like numpy", () => {
  assertStrictEquals(
    Tensor.from([[1, -2], [3, 4]]).toString(),
    "[[ 1 -2]\n [ 3  4]]",
  );
  assertStrictEquals(Tensor.from([0.5, -1]).toString(), "[ 0.5 -1. ]");
  assertStrictEquals(String(Tensor.from(2)), "2");
});

Deno.test("clone copies the data so that changes do not leak", () => {
  const a = Tensor.from([1, 2]);
  const b = a.clone();
  b.setInPlace([0], 9);
  assertData(a, [2], [1, 2]);
  assertData(b, [2], [9, 2]);
});

// ---------------------------------------------------------------- in place

Deno.test("addInPlace, subInPlace and mulInPlace update this tensor and return it", () => {
  const w = Tensor.from([[1, 2], [3, 4]]);
  const g = Tensor.from([[1, 1], [2, 2]]);
  const check = snapshot(g);
  assertStrictEquals(w.addInPlace(g), w);
  assertData(w, [2, 2], [2, 3, 5, 6]);
  assertStrictEquals(w.subInPlace(g), w);
  assertData(w, [2, 2], [1, 2, 3, 4]);
  assertStrictEquals(w.mulInPlace(g), w);
  assertData(w, [2, 2], [1, 2, 6, 8]);
  w.addInPlace(1).subInPlace(2).mulInPlace(0.5);
  assertData(w, [2, 2], [0, 0.5, 2.5, 3.5]);
  check();
});

Deno.test("in-place updates broadcast the argument to this tensor's shape", () => {
  const w = Tensor.zeros([2, 3]);
  w.addInPlace(Tensor.from([1, 2, 3]));
  assertData(w, [2, 3], [1, 2, 3, 1, 2, 3]);
  w.mulInPlace(Tensor.from([[2], [10]]));
  assertData(w, [2, 3], [2, 4, 6, 10, 20, 30]);
  w.subInPlace(Tensor.from(1));
  assertData(w, [2, 3], [1, 3, 5, 9, 19, 29]);
  w.assignInPlace(Tensor.from([[7], [8]]));
  assertData(w, [2, 3], [7, 7, 7, 8, 8, 8]);
  assertStrictEquals(w.assignInPlace(-1), w);
  assertData(w, [2, 3], [-1, -1, -1, -1, -1, -1]);
  const v = Tensor.zeros([2]).assignInPlace(Tensor.from([4, 5]));
  assertData(v, [2], [4, 5]);
});

Deno.test("in-place updates match their out-of-place twins on random broadcasts", () => {
  const rng = new Rng(404);
  const twins: [
    (w: Tensor, o: Tensor) => Tensor,
    (w: Tensor, o: Tensor) => Tensor,
  ][] = [
    [(w, o) => w.addInPlace(o), (w, o) => w.add(o)],
    [(w, o) => w.subInPlace(o), (w, o) => w.sub(o)],
    [(w, o) => w.mulInPlace(o), (w, o) => w.mul(o)],
    [(w, o) => w.assignInPlace(o), (w, o) => w.zipWith(o, (_, b) => b)],
  ];
  for (let trial = 0; trial < 100; trial++) {
    const shape = randomShape(rng);
    const other = randomTensor(broadcastableTo(shape, rng), rng);
    for (const [inPlace, twin] of twins) {
      const w = randomTensor(shape, rng, trial % 2 === 0);
      const want = twin(w, other);
      assertStrictEquals(inPlace(w, other), w);
      sameNumbers(w.data, want.data);
    }
  }
});

Deno.test("in-place updates refuse an argument that would grow the tensor", () => {
  for (
    const [op, call] of [
      ["Tensor.addInPlace", (w: Tensor, o: Tensor) => w.addInPlace(o)],
      ["Tensor.subInPlace", (w: Tensor, o: Tensor) => w.subInPlace(o)],
      ["Tensor.mulInPlace", (w: Tensor, o: Tensor) => w.mulInPlace(o)],
      ["Tensor.assignInPlace", (w: Tensor, o: Tensor) => w.assignInPlace(o)],
    ] as const
  ) {
    const w = Tensor.ones([3]);
    assertTensorError(() => call(w, Tensor.ones([2, 3])), op, "[3]", "[2, 3]");
    assertTensorError(
      () => call(Tensor.ones([2, 1]), Tensor.ones([2, 3])),
      op,
      "[2, 1]",
      "[2, 3]",
    );
    assertTensorError(() => call(w, Tensor.ones([2])), op, "[3]", "[2]");
    assertData(w, [3], [1, 1, 1]);
  }
});

// -------------------------------------------------------------- bad input

Deno.test("shapes that do not broadcast fail naming the operation and both shapes", () => {
  const a = Tensor.zeros([2, 3]);
  const b = Tensor.zeros([4]);
  for (
    const op of [
      "add",
      "sub",
      "mul",
      "div",
      "maximum",
      "minimum",
      "gt",
      "lt",
      "ge",
      "le",
      "eq",
      "ne",
      "pow",
    ] as const
  ) {
    assertTensorError(() => a[op](b), `Tensor.${op}`, "[2, 3]", "[4]");
  }
  assertTensorError(
    () => Tensor.zeros([2, 1, 3]).add(Tensor.zeros([4, 2])),
    "[2, 1, 3]",
    "[4, 2]",
  );
  assertTensorError(() => a.zipWith(b, Math.min), "Tensor.zipWith", "[2, 3]");
  assertTensorError(() => a.zipWith(b, Math.min, "Mine"), "Mine", "[4]");
  assertTensorError(() => broadcastShapes("op", [3], [2]), "op", "[3]", "[2]");
});

Deno.test("matmul fails when the inner sizes differ or a tensor is not 2-D", () => {
  assertTensorError(
    () => Tensor.zeros([2, 3]).matmul(Tensor.zeros([4, 5])),
    "Tensor.matmul",
    "[2, 3]",
    "[4, 5]",
  );
  assertTensorError(
    () => Tensor.zeros([3]).matmul(Tensor.zeros([3, 2])),
    "Tensor.matmul",
    "2-D",
    "[3]",
    "[3, 2]",
  );
  assertTensorError(
    () => Tensor.zeros([2, 3]).matmul(Tensor.zeros([3])),
    "Tensor.matmul",
    "[2, 3]",
    "[3]",
  );
  assertTensorError(
    () => Tensor.zeros([1, 2, 3]).matmul(Tensor.zeros([3, 2])),
    "Tensor.matmul",
    "[1, 2, 3]",
  );
});

Deno.test("from rejects ragged nested arrays and non-numbers", () => {
  assertTensorError(
    () => Tensor.from([[1, 2], [3]]),
    "Tensor.from",
    "ragged",
    "[1]",
  );
  assertTensorError(() => Tensor.from([[1, 2], 3]), "Tensor.from", "ragged");
  assertTensorError(
    () => Tensor.from([1, [2]]),
    "Tensor.from",
    "ragged",
    "[1]",
  );
  assertTensorError(() => Tensor.from([[[1]], [[2], [3]]]), "Tensor.from");
  assertTensorError(() => Tensor.from([[], [1]]), "Tensor.from", "[2, 0]");
  assertTensorError(
    () => Tensor.from(["1"] as unknown as NestedArray),
    "Tensor.from",
    "string",
  );
  assertTensorError(
    () => Tensor.from(undefined as unknown as NestedArray),
    "Tensor.from",
  );
});

Deno.test("non-integer and negative dimensions are rejected", () => {
  const rng = new Rng(0);
  assertTensorError(() => Tensor.zeros([2, -1]), "Tensor.zeros", "[2, -1]");
  assertTensorError(() => Tensor.zeros([1.5]), "Tensor.zeros", "[1.5]");
  assertTensorError(() => Tensor.ones([-3]), "Tensor.ones", "[-3]");
  assertTensorError(() => Tensor.full([NaN], 0), "Tensor.full", "[NaN]");
  assertTensorError(
    () => Tensor.randn([2, 0.5], rng),
    "Tensor.randn",
    "[2, 0.5]",
  );
  assertTensorError(() => Tensor.uniform([-1], rng), "Tensor.uniform", "[-1]");
  assertTensorError(
    () => new Tensor(new Float64Array(3), [1.5, 2]),
    "new Tensor",
    "[1.5, 2]",
  );
  const x = Tensor.zeros([2, 3]);
  assertTensorError(
    () => x.reshape(1.5, 4),
    "Tensor.reshape",
    "[2, 3]",
    "[1.5, 4]",
  );
  assertTensorError(() => x.reshape(-2, -3), "Tensor.reshape", "[-2, -3]");
  assertTensorError(() => x.reshape(-1, 0.5), "Tensor.reshape", "[-1, 0.5]");
});

Deno.test("reshape to another number of elements fails naming both shapes", () => {
  const x = Tensor.zeros([2, 3]);
  assertTensorError(
    () => x.reshape(4, 2),
    "Tensor.reshape",
    "[2, 3]",
    "[4, 2]",
  );
  assertTensorError(
    () => x.reshape(4, -1),
    "Tensor.reshape",
    "[2, 3]",
    "[4, -1]",
  );
  assertTensorError(() => x.reshape(0, -1), "Tensor.reshape", "[0, -1]");
  assertTensorError(() => x.reshape(), "Tensor.reshape", "[2, 3]", "[]");
});

Deno.test("reshape allows only one -1", () => {
  assertTensorError(
    () => Tensor.zeros([2, 3]).reshape(-1, -1),
    "Tensor.reshape",
    "[-1, -1]",
    "only one",
  );
});

Deno.test("an axis out of range fails naming the operation, the axis and the shape", () => {
  const x = Tensor.zeros([2, 3]);
  assertTensorError(() => x.sum(2), "Tensor.sum", "axis 2", "[2, 3]");
  assertTensorError(() => x.sum(-3), "Tensor.sum", "axis -3", "[2, 3]");
  assertTensorError(() => x.sum(0.5), "Tensor.sum", "axis 0.5");
  assertTensorError(() => x.mean(2), "Tensor.mean", "axis 2", "[2, 3]");
  assertTensorError(() => x.max(5, true), "Tensor.max", "axis 5", "[2, 3]");
  assertTensorError(() => x.min(-4), "Tensor.min", "axis -4", "[2, 3]");
  assertTensorError(() => x.argmax(2), "Tensor.argmax", "axis 2", "[2, 3]");
  assertTensorError(() => Tensor.from(1).sum(0), "Tensor.sum", "[]");
  assertTensorError(
    () => x.transpose(0, 2),
    "Tensor.transpose",
    "axis 2",
    "[2, 3]",
  );
});

Deno.test("transpose fails for axes that are not a permutation", () => {
  const x = Tensor.zeros([2, 3, 4]);
  assertTensorError(
    () => x.transpose(0, 1),
    "Tensor.transpose",
    "[0, 1]",
    "[2, 3, 4]",
  );
  assertTensorError(
    () => x.transpose(0, 0, 1),
    "Tensor.transpose",
    "[2, 3, 4]",
  );
  assertTensorError(() => x.transpose(0, 1, 2, 0), "Tensor.transpose");
});

Deno.test("get and setInPlace fail for an index out of range or of the wrong length", () => {
  const x = Tensor.zeros([2, 3]);
  for (
    const [op, access] of [
      ["Tensor.get", (i: number[]) => x.get(...i)],
      ["Tensor.setInPlace", (i: number[]) => x.setInPlace(i, 1)],
    ] as const
  ) {
    assertTensorError(() => access([2, 0]), op, "[2, 0]", "[2, 3]");
    assertTensorError(() => access([0, 3]), op, "[0, 3]", "[2, 3]");
    assertTensorError(() => access([0, -4]), op, "[0, -4]", "[2, 3]");
    assertTensorError(() => access([0.5, 0]), op, "[0.5, 0]");
    assertTensorError(() => access([1]), op, "[1]", "[2, 3]", "coordinate");
    assertTensorError(() => access([0, 0, 0]), op, "[0, 0, 0]", "[2, 3]");
  }
  assertData(x, [2, 3], [0, 0, 0, 0, 0, 0]);
});

Deno.test("rows fails for a row index out of range and for a scalar tensor", () => {
  const x = Tensor.zeros([3, 2]);
  assertTensorError(() => x.rows([0, 3]), "Tensor.rows", "3", "[3, 2]");
  assertTensorError(() => x.rows([-1]), "Tensor.rows", "-1", "[3, 2]");
  assertTensorError(() => x.rows([1.5]), "Tensor.rows", "1.5");
  assertTensorError(
    () => Tensor.zeros([0, 2]).rows([0]),
    "Tensor.rows",
    "[0, 2]",
  );
  assertTensorError(() => Tensor.from(1).rows([0]), "Tensor.rows", "scalar");
});

Deno.test("item fails unless the tensor has exactly one element", () => {
  assertTensorError(() => Tensor.zeros([2]).item(), "Tensor.item", "[2]");
  assertTensorError(() => Tensor.zeros([0]).item(), "Tensor.item", "[0]");
});

Deno.test("new Tensor fails when the data length does not match the shape", () => {
  assertTensorError(
    () => new Tensor(new Float64Array(5), [2, 3]),
    "new Tensor",
    "[2, 3]",
    "6",
    "5",
  );
  assertTensorError(
    () => new Tensor(new Float64Array(0), []),
    "new Tensor",
    "[]",
  );
});

Deno.test("max, min and argmax of an empty tensor fail", () => {
  const empty = Tensor.zeros([0]);
  assertTensorError(() => empty.max(), "Tensor.max", "empty", "[0]");
  assertTensorError(() => empty.min(), "Tensor.min", "empty", "[0]");
  assertTensorError(() => empty.argmax(), "Tensor.argmax", "empty", "[0]");
  const wide = Tensor.zeros([2, 0]);
  assertTensorError(() => wide.max(1), "Tensor.max", "[2, 0]");
  assertTensorError(() => wide.argmax(-1, true), "Tensor.argmax", "[2, 0]");
  // Reducing along a non-empty axis of an empty tensor is fine, as in numpy.
  assertData(wide.max(0), [0], []);
});

Deno.test("TensorError is an Error named TensorError", () => {
  const e = new TensorError("Tensor.op", "detail");
  assert(e instanceof Error);
  assertStrictEquals(e.name, "TensorError");
  assertStrictEquals(e.message, "Tensor.op: detail");
});

// ------------------------------------------------------- slicing and friends

/**
 * The indices a spec selects along an axis of `size`, the long way: JS's
 * Array.prototype.slice has numpy's rules for start and stop (negative from
 * the end, clamped), then every `step`-th is kept. `undefined` for an index
 * spec, whose axis is dropped.
 */
function naiveAxis(spec: SliceSpec | undefined, size: number): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (typeof spec === "number") return [spec < 0 ? spec + size : spec];
  if (spec === null || spec === undefined) return all;
  const [start, stop, step] = spec as readonly (number | null | undefined)[];
  return all
    .slice(start ?? undefined, stop ?? undefined)
    .filter((_, k) => k % (step ?? 1) === 0);
}

/** For each element of the slice, in order, its index in `shape`, and the slice's shape. */
function naiveSlice(shape: number[], specs: readonly SliceSpec[]) {
  const axes = shape.map((d, i) => naiveAxis(specs[i], d));
  const kept = shape.map((_, i) => typeof specs[i] !== "number");
  const outShape = axes.flatMap((a, i) => (kept[i] ? [a.length] : []));
  const sources = allIndices(axes.map((a) => a.length)).map((pos) =>
    pos.map((p, i) => axes[i][p])
  );
  return { outShape, sources };
}

function randomSpecs(shape: number[], rng: Rng): SliceSpec[] {
  const count = rng.int(shape.length + 1);
  const maybe = (v: number) => {
    const r = rng.uniform();
    return r < 0.15 ? null : r < 0.25 ? undefined : v;
  };
  return shape.slice(0, count).map((size): SliceSpec => {
    const kind = rng.int(4);
    if (kind === 0) return rng.uniform() < 0.5 ? null : [];
    if (kind === 1 && size > 0) return rng.int(2 * size) - size;
    const end = () => rng.int(2 * size + 5) - size - 2;
    const range = [maybe(end()), maybe(end()), maybe(1 + rng.int(3))];
    while (range.length > 1 && range[range.length - 1] === undefined) {
      range.pop();
    }
    return range as unknown as SliceSpec;
  });
}

Deno.test("slice picks ranges, steps and single indices like numpy", () => {
  const x = Tensor.from([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
  assertData(x.slice([1, 3]), [2, 4], [4, 5, 6, 7, 8, 9, 10, 11]);
  assertData(x.slice(null, [1, null, 2]), [3, 2], [1, 3, 5, 7, 9, 11]);
  assertData(x.slice([], 2), [3], [2, 6, 10]);
  assertData(x.slice(1, 2), [], [6]);
  assertData(x.slice([-2], [-3, -1]), [2, 2], [5, 6, 9, 10]);
  assertData(x.slice([1, 100], [-100, 1]), [2, 1], [4, 8]);
  assertData(x.slice([2, 1]), [0, 4], []);
  assertData(x.slice(), [3, 4], Array.from(x.data));
});

Deno.test("slice matches a naive loop for random shapes and specs", () => {
  const rng = new Rng(303);
  for (let trial = 0; trial < 400; trial++) {
    const shape = randomShape(rng, 4, 5);
    if (trial % 10 === 0 && shape.length) shape[rng.int(shape.length)] = 0;
    const x = randomTensor(shape, rng);
    const specs = randomSpecs(shape, rng);
    const what = `x${JSON.stringify(specs)} of ${shapeToString(shape)}`;
    const { outShape, sources } = naiveSlice(shape, specs);
    const got = x.slice(...specs);
    assertEquals([...got.shape], outShape, what);
    sameNumbers(got.data, sources.map((i) => x.data[ravel(i, shape)]));
  }
});

Deno.test("slice of a range of rows is one contiguous copy, the same as rows", () => {
  const x = Tensor.randn([50, 7, 3], new Rng(5));
  const got = x.slice([10, 30]);
  assertData(
    got,
    [20, 7, 3],
    Array.from(x.rows(Array.from({ length: 20 }, (_, i) => 10 + i)).data),
  );
  assertNotStrictEquals(got.data.buffer, x.data.buffer);
});

/**
 * A reshape of `shape` drawn at random: two neighbouring axes merged, one
 * axis split in two, or everything flattened.
 */
function randomReshape(shape: number[], rng: Rng): number[] {
  const kind = rng.int(3);
  if (kind === 0 && shape.length >= 2) {
    const d = rng.int(shape.length - 1);
    return [
      ...shape.slice(0, d),
      shape[d] * shape[d + 1],
      ...shape.slice(d + 2),
    ];
  }
  const d = rng.int(Math.max(1, shape.length));
  if (kind === 1 && shape.length > 0 && shape[d] % 2 === 0) {
    return [...shape.slice(0, d), 2, shape[d] / 2, ...shape.slice(d + 1)];
  }
  return [shape.reduce((a, b) => a * b, 1)];
}

Deno.test("chains of transposes, slices and reshapes match a naive loop, whichever operation reads them", () => {
  const rng = new Rng(505);
  for (let trial = 0; trial < 400; trial++) {
    const x = randomTensor(randomShape(rng, 4, 5), rng);
    const before = Array.from(x.clone().data);
    // Where each element of the chain's result comes from in x.
    let shape = [...x.shape];
    let from = before.map((_, i) => i);
    let got = x;
    const steps: string[] = [];
    for (let step = 1 + rng.int(4); step > 0; step--) {
      const kind = rng.int(3);
      if (kind === 0) {
        const perm = permutations(shape.length)[
          rng.int(permutations(shape.length).length)
        ];
        const outShape = perm.map((a) => shape[a]);
        from = allIndices(outShape).map((idx) => {
          const src = new Array<number>(shape.length);
          perm.forEach((a, i) => (src[a] = idx[i]));
          return from[ravel(src, shape)];
        });
        got = got.transpose(...perm);
        shape = outShape;
        steps.push(`transpose(${perm})`);
      } else if (kind === 1) {
        const specs = randomSpecs(shape, rng);
        const sliced = naiveSlice(shape, specs);
        from = sliced.sources.map((i) => from[ravel(i, shape)]);
        got = got.slice(...specs);
        shape = sliced.outShape;
        steps.push(`slice${JSON.stringify(specs)}`);
      } else {
        shape = randomReshape(shape, rng);
        got = got.reshape(...shape);
        steps.push(`reshape(${shape})`);
      }
    }
    const what = `${shapeToString(x.shape)} ${steps.join(".")}`;
    const want = from.map((i) => before[i]);
    // An update of the source after the chain never shows in its result.
    x.addInPlace(100);
    assertEquals([...got.shape], shape, what);
    const reader = rng.int(3);
    if (reader === 0 && shape.length === 2) {
      const w = randomTensor([shape[1], 1 + rng.int(4)], rng);
      const product = new Tensor(Float64Array.from(want), shape).matmul(w);
      sameNumbers(got.matmul(w).data, product.data);
      const left = randomTensor([1 + rng.int(4), shape[0]], rng);
      sameNumbers(
        left.matmul(got).data,
        left.matmul(new Tensor(Float64Array.from(want), shape)).data,
      );
    } else if (reader === 1) {
      const into = Tensor.zeros(shape).addSliceInPlace([], got);
      sameNumbers(into.data, want);
    }
    sameNumbers(got.data, want);
    // Nor does an update of the result show in the source.
    got.addInPlace(1);
    sameNumbers(x.data, before.map((v) => v + 100));
  }
});

Deno.test("a transpose or slice taken after data was handed out never sees writes into that array", () => {
  const x = Tensor.from([[1, 2], [3, 4]]);
  const data = x.data;
  const t = x.T;
  const s = x.slice(1);
  data[1] = 20;
  assertEquals(t.toArray(), [[1, 3], [2, 4]]);
  assertEquals(s.toArray(), [3, 4]);
  assertEquals(x.toArray(), [[1, 20], [3, 4]]);
});

Deno.test("pad by nothing gives a tensor of its own, as a reshape does", () => {
  const x = Tensor.from([[1, 2], [3, 4]]);
  const y = x.pad([[0, 0], [0, 0]]);
  y.addInPlace(1);
  assertEquals(x.toArray(), [[1, 2], [3, 4]]);
  assertEquals(y.toArray(), [[2, 3], [4, 5]]);
  assertNotStrictEquals(y.data.buffer, x.data.buffer);
});

Deno.test("setSliceInPlace and addSliceInPlace match a naive loop, values broadcast", () => {
  const rng = new Rng(404);
  for (let trial = 0; trial < 400; trial++) {
    const shape = randomShape(rng, 4, 5);
    const x = randomTensor(shape, rng, true);
    const specs = randomSpecs(shape, rng);
    const { outShape, sources } = naiveSlice(shape, specs);
    const valueShape = broadcastableTo(outShape, rng);
    const values = trial % 7 === 0 ? 2.5 : randomTensor(valueShape, rng, true);
    const valueAt = (pos: number[]) => {
      if (typeof values === "number") return values;
      const vs = values.shape;
      const at = vs.map((
        d,
        i,
      ) => (d === 1 ? 0 : pos[pos.length - vs.length + i]));
      return values.data[ravel(at, vs)];
    };
    const positions = allIndices(outShape);
    for (const add of [false, true]) {
      const want = x.data.slice();
      sources.forEach((src, k) => {
        const v = valueAt(positions[k]);
        const i = ravel(src, shape);
        want[i] = add ? want[i] + v : v;
      });
      const target = x.clone();
      const got = add
        ? target.addSliceInPlace(specs, values)
        : target.setSliceInPlace(specs, values);
      assertStrictEquals(got, target);
      sameNumbers(got.data, want);
    }
  }
});

Deno.test("col2im-style overlapping adds accumulate; writes from the tensor itself read it first", () => {
  const img = Tensor.zeros([4]);
  for (let k = 0; k < 3; k++) img.addSliceInPlace([[k, k + 2]], 1);
  assertData(img, [4], [1, 2, 2, 1]);
  const x = Tensor.from([1, 2, 3, 4]);
  x.setSliceInPlace([[1]], x.slice([0, 3]));
  assertData(x, [4], [1, 1, 2, 3]);
  const y = Tensor.from([1, 2, 3, 4]);
  y.setSliceInPlace([], y.reshape(4));
  assertData(y, [4], [1, 2, 3, 4]);
});

Deno.test("im2col written with slices matches the definition", () => {
  // The book's loop: col[:, :, y, x, :, :] = img[:, :, y:yMax:s, x:xMax:s].
  const rng = new Rng(9);
  const [n, c, h, w, fh, fw, stride, pad] = [2, 3, 6, 5, 3, 2, 2, 1];
  const x = Tensor.randn([n, c, h, w], rng);
  const oh = Math.floor((h + 2 * pad - fh) / stride) + 1;
  const ow = Math.floor((w + 2 * pad - fw) / stride) + 1;
  const img = x.pad([[0, 0], [0, 0], [pad, pad], [pad, pad]]);
  const col = Tensor.zeros([n, c, fh, fw, oh, ow]);
  for (let y = 0; y < fh; y++) {
    for (let xx = 0; xx < fw; xx++) {
      col.setSliceInPlace(
        [null, null, y, xx],
        img.slice(null, null, [y, y + stride * oh, stride], [
          xx,
          xx + stride * ow,
          stride,
        ]),
      );
    }
  }
  const read = (i: number, ch: number, r: number, q: number) => {
    const rr = r - pad;
    const qq = q - pad;
    return rr < 0 || rr >= h || qq < 0 || qq >= w ? 0 : x.get(i, ch, rr, qq);
  };
  for (const [i, ch, y, xx, r, q] of allIndices(col.shape)) {
    assertStrictEquals(
      col.get(i, ch, y, xx, r, q),
      read(i, ch, y + stride * r, xx + stride * q),
    );
  }
});

Deno.test("pad surrounds the tensor with a constant, like np.pad", () => {
  assertData(
    Tensor.from([[1, 2]]).pad([[1, 1], [2, 0]], 9),
    [3, 4],
    [9, 9, 9, 9, 9, 9, 1, 2, 9, 9, 9, 9],
  );
  assertData(Tensor.from(3).pad([]), [], [3]);
  const rng = new Rng(505);
  for (let trial = 0; trial < 100; trial++) {
    const shape = randomShape(rng);
    const x = randomTensor(shape, rng);
    const widths = shape.map(() =>
      [rng.int(3), rng.int(3)] as [number, number]
    );
    const value = trial % 2 ? 0 : -7;
    const got = x.pad(widths, value);
    const outShape = shape.map((d, i) => d + widths[i][0] + widths[i][1]);
    assertEquals([...got.shape], outShape);
    const want = allIndices(outShape).map((idx) => {
      const inner = idx.map((k, i) => k - widths[i][0]);
      return inner.every((k, i) => k >= 0 && k < shape[i])
        ? x.data[ravel(inner, shape)]
        : value;
    });
    sameNumbers(got.data, want);
  }
});

Deno.test("where picks from a or b by a broadcast condition, NaN counting as true", () => {
  const x = Tensor.from([[-1, 2], [3, -4]]);
  assertData(where(x.gt(0), x, 0), [2, 2], [0, 2, 3, 0]);
  assertData(where(Tensor.from([NaN, 0]), 1, -1), [2], [1, -1]);
  assertData(where(1, 2, 3), [], [2]);
  const rng = new Rng(606);
  for (let trial = 0; trial < 150; trial++) {
    const out = randomShape(rng);
    const shapes = [0, 1, 2].map(() => broadcastableTo(out, rng));
    const [c, a, b] = shapes.map((s) => randomTensor(s, rng, true));
    const shape = broadcastShapes(
      "test",
      broadcastShapes("test", shapes[0], shapes[1]),
      shapes[2],
    );
    const got = where(c, a, b);
    assertEquals([...got.shape], shape);
    const at = (t: Tensor, idx: number[]) =>
      t.data[
        ravel(
          t.shape.map((d, i) => (d === 1 ? 0 : idx[idx.length - t.ndim + i])),
          t.shape,
        )
      ];
    sameNumbers(
      got.data,
      allIndices(shape).map((idx) =>
        at(c, idx) !== 0 ? at(a, idx) : at(b, idx)
      ),
    );
  }
});

Deno.test("takePerRow and addPerRowInPlace read and add one element per row, like y[arange(N), t]", () => {
  const y = Tensor.from([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]]);
  assertData(y.takePerRow([1, 2]), [2], [0.7, 0.2]);
  assertData(y.takePerRow(Tensor.from([0, 0])), [2], [0.1, 0.5]);
  const rng = new Rng(707);
  for (let trial = 0; trial < 60; trial++) {
    const [n, k] = [rng.int(6), 1 + rng.int(5)];
    const x = randomTensor([n, k], rng);
    const t = Array.from({ length: n }, () => rng.int(k));
    sameNumbers(x.takePerRow(t).data, t.map((c, i) => x.data[i * k + c]));
    const v = randomTensor([n], rng);
    const want = x.data.slice();
    t.forEach((c, i) => (want[i * k + c] += v.data[i]));
    const target = x.clone();
    assertStrictEquals(target.addPerRowInPlace(t, v), target);
    sameNumbers(target.data, want);
    const wantScalar = x.data.slice();
    t.forEach((c, i) => (wantScalar[i * k + c] -= 1));
    sameNumbers(x.clone().addPerRowInPlace(t, -1).data, wantScalar);
  }
});

Deno.test("addRowsInPlace adds each row of values into its row, repeats accumulating", () => {
  const dW = Tensor.zeros([3, 2]).addRowsInPlace(
    [2, 0, 2],
    Tensor.from([[1, 1], [2, 2], [3, 3]]),
  );
  assertData(dW, [3, 2], [2, 2, 0, 0, 4, 4]);
  assertData(Tensor.zeros([2]).addRowsInPlace(Tensor.from([1, 1]), 1), [2], [
    0,
    2,
  ]);
  const rng = new Rng(808);
  for (let trial = 0; trial < 60; trial++) {
    const shape = [1 + rng.int(4), ...randomShape(rng, 2)];
    const x = randomTensor(shape, rng);
    const idx = Array.from({ length: rng.int(7) }, () => rng.int(shape[0]));
    const values = randomTensor([idx.length, ...shape.slice(1)], rng);
    const width = x.size / shape[0];
    const want = x.data.slice();
    idx.forEach((r, i) => {
      for (let j = 0; j < width; j++) {
        want[r * width + j] += values.data[i * width + j];
      }
    });
    const target = x.clone();
    assertStrictEquals(target.addRowsInPlace(idx, values), target);
    sameNumbers(target.data, want);
  }
});

Deno.test("add, sub, mul and div take a number on either side", () => {
  const y = Tensor.from([[0.25, 2]]);
  assertData(sub(1, y), [1, 2], [0.75, -1]);
  assertData(div(1, y), [1, 2], [4, 0.5]);
  assertData(add(1, y), [1, 2], [1.25, 3]);
  assertData(mul(y, 2), [1, 2], [0.5, 4]);
  assertData(sub(y, Tensor.from([[1], [2]])), [2, 2], [-0.75, 1, -1.75, 0]);
  assertData(sub(3, 1), [], [2]);
  assertData(div(1, 0), [], [Infinity]);
  assertTensorError(
    () => sub(Tensor.zeros([2]), Tensor.zeros([3])),
    "Tensor.sub",
    "[2]",
    "[3]",
  );
});

Deno.test("slicing fails naming the operation, the slice and the shape", () => {
  const x = Tensor.zeros([2, 3]);
  assertTensorError(
    () => x.slice(null, null, 0),
    "Tensor.slice",
    "3 specs for 2 dimension(s)",
    "[2, 3]",
  );
  assertTensorError(
    () => x.slice(null, [0, 3, 0]),
    "Tensor.slice",
    "step 0",
    "[:, 0:3:0]",
    "[2, 3]",
  );
  assertTensorError(() => x.slice([null, null, -1]), "step -1", "[2, 3]");
  assertTensorError(() => x.slice([0, 2, 1.5]), "step 1.5");
  assertTensorError(
    () => x.slice(2),
    "index 2 is out of range for axis 0",
    "[2, 3]",
  );
  assertTensorError(
    () => x.slice(0, -4),
    "index -4 is out of range for axis 1",
  );
  assertTensorError(() => x.slice(0.5), "index 0.5");
  assertTensorError(() => x.slice([0.5]), "start 0.5 is not an integer");
  assertTensorError(() => x.slice([0, NaN]), "stop NaN is not an integer");
  assertTensorError(
    () => x.slice([0, 1, 1, 1] as unknown as SliceSpec),
    "axis 0",
  );
  assertTensorError(() => x.slice("a" as unknown as SliceSpec), "axis 0");
  assertTensorError(
    () => Tensor.from(1).slice(0),
    "1 specs for 0 dimension(s)",
  );
  assertTensorError(
    () => x.setSliceInPlace([null, [0, 2]], Tensor.zeros([3])),
    "Tensor.setSliceInPlace",
    "[3]",
    "[2, 2]",
  );
  assertTensorError(
    () => x.addSliceInPlace([0], Tensor.zeros([2, 3])),
    "Tensor.addSliceInPlace",
    "[2, 3]",
    "slice [0] of shape [3]",
  );
  assertTensorError(
    () => x.addSliceInPlace([0, 0, 0], 1),
    "Tensor.addSliceInPlace",
    "3 specs",
  );
});

Deno.test("pad, where and the per-row operations fail naming the operation and the shapes", () => {
  const x = Tensor.zeros([2, 3]);
  assertTensorError(
    () => x.pad([[1, 1]]),
    "Tensor.pad",
    "1 width pair(s)",
    "[2, 3]",
  );
  assertTensorError(
    () => x.pad([[1, 1], [-1, 0]]),
    "Tensor.pad",
    "non-negative integers",
  );
  assertTensorError(() => x.pad([[1, 1], [0.5, 0]]), "Tensor.pad", "[0.5,0]");
  assertTensorError(
    () => where(Tensor.zeros([2]), Tensor.zeros([3]), 0),
    "where",
    "[2] (cond)",
    "[3]",
    "[]",
  );
  assertTensorError(
    () => x.takePerRow([0, 3]),
    "Tensor.takePerRow",
    "label 3 of row 1",
    "[2, 3]",
  );
  assertTensorError(() => x.takePerRow([-1, 0]), "label -1 of row 0");
  assertTensorError(() => x.takePerRow([0, 1.5]), "label 1.5 of row 1");
  assertTensorError(() => x.takePerRow([0]), "1 label(s) for shape [2, 3]");
  assertTensorError(() => Tensor.zeros([2]).takePerRow([0, 0]), "2-D", "[2]");
  assertTensorError(
    () => x.takePerRow(Tensor.zeros([2, 1])),
    "labels must be 1-D",
    "[2, 1]",
  );
  assertTensorError(
    () => x.addPerRowInPlace([0, 9], 1),
    "Tensor.addPerRowInPlace",
    "label 9",
  );
  assertTensorError(
    () => x.addPerRowInPlace([0, 1], Tensor.zeros([3])),
    "Tensor.addPerRowInPlace",
    "[2]",
    "got [3]",
  );
  assertTensorError(
    () => x.addRowsInPlace([0, 2], 1),
    "Tensor.addRowsInPlace",
    "row index 2",
    "[2, 3]",
  );
  assertTensorError(() => x.addRowsInPlace([0.5], 1), "row index 0.5");
  assertTensorError(
    () => x.addRowsInPlace([0, 1], Tensor.zeros([2, 2])),
    "Tensor.addRowsInPlace",
    "[2, 3]",
    "got [2, 2]",
  );
  assertTensorError(
    () => Tensor.from(1).addRowsInPlace([0], 1),
    "Tensor.addRowsInPlace",
    "scalar",
  );
});

Deno.test("the new operations leave their inputs untouched", () => {
  const rng = new Rng(909);
  const x = randomTensor([3, 4], rng);
  const v = randomTensor([4], rng);
  const check = snapshot(x, v);
  x.slice([1], [0, 4, 2]);
  x.pad([[1, 1], [0, 0]]);
  where(x, v, x);
  x.takePerRow([0, 1, 3]);
  x.minimum(v).lt(v).ge(v).ne(v);
  x.argmin(0);
  sub(1, x);
  x.clone().setSliceInPlace([0], v).addSliceInPlace([1], v);
  x.clone().addRowsInPlace([0, 0], Tensor.zeros([2, 4]).add(v));
  check();
});
