import {
  IGNORE_LABEL,
  TimeAffine,
  TimeEmbedding,
  TimeSoftmaxWithLoss,
} from "./time_layers.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertEquals,
  assertForwardFirst,
  assertFresh,
  assertGradientsMatch,
  assertUnchanged,
  explain,
  numericalGradient,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** The book's example matrix: 7 words, 3 values each, arange(21).reshape(7, 3). */
function bookW(): Tensor {
  return Tensor.from(
    Array.from({ length: 7 }, (_, i) => [3 * i, 3 * i + 1, 3 * i + 2]),
  );
}

/** Position (n, t) of dout holds 10n + t + 1 in every column: easy to trace. */
function countingDout(N: number, T: number, D: number): Tensor {
  return Tensor.from(
    Array.from(
      { length: N },
      (_, n) =>
        Array.from({ length: T }, (_, t) => Array(D).fill(10 * n + t + 1)),
    ),
  );
}

// ---------------------------------------------------------------- TimeEmbedding

Deno.test(
  "TimeEmbedding: forward leaves W and the ids unchanged and returns a new tensor",
  timeLimit,
  () => {
    const W = bookW();
    const ids = [[1, 0], [3, 0]];
    const out = assertUnchanged(
      { W },
      () => new TimeEmbedding(W).forward(ids),
      "TimeEmbedding.forward([[1, 0], [3, 0]])",
    );
    assertEquals(
      ids,
      [[1, 0], [3, 0]],
      "TimeEmbedding.forward changed its ids",
    );
    assertFresh(out, { W }, "TimeEmbedding.forward([[1, 0], [3, 0]])");
  },
);

Deno.test(
  "TimeEmbedding: params holds W itself and grads zeros of its shape; backward before forward says forward comes first",
  timeLimit,
  () => {
    const W = bookW();
    const layer = new TimeEmbedding(W);
    assert(
      layer.params.W === W,
      "new TimeEmbedding(W): params.W must be the very tensor W (no copy)",
    );
    assertClose(layer.grads.W, Tensor.zeros([7, 3]), {
      msg: "new TimeEmbedding(W).grads.W before any backward",
    });
    assertFresh(layer.grads.W, { W }, "new TimeEmbedding(W).grads.W");
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 1, 3])),
      "TimeEmbedding.backward(ones([1, 1, 3])) before any forward",
    );
  },
);

Deno.test(
  "TimeEmbedding: forward gives the row of W of each id at each step, shape [N, T, D]",
  timeLimit,
  () => {
    const layer = new TimeEmbedding(bookW());
    assertClose(
      layer.forward([[1, 0], [3, 0], [6, 6]]),
      [
        [[3, 4, 5], [0, 1, 2]],
        [[9, 10, 11], [0, 1, 2]],
        [[18, 19, 20], [18, 19, 20]],
      ],
      {
        msg: "TimeEmbedding.forward([[1, 0], [3, 0], [6, 6]]) with W = " +
          "arange(21).reshape(7, 3)",
      },
    );
  },
);

Deno.test(
  "TimeEmbedding: backward adds the gradient of every position into its id's row, so an id repeated across steps and sequences gets the sum",
  timeLimit,
  () => {
    const layer = new TimeEmbedding(bookW());
    layer.forward([[0, 2, 0], [2, 5, 0]]);
    explain(
      "TimeEmbedding.backward",
      () => layer.backward(countingDout(2, 3, 3)),
    );
    // Id 0 is at (0, 0), (0, 2), (1, 2): 1 + 3 + 13; id 2 at (0, 1), (1, 0): 2 + 11.
    assertClose(
      layer.grads.W,
      [[17, 17, 17], [0, 0, 0], [13, 13, 13], [0, 0, 0], [0, 0, 0], [
        12,
        12,
        12,
      ], [0, 0, 0]],
      {
        msg:
          "TimeEmbedding.backward(dout with 10n + t + 1 at position (n, t)) " +
          "after forward([[0, 2, 0], [2, 5, 0]]): grads.W",
      },
    );
  },
);

