import { Pooling } from "./pooling.ts";
import {
  assertClose,
  assertEquals,
  assertForwardFirst,
  assertFresh,
  assertLayerGradients,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// The 4x4 input of the book's max pooling figure (section 7.3.1).
const bookInput = () =>
  tensor([[[[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]]]]);

/**
 * Max pooling straight from its definition, one output at a time; padding
 * zeros take part in the maximum, as in the book (it pads with np.pad).
 */
function poolByDefinition(
  x: Tensor,
  poolH: number,
  poolW: number,
  stride: number,
  pad: number,
): Tensor {
  const [n, c, h, w] = x.shape;
  const outH = Math.floor((h + 2 * pad - poolH) / stride) + 1;
  const outW = Math.floor((w + 2 * pad - poolW) / stride) + 1;
  const out = Tensor.zeros([n, c, outH, outW]);
  for (let i = 0; i < n; i++) {
    for (let ch = 0; ch < c; ch++) {
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          let best = -Infinity;
          for (let p = 0; p < poolH; p++) {
            for (let q = 0; q < poolW; q++) {
              const y = oy * stride + p - pad;
              const z = ox * stride + q - pad;
              const inside = y >= 0 && y < h && z >= 0 && z < w;
              best = Math.max(best, inside ? x.get(i, ch, y, z) : 0);
            }
          }
          out.setInPlace([i, ch, oy, ox], best);
        }
      }
    }
  }
  return out;
}

/** Distinct values k/10 - shift in a random order: no ties, no zeros. */
function distinct(shape: number[], rng: Rng): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = rng.permutation(size).map((k) => (k - size / 2 + 0.5) / 10);
  return new Tensor(new Float64Array(values), shape);
}

Deno.test(
  "forward leaves x unchanged and returns a new tensor",
  timeLimit,
  () => {
    // A 1x1 window: the output equals the input.
    const x = distinct([1, 2, 2, 2], new Rng(5));
    const y = assertUnchanged(
      { x },
      () => new Pooling(1, 1, 1).forward(x),
      "Pooling.forward",
    );
    assertFresh(y, { x }, "Pooling.forward");
    const big = distinct([2, 3, 6, 6], new Rng(6));
    assertUnchanged(
      { big },
      () => new Pooling(3, 3, 2, 1).forward(big),
      "Pooling.forward",
    );
  },
);

Deno.test(
  "backward leaves dout unchanged and returns a new tensor of the input's shape",
  timeLimit,
  () => {
    const rng = new Rng(7);
    const pool = new Pooling(1, 1, 1);
    pool.forward(distinct([1, 2, 2, 2], rng));
    const dout = Tensor.randn([1, 2, 2, 2], rng);
    const dx = assertUnchanged(
      { dout },
      () => pool.backward(dout),
      "Pooling.backward",
    );
    assertFresh(dx, { dout }, "Pooling.backward");
    const wide = new Pooling(3, 3, 2, 1);
    wide.forward(distinct([2, 3, 6, 5], rng));
    const d = Tensor.randn([2, 3, 3, 3], rng);
    const dxWide = assertUnchanged(
      { d },
      () => wide.backward(d),
      "Pooling.backward",
    );
    assertEquals(
      dxWide.shape,
      [2, 3, 6, 5],
      "Pooling(3, 3, stride 2, pad 1).backward: dx shape",
    );
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => new Pooling(2, 2, 2).backward(Tensor.ones([1, 1, 2, 2])),
      "Pooling(2, 2, stride 2).backward(ones([1, 1, 2, 2])) before any forward",
    ),
);

Deno.test(
  "forward takes the maximum of each 2x2 window at stride 2 (book 7.3.1)",
  timeLimit,
  () => {
    assertClose(
      new Pooling(2, 2, 2).forward(bookInput()),
      [[[[2, 3], [4, 2]]]],
      {
        msg: "Pooling(2, 2, stride 2).forward(book input)",
      },
    );
  },
);

Deno.test(
  "backward sends each gradient to the maximum of its window only",
  timeLimit,
  () => {
    const pool = new Pooling(2, 2, 2);
    pool.forward(bookInput());
    // The maxima 2, 3, 4, 2 sit at (0,1), (1,3), (3,1) and (2,3).
    assertClose(
      pool.backward(tensor([[[[10, 20], [30, 40]]]])),
      [[[[0, 10, 0, 0], [0, 0, 0, 20], [0, 0, 0, 40], [0, 30, 0, 0]]]],
      { msg: "Pooling(2, 2, stride 2).backward([[10, 20], [30, 40]])" },
    );
  },
);

