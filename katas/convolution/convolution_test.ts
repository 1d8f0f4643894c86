import { Convolution } from "./convolution.ts";
import {
  assertClose,
  assertEquals,
  assertForwardFirst,
  assertFresh,
  assertLayerGradients,
  assertStrictEquals,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// The input and filter of the book's first example (section 7.2.2).
const bookInput = () =>
  tensor([[[[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]]]]);
const bookFilter = () => tensor([[[[2, 0, 1], [0, 1, 2], [1, 0, 2]]]]);

/**
 * The convolution straight from its definition, one output at a time:
 * out[n, f, i, j] = b[f] + sum over c, p, q of
 * W[f, c, p, q] * x[n, c, i*stride + p - pad, j*stride + q - pad]
 * (zero outside the image).
 */
function convolveByDefinition(
  x: Tensor,
  W: Tensor,
  b: Tensor,
  stride: number,
  pad: number,
): Tensor {
  const [n, c, h, w] = x.shape;
  const [fn, , fh, fw] = W.shape;
  const outH = Math.floor((h + 2 * pad - fh) / stride) + 1;
  const outW = Math.floor((w + 2 * pad - fw) / stride) + 1;
  const out = Tensor.zeros([n, fn, outH, outW]);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < fn; f++) {
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          let s = b.get(f);
          for (let ch = 0; ch < c; ch++) {
            for (let p = 0; p < fh; p++) {
              for (let q = 0; q < fw; q++) {
                const y = oy * stride + p - pad;
                const z = ox * stride + q - pad;
                if (y >= 0 && y < h && z >= 0 && z < w) {
                  s += W.get(f, ch, p, q) * x.get(i, ch, y, z);
                }
              }
            }
          }
          out.setInPlace([i, f, oy, ox], s);
        }
      }
    }
  }
  return out;
}

Deno.test(
  "forward leaves x, W and b unchanged and returns a new tensor",
  timeLimit,
  () => {
    const rng = new Rng(5);
    // A 1x1 filter of weight 1 over a 1-channel image: the output equals x.
    const x = Tensor.randn([1, 1, 3, 3], rng);
    const W = tensor([[[[1]]]]);
    const b = tensor([0]);
    const y = assertUnchanged(
      { x, W, b },
      () => new Convolution(W, b).forward(x),
      "Convolution.forward",
    );
    assertFresh(y, { x, W, b }, "Convolution.forward");
  },
);

Deno.test(
  "backward leaves dout, W and b unchanged and returns a new tensor",
  timeLimit,
  () => {
    const rng = new Rng(6);
    const W = tensor([[[[1]]]]);
    const b = tensor([0]);
    const conv = new Convolution(W, b);
    conv.forward(Tensor.randn([1, 1, 3, 3], rng));
    const dout = Tensor.randn([1, 1, 3, 3], rng);
    const dx = assertUnchanged(
      { dout, W, b },
      () => conv.backward(dout),
      "Convolution.backward",
    );
    assertFresh(dx, { dout, W, b }, "Convolution.backward");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const conv = new Convolution(bookFilter(), tensor([0]));
    assertForwardFirst(
      () => conv.backward(Tensor.ones([1, 1, 2, 2])),
      "Convolution.backward(ones([1, 1, 2, 2])) before any forward",
    );
  },
);

Deno.test(
  "forward gives the book's example: a 4x4 input and a 3x3 filter (book 7.2.2)",
  timeLimit,
  () => {
    const x = bookInput();
    assertClose(
      new Convolution(bookFilter(), tensor([0])).forward(x),
      [[[[15, 16], [6, 15]]]],
      { msg: "Convolution.forward(book input) with the book filter, b = 0" },
    );
    assertClose(
      new Convolution(bookFilter(), tensor([3])).forward(x),
      [[[[18, 19], [9, 18]]]],
      { msg: "Convolution.forward(book input) with the book filter, b = 3" },
    );
  },
);

Deno.test(
  "forward with padding 1 gives the book's 4x4 output (book 7.2.3)",
  timeLimit,
  () => {
    const y = new Convolution(bookFilter(), tensor([0]), 1, 1).forward(
      bookInput(),
    );
    assertClose(
      y,
      [[[[7, 12, 10, 2], [4, 15, 16, 10], [10, 6, 15, 6], [8, 10, 4, 3]]]],
      { msg: "Convolution.forward(book input), stride 1, pad 1" },
    );
  },
);