Deno.test(
  "TimeEmbedding: backward agrees with the numerical gradient of W, with repeated ids",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const W = Tensor.randn([5, 4], rng);
    const layer = new TimeEmbedding(W);
    const ids = [[3, 1, 3], [0, 3, 1]];
    const dout = Tensor.randn([2, 3, 4], rng);
    const numeric = numericalGradient(
      () => layer.forward(ids).mul(dout).sum(),
      W,
    );
    layer.forward(ids);
    const what = "TimeEmbedding.backward after forward([[3, 1, 3], [0, 3, 1]])";
    assertUnchanged(
      { dout },
      () => explain(what, () => layer.backward(dout)),
      what,
    );
    // Linear in W: exact up to rounding.
    assertGradientsMatch(layer.grads.W, numeric, {
      tolerance: 1e-7,
      msg: `${what}: grads.W`,
    });
  },
);

Deno.test(
  "TimeEmbedding: each backward starts from zero, in the grads.W tensor the layer already has",
  timeLimit,
  () => {
    const layer = new TimeEmbedding(bookW());
    const held = layer.grads.W;
    layer.forward([[1, 4]]);
    explain(
      "TimeEmbedding.backward",
      () => layer.backward(countingDout(1, 2, 3)),
    );
    layer.forward([[4], [6]]);
    explain(
      "TimeEmbedding.backward",
      () => layer.backward(countingDout(2, 1, 3)),
    );
    assert(
      layer.grads.W === held,
      "TimeEmbedding.backward replaced grads.W with another tensor: write " +
        "into the existing one (in place)",
    );
    assertClose(
      held,
      [[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [1, 1, 1], [0, 0, 0], [
        11,
        11,
        11,
      ]],
      {
        msg: "grads.W after forward([[1, 4]]) and its backward, then " +
          "forward([[4], [6]]) and its backward",
      },
    );
  },
);

Deno.test(
  "TimeEmbedding: rows of ids of different lengths, an id outside W and a dout of the wrong shape are refused with errors that name them",
  timeLimit,
  () => {
    const layer = new TimeEmbedding(bookW());
    // The middle row's length is the mean of the others': a check against
    // the mean, or against any one row, lets it through.
    assertClearError(
      () => layer.forward([[1, 2], [3], [4, 5, 6]]),
      "TimeEmbedding.forward([[1, 2], [3], [4, 5, 6]])",
      {
        includes: "2, 1, 3",
        says: "give the lengths of the rows, 2, 1, 3",
        fix: "check that every row has as many ids as the others",
      },
    );
    assertClearError(
      () => layer.forward([[1, 9]]),
      "TimeEmbedding.forward([[1, 9]]) with W of 7 rows",
      {
        includes: "9",
        says: "name the id 9",
        fix: "let the row lookup check the ids",
      },
    );
    layer.forward([[1, 2], [3, 4]]);
    // [4, 1, 3] holds as many numbers as [2, 2, 3]: a reshape alone lets it through.
    for (const shape of [[1, 2, 3], [4, 1, 3], [2, 2, 2]]) {
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `TimeEmbedding.backward(ones([${
          shape.join(", ")
        }])) after a forward of 2 rows of 2 ids, W of width 3`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of dout, [${shape.join(", ")}]`,
          fix: "compare dout's shape with [N, T, D] and throw an Error",
        },
      );
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `TimeEmbedding.backward(ones([${shape.join(", ")}])), the same call`,
        {
          includes: "[2, 2, 3]",
          says: "name the shape dout should have, [2, 2, 3]",
          fix: "compare dout's shape with [N, T, D] and throw an Error",
        },
      );
    }
  },
);

// ------------------------------------------------------------------ TimeAffine

/** W = [[1, 0, 1], [0, 1, 1]], b = [0, 0, 10]: out = [x0, x1, x0 + x1 + 10]. */
function handAffine() {
  return { W: tensor([[1, 0, 1], [0, 1, 1]]), b: tensor([0, 0, 10]) };
}

Deno.test(
  "TimeAffine: forward leaves x, W and b unchanged, backward leaves dout, and both return new tensors",
  timeLimit,
  () => {
    const { W, b } = handAffine();
    const layer = new TimeAffine(W, b);
    const x = tensor([[[1, 2], [3, 4]]]);
    const out = assertUnchanged(
      { x, W, b },
      () => layer.forward(x),
      "TimeAffine.forward(x of shape [1, 2, 2])",
    );
    assertFresh(out, { x, W, b }, "TimeAffine.forward(x)");
    const dout = Tensor.ones([1, 2, 3]);
    const dx = assertUnchanged(
      { dout, x, W, b },
      () => explain("TimeAffine.backward", () => layer.backward(dout)),
      "TimeAffine.backward(ones([1, 2, 3]))",
    );
    assertFresh(dx, { dout, x }, "TimeAffine.backward(dout)");
  },
);

Deno.test(
  "TimeAffine: params holds W and b themselves and grads zeros of their shapes; backward before forward says forward comes first",
  timeLimit,
  () => {
    const { W, b } = handAffine();
    const layer = new TimeAffine(W, b);
    for (const [name, t] of Object.entries({ W, b })) {
      assert(
        layer.params[name] === t,
        `new TimeAffine(W, b): params.${name} must be the very tensor ${name}`,
      );
      assertClose(layer.grads[name], Tensor.zeros(t.shape), {
        msg: `new TimeAffine(W, b).grads.${name} before any backward`,
      });
      assertFresh(layer.grads[name], { W, b }, `new TimeAffine.grads.${name}`);
    }
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 1, 3])),
      "TimeAffine.backward(ones([1, 1, 3])) before any forward",
    );
  },
);

Deno.test(
  "TimeAffine: forward is x·W + b at every step of every sequence",
  timeLimit,
  () => {
    const { W, b } = handAffine();
    assertClose(
      new TimeAffine(W, b).forward(tensor([[[1, 2], [3, 4], [0, 0]], [
        [
          -1,
          0,
        ],
        [5, 5],
        [1, 1],
      ]])),
      [[[1, 2, 13], [3, 4, 17], [0, 0, 10]], [[-1, 0, 9], [5, 5, 20], [
        1,
        1,
        12,
      ]]],
      {
        msg: "TimeAffine.forward of a [2, 3, 2] x with W = [[1, 0, 1], " +
          "[0, 1, 1]], b = [0, 0, 10]",
      },
    );
  },
);

Deno.test(
  "TimeAffine: backward agrees with the numerical gradients of x, W and b, summed over every step",
  timeLimit,
  () => {
    const rng = new Rng(2);
    const W = Tensor.randn([3, 4], rng);
    const b = Tensor.randn([4], rng);
    const layer = new TimeAffine(W, b);
    const x = Tensor.randn([2, 3, 3], rng);
    const dout = Tensor.randn([2, 3, 4], rng);
    const loss = () => layer.forward(x).mul(dout).sum();
    const numeric = {
      x: numericalGradient(loss, x),
      W: numericalGradient(loss, W),
      b: numericalGradient(loss, b),
    };
    layer.forward(x);
    const what = "TimeAffine.backward after forward of x [2, 3, 3], W [3, 4]";
    const dx = explain(what, () => layer.backward(dout));
    // Linear: exact up to rounding.
    assertGradientsMatch(dx, numeric.x, {
      tolerance: 1e-7,
      msg: `${what}: dx`,
    });
    assertGradientsMatch(layer.grads.W, numeric.W, {
      tolerance: 1e-7,
      msg: `${what}: grads.W`,
    });
    assertGradientsMatch(layer.grads.b, numeric.b, {
      tolerance: 1e-7,
      msg: `${what}: grads.b`,
    });
  },
);

Deno.test(
  "TimeAffine: backward overwrites the grads tensors the layer already has, for the x of the most recent forward",
  timeLimit,
  () => {
    const { W, b } = handAffine();
    const layer = new TimeAffine(W, b);
    const held = { ...layer.grads };
    layer.forward(tensor([[[9, 9]]]));
    explain(
      "TimeAffine.backward",
      () => layer.backward(Tensor.ones([1, 1, 3])),
    );
    layer.forward(tensor([[[1, 2]], [[3, 4]]]));
    explain(
      "TimeAffine.backward",
      () => layer.backward(Tensor.ones([2, 1, 3])),
    );
    for (const name of ["W", "b"]) {
      assert(
        layer.grads[name] === held[name],
        `TimeAffine.backward replaced grads.${name} with another tensor: ` +
          "write into the existing one (in place)",
      );
    }
    const what = "after two forwards and backwards, the second of x = " +
      "[[[1, 2]], [[3, 4]]] and dout = ones([2, 1, 3])";
    assertClose(held.W, [[4, 4, 4], [6, 6, 6]], { msg: `${what}: grads.W` });
    assertClose(held.b, [2, 2, 2], { msg: `${what}: grads.b` });
  },
);

Deno.test(
  "TimeAffine: an x that is not [N, T, D] and a dout of the wrong shape are refused with errors that name them",
  timeLimit,
  () => {
    const { W, b } = handAffine();
    const layer = new TimeAffine(W, b);
    assertClearError(
      () => layer.forward(Tensor.ones([4, 2])),
      "TimeAffine.forward(ones([4, 2]))",
      {
        includes: "[4, 2]",
        says: "name the shape of x, [4, 2]",
        fix: "check that x has three axes and throw an Error",
      },
    );
    layer.forward(Tensor.ones([2, 3, 2]));
    // [3, 2, 3] holds as many numbers as [2, 3, 3]: a reshape alone lets it through.
    for (const shape of [[1, 3, 3], [3, 2, 3], [2, 3, 2]]) {
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `TimeAffine.backward(ones([${
          shape.join(", ")
        }])) after a forward of [2, 3, 2] (output [2, 3, 3])`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of dout, [${shape.join(", ")}]`,
          fix: "compare dout's shape with the output's and throw an Error",
        },
      );
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `TimeAffine.backward(ones([${shape.join(", ")}])), the same call`,
        {
          includes: "[2, 3, 3]",
          says: "name the shape dout should have, the output's [2, 3, 3]",
          fix: "compare dout's shape with the output's and throw an Error",
        },
      );
    }
  },
);