Deno.test(
  "overlapping windows that share their maximum add their gradients there",
  timeLimit,
  () => {
    // 2x2 windows at stride 1: the centre 9 is the maximum of all four.
    const pool = new Pooling(2, 2, 1);
    const y = pool.forward(tensor([[[[1, 2, 3], [4, 9, 5], [6, 7, 8]]]]));
    assertClose(y, [[[[9, 9], [9, 9]]]], {
      msg: "Pooling(2, 2, stride 1).forward([[1 2 3] [4 9 5] [6 7 8]])",
    });
    assertClose(
      pool.backward(tensor([[[[1, 2], [3, 4]]]])),
      [[[[0, 0, 0], [0, 10, 0], [0, 0, 0]]]],
      { msg: "Pooling(2, 2, stride 1).backward([[1, 2], [3, 4]])" },
    );
  },
);

Deno.test(
  "on a tie the gradient goes to the first maximum in reading order, like numpy's argmax",
  timeLimit,
  () => {
    const pool = new Pooling(2, 2, 2);
    pool.forward(tensor([[[[1, 3, 5, 5], [3, 2, 5, 5]]]]));
    assertClose(
      pool.backward(tensor([[[[1, 2]]]])),
      [[[[0, 1, 2, 0], [0, 0, 0, 0]]]],
      {
        msg:
          "Pooling(2, 2, stride 2).backward after forward([[1 3 5 5] [3 2 5 5]])",
      },
    );
  },
);

Deno.test(
  "forward keeps the largest of negative values (the maximum does not start at 0)",
  timeLimit,
  () => {
    const x = tensor([[[[-4, -3], [-2, -5]]]]);
    assertClose(new Pooling(2, 2).forward(x), [[[[-2]]]], {
      msg: "Pooling(2, 2).forward([[-4, -3], [-2, -5]])",
    });
  },
);

Deno.test(
  "padding zeros take part in the maximum, and the gradient that reaches them is dropped",
  timeLimit,
  () => {
    // Padded by 1 to 4x4, 2x2 windows at stride 2: each window holds one
    // pixel of x and three zeros of padding.
    const pool = new Pooling(2, 2, 2, 1);
    const x = tensor([[[[-1, 2], [-3, -4]]]]);
    assertClose(pool.forward(x), [[[[0, 2], [0, 0]]]], {
      msg: "Pooling(2, 2, stride 2, pad 1).forward([[-1, 2], [-3, -4]])",
    });
    assertClose(
      pool.backward(tensor([[[[1, 2], [3, 4]]]])),
      [[[[0, 2], [0, 0]]]],
      {
        msg: "Pooling(2, 2, stride 2, pad 1).backward([[1, 2], [3, 4]]) " +
          "after forward([[-1, 2], [-3, -4]])",
      },
    );
  },
);

Deno.test(
  "forward pools every channel of every image on its own",
  timeLimit,
  () => {
    // Image 0 channel 0, image 0 channel 1, image 1 channel 0, ...: the
    // largest value of each 2x2 block is in a different corner.
    const x = tensor([
      [
        [[1, 0, 0, 2], [0, 0, 0, 0]],
        [[0, 0, 0, 0], [0, 3, 4, 0]],
      ],
      [
        [[0, 5, 0, 0], [0, 0, 0, 6]],
        [[0, 0, 0, 8], [0, 7, 0, 0]],
      ],
    ]);
    const pool = new Pooling(2, 2, 2);
    assertClose(pool.forward(x), [[[[1, 2]], [[3, 4]]], [[[5, 6]], [[7, 8]]]], {
      msg: "Pooling(2, 2, stride 2).forward(x [2,2,2,4])",
    });
    const dx = pool.backward(
      tensor([[[[1, 2]], [[3, 4]]], [[[5, 6]], [[7, 8]]]]),
    );
    assertClose(dx, x, {
      msg:
        "Pooling(2, 2, stride 2).backward: each gradient back on its own maximum",
    });
  },
);

Deno.test(
  "forward matches the definition for batches of 1 and N, strides, padding and non-square windows",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const cases: [number[], number, number, number, number, number[]][] = [
      [[1, 1, 4, 4], 2, 2, 2, 0, [1, 1, 2, 2]],
      [[4, 3, 6, 6], 2, 2, 2, 0, [4, 3, 3, 3]],
      [[2, 3, 5, 7], 2, 3, 1, 0, [2, 3, 4, 5]],
      [[2, 2, 5, 5], 3, 3, 2, 1, [2, 2, 3, 3]],
      [[1, 2, 7, 6], 3, 2, 3, 0, [1, 2, 2, 2]],
    ];
    for (const [shape, ph, pw, stride, pad, outShape] of cases) {
      const x = Tensor.randn(shape, rng);
      const what = `Pooling(${ph}, ${pw}, stride ${stride}, pad ${pad})` +
        `.forward(x [${shape}])`;
      const y = new Pooling(ph, pw, stride, pad).forward(x);
      assertEquals(y.shape, outShape, `${what}: shape`);
      assertClose(y, poolByDefinition(x, ph, pw, stride, pad), { msg: what });
    }
  },
);

