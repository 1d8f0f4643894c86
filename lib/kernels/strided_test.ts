import { assert, assertEquals } from "../testing/assert.ts";
import { Rng } from "../random.ts";
import { copyStrided, gatherStrided, scatterStrided } from "./strided.ts";

/**
 * A random view into a parent array: per axis a count, a positive step and
 * a start such that the view stays inside the parent. Rows are long now and
 * then, to reach the bulk copies, and steps are often 1, so that axes merge.
 */
function randomView(rng: Rng) {
  const ndim = 1 + rng.int(4);
  const parent = Array.from(
    { length: ndim },
    (_, d) =>
      d === ndim - 1 && rng.uniform() < 0.4 ? 60 + rng.int(80) : 1 + rng.int(6),
  );
  const parentStrides = parent.map((_, d) =>
    parent.slice(d + 1).reduce((a, b) => a * b, 1)
  );
  let offset = 0;
  const shape: number[] = [];
  const strides: number[] = [];
  parent.forEach((size, d) => {
    const step = rng.uniform() < 0.6 ? 1 : 1 + rng.int(3);
    const start = rng.uniform() < 0.5 ? 0 : rng.int(size);
    const count = Math.ceil((size - start) / step) -
      (rng.uniform() < 0.3 ? rng.int(2) : 0);
    offset += start * parentStrides[d];
    shape.push(Math.max(0, count));
    strides.push(parentStrides[d] * step);
  });
  const length = parent.reduce((a, b) => a * b, 1);
  return { length, offset, shape, strides };
}

/** Every position of `shape` with its offset under `strides`, in row-major order. */
function offsets(shape: number[], strides: number[], offset: number): number[] {
  let out = [offset];
  shape.forEach((n, d) => {
    out = out.flatMap((o) =>
      Array.from({ length: n }, (_, i) => o + i * strides[d])
    );
  });
  return out;
}

function sameArrays(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  what: string,
) {
  assertEquals(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    assert(
      Object.is(got[i], want[i]),
      `${what}: element ${i} is ${got[i]}, expected ${want[i]}`,
    );
  }
}

Deno.test("gatherStrided copies a strided view like a naive loop", () => {
  const rng = new Rng(11);
  for (let trial = 0; trial < 300; trial++) {
    const { length, offset, shape, strides } = randomView(rng);
    const src = Float64Array.from({ length }, () => rng.normal());
    const want = offsets(shape, strides, offset).map((i) => src[i]);
    sameArrays(
      gatherStrided(src, offset, shape, strides),
      want,
      `${shape} ${strides}`,
    );
  }
});

Deno.test("copyStrided copies permuted views (transposes) like a naive loop, at an offset into an existing array", () => {
  const rng = new Rng(13);
  for (let trial = 0; trial < 300; trial++) {
    const view = randomView(rng);
    // Axes in a random order: the stride-1 axis lands anywhere, tiles too
    // (axes longer than a tile come from the long rows of randomView).
    const order = view.shape.map((_, d) => d);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const shape = order.map((d) => view.shape[d]);
    const strides = order.map((d) => view.strides[d]);
    const src = Float64Array.from({ length: view.length }, () => rng.normal());
    const want = offsets(shape, strides, view.offset).map((i) => src[i]);
    const at = rng.int(5);
    const out = Float64Array.from(
      { length: at + want.length + 3 },
      () => rng.normal(),
    );
    const expected = out.slice();
    expected.set(want, at);
    copyStrided(src, view.offset, shape, strides, out, at);
    sameArrays(out, expected, `${shape} ${strides} at ${at}`);
  }
});

Deno.test("copyStrided transposes matrices of many tiles, with partial tiles and leftover columns", () => {
  const rng = new Rng(17);
  for (let trial = 0; trial < 40; trial++) {
    const rows = 1 + rng.int(100);
    const cols = 1 + rng.int(100);
    const src = Float64Array.from({ length: rows * cols }, () => rng.normal());
    // The transpose of src read as rows x cols: cols x rows.
    const want = offsets([cols, rows], [1, cols], 0).map((i) => src[i]);
    const out = new Float64Array(rows * cols);
    copyStrided(src, 0, [cols, rows], [1, cols], out, 0);
    sameArrays(out, want, `${rows} x ${cols}`);
  }
});

Deno.test("scatterStrided writes and adds into a strided view like a naive loop, values broadcast", () => {
  const rng = new Rng(12);
  for (let trial = 0; trial < 300; trial++) {
    const { length, offset, shape, strides } = randomView(rng);
    // Values with their own row-major layout, some axes repeated (stride 0).
    const repeat = shape.map(() => rng.uniform() < 0.25);
    const own = shape.map((n, d) => (repeat[d] ? 1 : n));
    const valueStrides = own.map((_, d) =>
      repeat[d] ? 0 : own.slice(d + 1).reduce((a, b) => a * b, 1)
    );
    const values = Float64Array.from(
      { length: own.reduce((a, b) => a * b, 1) },
      () => rng.normal(),
    );
    const targets = offsets(shape, strides, offset);
    const sources = offsets(shape, valueStrides, 0);
    for (const add of [false, true]) {
      const dst = Float64Array.from({ length }, () => rng.normal());
      const want = dst.slice();
      targets.forEach((
        t,
        k,
      ) => (want[t] = add ? want[t] + values[sources[k]] : values[sources[k]]));
      scatterStrided(dst, offset, shape, strides, values, valueStrides, add);
      sameArrays(
        dst,
        want,
        `${add ? "add" : "set"} ${shape} ${strides} ${valueStrides}`,
      );
    }
  }
});

Deno.test("a view with no axes is the one element at the offset", () => {
  const src = new Float64Array([1, 2, 3]);
  sameArrays(gatherStrided(src, 2, [], []), [3], "gather");
  scatterStrided(src, 1, [], [], new Float64Array([5]), [], true);
  sameArrays(src, [1, 7, 3], "add");
});