// --------------------------------------------------------- TimeSoftmaxWithLoss

Deno.test(
  "TimeSoftmaxWithLoss: forward leaves xs and ts unchanged, backward returns a new tensor; backward before forward says forward comes first",
  timeLimit,
  () => {
    const layer = new TimeSoftmaxWithLoss();
    assertForwardFirst(
      () => layer.backward(),
      "TimeSoftmaxWithLoss.backward() before any forward",
    );
    const xs = Tensor.randn([2, 2, 3], new Rng(3));
    const ts = [[0, 2], [IGNORE_LABEL, 1]];
    assertUnchanged(
      { xs },
      () => layer.forward(xs, ts),
      "TimeSoftmaxWithLoss.forward(xs, [[0, 2], [-1, 1]])",
    );
    assertEquals(
      ts,
      [[0, 2], [-1, 1]],
      "TimeSoftmaxWithLoss.forward changed its labels",
    );
    const dxs = explain("TimeSoftmaxWithLoss.backward", () => layer.backward());
    assertFresh(dxs, { xs }, "TimeSoftmaxWithLoss.backward()");
  },
);

Deno.test(
  "TimeSoftmaxWithLoss: the loss is the mean cross-entropy over every step of every sequence",
  timeLimit,
  () => {
    const layer = new TimeSoftmaxWithLoss();
    // Equal scores: each of the 4 classes has probability 1/4.
    const loss = layer.forward(Tensor.zeros([2, 3, 4]), [[0, 1, 2], [3, 3, 0]]);
    // A first-book delta of 1e-7 inside the log changes it by 4e-7 relative.
    assertClose(loss, Math.log(4), {
      rtol: 1e-6,
      msg: "TimeSoftmaxWithLoss.forward(zeros([2, 3, 4]), labels)",
    });
    const xs = tensor([[[Math.log(3), 0], [0, Math.log(3)]]]);
    // p = 3/4 for the label at step 0 and 1/4 at step 1: (log(4/3) + log 4) / 2.
    assertClose(
      layer.forward(xs, [[0, 0]]),
      (Math.log(4 / 3) + Math.log(4)) / 2,
      {
        rtol: 1e-6,
        msg:
          "TimeSoftmaxWithLoss.forward([[[log 3, 0], [0, log 3]]], [[0, 0]])",
      },
    );
  },
);