// With distinct inputs (0.1 apart, never 0) each window has a single maximum
// that h = 1e-5 cannot overtake, so the layer is linear around x and the
// central difference is exact up to rounding (about 1e-10); 1e-6 allows for
// gradient entries as small as 1e-3.

/** Checks dx of `pool`, called `layer`, at distinct inputs of `shape`. */
function assertGradients(
  pool: Pooling,
  layer: string,
  shape: number[],
  seed: number,
): void {
  const rng = new Rng(seed);
  assertLayerGradients({
    layer,
    forward: (x) => pool.forward(x),
    backward: (dout) => pool.backward(dout),
    x: distinct(shape, rng),
    rng,
    tolerance: 1e-6,
  });
}

Deno.test(
  "backward agrees with the numerical gradient: 2x2 windows at stride 2, a batch of 1",
  timeLimit,
  () => {
    const pool = new Pooling(2, 2, 2);
    assertGradients(pool, "Pooling(2, 2, stride 2)", [1, 2, 4, 6], 2);
  },
);

Deno.test(
  "backward agrees with the numerical gradient: overlapping 3x3 windows, stride 2, padding 1, a batch of 3",
  timeLimit,
  () => {
    const pool = new Pooling(3, 3, 2, 1);
    assertGradients(pool, "Pooling(3, 3, stride 2, pad 1)", [3, 2, 5, 6], 3);
  },
);

Deno.test(
  "backward agrees with the numerical gradient: non-square 2x3 windows at stride 1",
  timeLimit,
  () => {
    const pool = new Pooling(2, 3, 1);
    assertGradients(pool, "Pooling(2, 3, stride 1)", [2, 3, 4, 5], 4);
  },
);

Deno.test(
  "backward uses the maxima of the most recent forward",
  timeLimit,
  () => {
    const pool = new Pooling(2, 2, 2);
    pool.forward(tensor([[[[9, 0], [0, 0]]]]));
    pool.forward(tensor([[[[0, 0], [0, 9]]]]));
    assertClose(pool.backward(tensor([[[[1]]]])), [[[[0, 0], [0, 1]]]], {
      msg: "Pooling(2, 2, stride 2).backward after forward([[9 0] [0 0]]) " +
        "then forward([[0 0] [0 9]])",
    });
  },
);

Deno.test(
  "backward after a second forward of another shape returns dx of that shape",
  timeLimit,
  () => {
    const pool = new Pooling(2, 2, 2);
    pool.forward(distinct([2, 3, 6, 6], new Rng(11)));
    const x = tensor([[[[1, 5, 2, 0], [3, 4, 8, 6]]]]);
    pool.forward(x);
    assertClose(
      pool.backward(tensor([[[[10, 20]]]])),
      [[[[0, 10, 0, 0], [0, 0, 20, 0]]]],
      {
        msg: "Pooling(2, 2, stride 2).backward([[[[10 20]]]]) after " +
          "forward(x [2,3,6,6]) then forward([[1 5 2 0] [3 4 8 6]])",
      },
    );
  },
);

Deno.test(
  "a Pooling built without a stride moves its windows by 2, the book's default",
  timeLimit,
  () => {
    const pool = new Pooling(2, 2);
    assertEquals(pool.stride, 2, "new Pooling(2, 2).stride");
    assertEquals(pool.pad, 0, "new Pooling(2, 2).pad");
    assertClose(pool.forward(bookInput()), [[[[2, 3], [4, 2]]]], {
      msg: "new Pooling(2, 2).forward(the book's 4x4 input)",
    });
    // 3x3 windows at stride 2 over 5x5: 2x2 outputs (stride 1 would give 3x3).
    const x = distinct([1, 1, 5, 5], new Rng(12));
    assertClose(new Pooling(3, 3).forward(x), poolByDefinition(x, 3, 3, 2, 0), {
      msg: "new Pooling(3, 3).forward(x [1,1,5,5])",
    });
  },
);

Deno.test(
  "an Infinity or NaN in dout reaches only the maximum of its window",
  timeLimit,
  () => {
    const pool = new Pooling(2, 2, 2);
    pool.forward(tensor([[[[1, 5, 2, 0], [3, 4, 8, 6]]]]));
    // Multiplying a 0/1 mask by dout would give NaN at the other elements.
    assertClose(
      pool.backward(tensor([[[[Infinity, NaN]]]])),
      [[[[0, Infinity, 0, 0], [0, 0, NaN, 0]]]],
      {
        msg: "Pooling(2, 2, stride 2).backward([[[[Infinity NaN]]]]) after " +
          "forward([[1 5 2 0] [3 4 8 6]])",
      },
    );
  },
);