Deno.test(
  "forward sums over the channels and gives one output channel per filter",
  timeLimit,
  () => {
    const x = tensor([[
      [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
      [[10, 20, 30], [40, 50, 60], [70, 80, 90]],
    ]]);
    // Filter 0 picks the top-left pixel of channel 0 and the bottom-right of
    // channel 1; filter 1 adds up the 2x2 window of channel 0.
    const W = tensor([
      [[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
      [[[1, 1], [1, 1]], [[0, 0], [0, 0]]],
    ]);
    const b = tensor([0, 10]);
    assertClose(
      new Convolution(W, b).forward(x),
      [[
        [[1 + 50, 2 + 60], [4 + 80, 5 + 90]],
        [[12 + 10, 16 + 10], [24 + 10, 28 + 10]],
      ]],
      { msg: "Convolution.forward(x [1,2,3,3]) with W [2,2,2,2], b = [0, 10]" },
    );
  },
);

Deno.test(
  "forward matches the definition of convolution for batches, strides, padding and non-square sizes",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const cases: [number[], number[], number, number, number[]][] = [
      [[1, 3, 7, 7], [4, 3, 3, 3], 2, 1, [1, 4, 4, 4]],
      [[2, 3, 7, 7], [4, 3, 3, 3], 2, 1, [2, 4, 4, 4]],
      [[3, 2, 5, 7], [3, 2, 3, 2], 2, 0, [3, 3, 2, 3]],
      [[2, 1, 6, 5], [2, 1, 2, 3], 1, 2, [2, 2, 9, 7]],
    ];
    for (const [xShape, wShape, stride, pad, outShape] of cases) {
      const x = Tensor.randn(xShape, rng);
      const W = Tensor.randn(wShape, rng);
      const b = Tensor.randn([wShape[0]], rng);
      const what = `Convolution.forward(x [${xShape}]) with W [${wShape}], ` +
        `stride ${stride}, pad ${pad}`;
      const y = new Convolution(W, b, stride, pad).forward(x);
      assertEquals(y.shape, outShape, `${what}: shape`);
      assertClose(y, convolveByDefinition(x, W, b, stride, pad), {
        msg: what,
      });
    }
  },
);

Deno.test(
  "backward of the book's example with dout = 1 everywhere",
  timeLimit,
  () => {
    const conv = new Convolution(bookFilter(), tensor([3]));
    conv.forward(bookInput());
    const dx = conv.backward(Tensor.ones([1, 1, 2, 2]));
    // Each input pixel gets the filter weights it was multiplied by, summed
    // over the 4 windows that cover it.
    assertClose(
      dx,
      [[[[2, 2, 1, 1], [2, 3, 4, 3], [1, 2, 5, 4], [1, 1, 2, 2]]]],
      { msg: "Convolution.backward(ones): dx" },
    );
    // Each weight gets the sum of the 4 pixels it met.
    assertClose(conv.dW, [[[[4, 8, 8], [4, 4, 8], [8, 4, 4]]]], {
      msg: "Convolution.backward(ones): dW",
    });
    // The bias was added to 4 outputs.
    assertClose(conv.db, [4], { msg: "Convolution.backward(ones): db" });
  },
);

Deno.test(
  "backward of the book's example with dout = 1 at one output only",
  timeLimit,
  () => {
    const conv = new Convolution(bookFilter(), tensor([3]));
    conv.forward(bookInput());
    conv.backward(tensor([[[[0, 1], [0, 0]]]]));
    // Output (0, 1) saw the window at rows 0-2, columns 1-3.
    assertClose(conv.dW, [[[[2, 3, 0], [1, 2, 3], [0, 1, 2]]]], {
      msg: "Convolution.backward(dout = 1 at output (0, 1)): dW",
    });
    assertClose(conv.db, [1], {
      msg: "Convolution.backward(dout = 1 at output (0, 1)): db",
    });
  },
);

// The convolution is linear in x, in W and in b, so the central difference
// is exact up to rounding: an absolute error of about 1e-10 (float64 epsilon
// times the loss, over h = 1e-5). Relative to gradient entries that can be as
// small as 1e-3, that is up to about 1e-7, so 1e-6 is allowed. A wrong
// gradient is off by far more (errors of order 1).

/**
 * Checks dx, dW and db of a Convolution against numerical gradients, with W
 * (of shape `wShape`), b and x (of shape `xShape`) drawn from `seed`.
 */
function assertGradients(
  { wShape, stride, pad, xShape, seed }: {
    wShape: number[];
    stride: number;
    pad: number;
    xShape: number[];
    seed: number;
  },
): void {
  const rng = new Rng(seed);
  const W = Tensor.randn(wShape, rng);
  const b = Tensor.randn([wShape[0]], rng);
  const conv = new Convolution(W, b, stride, pad);
  assertLayerGradients({
    layer: `Convolution (stride ${stride}, pad ${pad})`,
    forward: (x) => conv.forward(x),
    backward: (dout) => conv.backward(dout),
    x: Tensor.randn(xShape, rng),
    rng,
    params: {
      W: { value: W, grad: () => conv.dW },
      b: { value: b, grad: () => conv.db },
    },
    tolerance: 1e-6,
  });
}

Deno.test(
  "backward agrees with the numerical gradient for dx, dW and db: a batch of 1",
  timeLimit,
  () =>
    assertGradients({
      wShape: [2, 3, 3, 3],
      stride: 1,
      pad: 1,
      xShape: [1, 3, 4, 4],
      seed: 2,
    }),
);

Deno.test(
  "backward agrees with the numerical gradient for dx, dW and db: a batch of 3 with stride and padding",
  timeLimit,
  () =>
    assertGradients({
      wShape: [3, 2, 3, 2],
      stride: 2,
      pad: 1,
      xShape: [3, 2, 5, 6],
      seed: 3,
    }),
);

Deno.test(
  "backward returns dx of the input's shape and dW, db of the parameters' shapes",
  timeLimit,
  () => {
    const rng = new Rng(4);
    const conv = new Convolution(
      Tensor.randn([4, 3, 3, 3], rng),
      Tensor.randn([4], rng),
      2,
      1,
    );
    const x = Tensor.randn([2, 3, 7, 6], rng);
    const y = conv.forward(x);
    assertEquals(y.shape, [2, 4, 4, 3], "Convolution.forward: output shape");
    const dx = conv.backward(Tensor.randn(y.shape, rng));
    assertEquals(dx.shape, [2, 3, 7, 6], "Convolution.backward: dx shape");
    assertEquals(
      conv.dW?.shape,
      [4, 3, 3, 3],
      "Convolution.backward: dW shape",
    );
    assertEquals(conv.db?.shape, [4], "Convolution.backward: db shape");
  },
);

Deno.test(
  "the layer keeps W and b by reference: an update in place changes forward",
  timeLimit,
  () => {
    const W = bookFilter();
    const b = tensor([0]);
    const conv = new Convolution(W, b);
    assertStrictEquals(conv.W, W, "Convolution.W should be the W passed in");
    assertStrictEquals(conv.b, b, "Convolution.b should be the b passed in");
    conv.forward(bookInput());
    // What an optimizer does: W -= lr * dW, in place.
    W.mulInPlace(2);
    b.addInPlace(1);
    assertClose(conv.forward(bookInput()), [[[[31, 33], [13, 31]]]], {
      msg: "Convolution.forward after W *= 2 and b += 1 in place",
    });
  },
);

Deno.test(
  "backward uses the input of the most recent forward, even of another batch size",
  timeLimit,
  () => {
    const rng = new Rng(7);
    const W = Tensor.randn([2, 2, 3, 3], rng);
    const b = Tensor.randn([2], rng);
    const first = Tensor.randn([1, 2, 5, 5], rng);
    const second = Tensor.randn([3, 2, 5, 5], rng);
    const dout = Tensor.randn([3, 2, 3, 3], rng);

    const fresh = new Convolution(W, b);
    fresh.forward(second);
    const expectedDx = fresh.backward(dout);

    const conv = new Convolution(W, b);
    conv.forward(first);
    conv.forward(second);
    const dx = conv.backward(dout);
    const msg = "Convolution.backward after forward(x1 [1,2,5,5]) then " +
      "forward(x2 [3,2,5,5]): should be as after forward(x2) alone";
    assertClose(dx, expectedDx, { msg: `${msg}: dx` });
    assertClose(conv.dW, fresh.dW as Tensor, { msg: `${msg}: dW` });
    assertClose(conv.db, fresh.db as Tensor, { msg: `${msg}: db` });
  },
);

Deno.test(
  "a second backward replaces dW and db instead of adding to them",
  timeLimit,
  () => {
    const conv = new Convolution(bookFilter(), tensor([3]));
    conv.forward(bookInput());
    conv.backward(Tensor.ones([1, 1, 2, 2]));
    conv.backward(Tensor.ones([1, 1, 2, 2]));
    assertClose(conv.dW, [[[[4, 8, 8], [4, 4, 8], [8, 4, 4]]]], {
      msg: "Convolution.backward(ones) twice: dW",
    });
    assertClose(conv.db, [4], { msg: "Convolution.backward(ones) twice: db" });
  },
);

Deno.test(
  "after W changes in place and forward runs again, backward sends dx through the new W",
  timeLimit,
  () => {
    const W = bookFilter();
    const conv = new Convolution(W, tensor([0]));
    conv.forward(bookInput());
    conv.backward(Tensor.ones([1, 1, 2, 2]));
    // What an optimizer does between two steps: W -= lr * dW, in place.
    W.mulInPlace(-1);
    conv.forward(bookInput());
    const dout = tensor([[[[1, 0], [0, 0]]]]);
    // dout = 1 at output (0, 0) only: dx is the new filter at the top left.
    assertClose(
      conv.backward(dout),
      [[[[-2, 0, -1, 0], [0, -1, -2, 0], [-1, 0, -2, 0], [0, 0, 0, 0]]]],
      {
        msg: "Convolution.backward([[1 0] [0 0]]) after forward, backward, " +
          "W *= -1 in place and forward again",
      },
    );
  },
);