Deno.test(
  "TimeSoftmaxWithLoss: a position labelled -1 adds nothing to the loss, and the mean is over the other positions only",
  timeLimit,
  () => {
    const layer = new TimeSoftmaxWithLoss();
    // Step 1's scores favour the last class, where numpy's ys[i, -1] would
    // look; whatever it picks, the ignored step must not count.
    const xs = tensor([[[0, 0, 0, 0], [0, 0, 0, 5]], [[0, 0, 0, 0], [
      5,
      0,
      0,
      0,
    ]]]);
    assertClose(layer.forward(xs, [[2, -1], [1, -1]]), Math.log(4), {
      rtol: 1e-6,
      msg: "TimeSoftmaxWithLoss.forward(xs, [[2, -1], [1, -1]]): the two " +
        "valid steps have p = 1/4 each, so the mean over them is log 4",
    });
  },
);

Deno.test(
  "TimeSoftmaxWithLoss: backward is (softmax - one-hot) · dout over the number of valid labels, and exactly zero at an ignored position",
  timeLimit,
  () => {
    const layer = new TimeSoftmaxWithLoss();
    layer.forward(Tensor.zeros([1, 3, 4]), [[1, -1, 3]]);
    const what =
      "TimeSoftmaxWithLoss.backward(2) after forward(zeros([1, 3, 4]), [[1, -1, 3]])";
    // Two valid labels: (1/4 - one-hot) · 2 / 2.
    assertClose(
      explain(what, () => layer.backward(2)),
      [[[0.25, -0.75, 0.25, 0.25], [0, 0, 0, 0], [0.25, 0.25, 0.25, -0.75]]],
      { msg: what },
    );
    assertClose(
      explain(what, () => layer.backward()),
      [[[0.125, -0.375, 0.125, 0.125], [0, 0, 0, 0], [
        0.125,
        0.125,
        0.125,
        -0.375,
      ]]],
      { msg: "the same layer's backward() (dout = 1)" },
    );
  },
);

for (const ts of [[[0, 3, 1], [2, 2, 0]], [[0, -1, 1], [-1, 2, -1]]]) {
  Deno.test(
    `TimeSoftmaxWithLoss: backward agrees with the numerical gradient, for the labels ${
      JSON.stringify(ts)
    }`,
    timeLimit,
    () => {
      const rng = new Rng(ts.flat().filter((t) => t < 0).length + 4);
      const layer = new TimeSoftmaxWithLoss();
      const xs = Tensor.randn([2, 3, 4], rng, 0.5);
      const numeric = numericalGradient(() => layer.forward(xs, ts), xs)
        .mul(0.5);
      layer.forward(xs, ts);
      const what = `TimeSoftmaxWithLoss.backward(0.5) after forward(xs, ${
        JSON.stringify(ts)
      })`;
      const dxs = explain(what, () => layer.backward(0.5));
      // Exact log-softmax scores about 1e-10; the first book's delta of 1e-7
      // inside the log is off by delta / p, under 3e-6 for these scores.
      assertGradientsMatch(dxs, numeric, {
        tolerance: 1e-5,
        msg: `${what}: dxs`,
      });
    },
  );
}

Deno.test(
  "TimeSoftmaxWithLoss: large scores give a finite loss and gradient",
  timeLimit,
  () => {
    const layer = new TimeSoftmaxWithLoss();
    const what =
      "TimeSoftmaxWithLoss.forward([[[1000, 0], [0, 1000]]], [[1, 1]])";
    const loss = layer.forward(tensor([[[1000, 0], [0, 1000]]]), [[1, 1]]);
    assert(
      Number.isFinite(loss) && loss > 16,
      `${what} is ${loss}: the first step's label has probability e^-1000, ` +
        "which rounds to 0; keep its log finite (subtract the row maximum, " +
        "and add a small delta inside the log or compute log-softmax directly)",
    );
    assertClose(
      explain(what, () => layer.backward()),
      [[[0.5, -0.5], [0, 0]]],
      { msg: `${what}, then backward()` },
    );
  },
);

Deno.test(
  "TimeSoftmaxWithLoss: labels that do not fit xs, labels all ignored, labels out of range and an xs that is not [N, T, V] are refused with errors that name them",
  timeLimit,
  () => {
    const layer = new TimeSoftmaxWithLoss();
    const xs = Tensor.zeros([2, 3, 4]);
    const labelRows = [[[0, 1, 2]], [], [[0, 1, 2], [0, 1]], [[0, 1], [2, 3]]];
    for (const ts of labelRows) {
      assertClearError(
        () => layer.forward(xs, ts),
        `TimeSoftmaxWithLoss.forward(xs of shape [2, 3, 4], ${
          JSON.stringify(ts)
        })`,
        {
          includes: "[2, 3, 4]",
          says: "name the shape of xs, [2, 3, 4], that the labels must fit",
          fix: "check that ts has N rows of T labels and throw an Error",
        },
      );
    }
    assertClearError(
      () => layer.forward(xs, [[0, 1, 2], [0, 1]]),
      "TimeSoftmaxWithLoss.forward(xs of shape [2, 3, 4], rows of 3 and 2 labels)",
      {
        includes: "3, 2",
        says: "give the lengths of the rows of labels, 3, 2",
        fix: "say how many labels each row has",
      },
    );
    assertClearError(
      () => layer.forward(xs, [[-1, -1, -1], [-1, -1, -1]]),
      "TimeSoftmaxWithLoss.forward(xs, every label -1)",
      {
        includes: "-1",
        says: "say that every label is -1, so there is nothing to average",
        fix: "count the valid labels and throw an Error when there are none",
      },
    );
    // 7, not 4: the message names the shape [6, 4] in any case.
    for (const bad of [7, -2]) {
      assertClearError(
        () => layer.forward(xs, [[0, 1, 2], [3, bad, 0]]),
        `TimeSoftmaxWithLoss.forward(xs of 4 classes, a label ${bad})`,
        {
          includes: String(bad),
          says: `name the label ${bad}`,
          fix: "let the per-row lookup check the labels",
        },
      );
    }
    assertClearError(
      () => layer.forward(Tensor.zeros([6, 4]), [[0, 1, 2], [0, 1, 2]]),
      "TimeSoftmaxWithLoss.forward(zeros([6, 4]), 2 rows of 3 labels)",
      {
        includes: "[6, 4]",
        says: "name the shape of xs, [6, 4]",
        fix: "check that xs has three axes and throw an Error",
      },
    );
  },
);
