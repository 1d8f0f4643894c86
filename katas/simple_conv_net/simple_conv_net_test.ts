import { SimpleConvNet } from "./simple_conv_net.ts";
import {
  assert,
  assertClose,
  assertEquals,
  assertGradientsMatch,
  assertNotEquals,
  assertUnchanged,
  numericalGradient,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

const NAMES = ["W1", "b1", "W2", "b2", "W3", "b3"] as const;

function shapesOf(net: SimpleConvNet): Record<string, readonly number[]> {
  return Object.fromEntries(NAMES.map((k) => [k, net.params[k].shape]));
}

/**
 * A network small enough to follow by hand: two 3x3 filters over a 4x4 image,
 * the book's filter (section 7.2.2) and its negative, then 2 hidden units and
 * 2 scores. For the book's input:
 *
 *   conv:  filter 0 -> [[15, 16], [6, 15]],  filter 1 -> [[-15, -16], [-6, -15]]
 *   ReLU:  filter 1's outputs all become 0
 *   pool:  [16, 0]  (one 2x2 window per filter)
 *   W2 = [[1, -1], [1, 1]], b2 = 0:  hidden [16, -16] -> ReLU [16, 0]
 *   W3 = [[0.5, 1], [1, 1]], b3 = [1, 0]:  scores [9, 16]
 */
function handSetNet(): SimpleConvNet {
  const net = new SimpleConvNet({
    inputDim: [1, 4, 4],
    filterNum: 2,
    filterSize: 3,
    hiddenSize: 2,
    outputSize: 2,
    rng: new Rng(0),
  });
  const filter = [[2, 0, 1], [0, 1, 2], [1, 0, 2]];
  const negated = filter.map((row) => row.map((v) => -v));
  net.params.W1.assignInPlace(tensor([[filter], [negated]]));
  net.params.b1.assignInPlace(tensor([0, 0]));
  net.params.W2.assignInPlace(tensor([[1, -1], [1, 1]]));
  net.params.b2.assignInPlace(tensor([0, 0]));
  net.params.W3.assignInPlace(tensor([[0.5, 1], [1, 1]]));
  net.params.b3.assignInPlace(tensor([1, 0]));
  return net;
}
const BOOK_INPUT = [[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]];

/** The network of the gradient checks: [1, 6, 6] images, 2 filters 3x3. */
function tinyNet(seed: number): SimpleConvNet {
  return new SimpleConvNet({
    inputDim: [1, 6, 6],
    filterNum: 2,
    filterSize: 3,
    hiddenSize: 4,
    outputSize: 3,
    weightInitStd: 0.5,
    rng: new Rng(seed),
  });
}

/** The mean cross-entropy of softmax(scores) against labels, computed here. */
function softmaxLoss(scores: Tensor, labels: number[]): number {
  const [n, classes] = scores.shape;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: classes }, (_, j) => scores.get(i, j));
    const top = Math.max(...row);
    const logSum = top +
      Math.log(row.reduce((s, v) => s + Math.exp(v - top), 0));
    total += logSum - row[labels[i]];
  }
  return total / n;
}

Deno.test(
  "predict, loss, gradient and accuracy leave x and t unchanged",
  timeLimit,
  () => {
    const net = tinyNet(14);
    const x = Tensor.randn([3, 1, 6, 6], new Rng(15));
    const t = tensor([2, 0, 1]);
    assertUnchanged({ x }, () => net.predict(x), "SimpleConvNet.predict");
    assertUnchanged({ x, t }, () => net.loss(x, t), "SimpleConvNet.loss");
    assertUnchanged(
      { x, t },
      () => net.gradient(x, t),
      "SimpleConvNet.gradient",
    );
    assertUnchanged(
      { x, t },
      () => net.accuracy(x, t, 2),
      "SimpleConvNet.accuracy",
    );
  },
);

Deno.test(
  "the default network has the book's parameter shapes: 30 filters 5x5, 4320 -> 100 -> 10 (book 7.5)",
  timeLimit,
  () => {
    const net = new SimpleConvNet({ rng: new Rng(1) });
    assertEquals(Object.keys(net.params).sort(), [
      "W1",
      "W2",
      "W3",
      "b1",
      "b2",
      "b3",
    ]);
    // Conv 28 -> 24, pool 24 -> 12: 30 * 12 * 12 = 4320 inputs to Affine 1.
    assertEquals(shapesOf(net), {
      W1: [30, 1, 5, 5],
      b1: [30],
      W2: [4320, 100],
      b2: [100],
      W3: [100, 10],
      b3: [10],
    }, "SimpleConvNet({}).params shapes");
  },
);

Deno.test(
  "the first Affine layer's input size follows the pooled size, also when the convolution's output is odd",
  timeLimit,
  () => {
    const rng = new Rng(2);
    const cases: [ConstructorParameters<typeof SimpleConvNet>[0], number][] = [
      // Conv 9x8 (pad 1 keeps the size), pool -> 4x4: 4 * 16 = 64.
      [{ inputDim: [3, 9, 8], filterNum: 4, filterSize: 3, pad: 1, rng }, 64],
      // Conv 1 + (11 - 3) / 2 = 5, pool -> 2 (the odd last row is dropped).
      [
        { inputDim: [1, 11, 11], filterNum: 3, filterSize: 3, stride: 2, rng },
        12,
      ],
      // Conv 7x5, pool -> 3x2.
      [{ inputDim: [2, 9, 7], filterNum: 5, filterSize: 3, rng }, 30],
    ];
    for (const [options, pooled] of cases) {
      const net = new SimpleConvNet({
        ...options,
        hiddenSize: 6,
        outputSize: 4,
      });
      const what = `SimpleConvNet(inputDim [${options.inputDim}], ` +
        `${options.filterNum} filters ${options.filterSize}x${options.filterSize}, ` +
        `stride ${options.stride ?? 1}, pad ${options.pad ?? 0})`;
      assertEquals(
        net.params.W1.shape,
        [
          options.filterNum,
          options.inputDim![0],
          options.filterSize,
          options.filterSize,
        ],
        `${what}: W1 shape`,
      );
      assertEquals(net.params.W2.shape, [pooled, 6], `${what}: W2 shape`);
      const x = Tensor.randn([2, ...options.inputDim!], rng);
      assertEquals(
        net.predict(x).shape,
        [2, 4],
        `${what}: predict(x [2, ...]) shape`,
      );
    }
  },
);

Deno.test(
  "weights are normal draws from the given rng times weightInitStd, biases are zeros",
  timeLimit,
  () => {
    const net = new SimpleConvNet({
      inputDim: [1, 12, 12],
      filterNum: 20,
      filterSize: 5,
      hiddenSize: 50,
      weightInitStd: 0.1,
      rng: new Rng(3),
    });
    for (const name of ["W1", "W2", "W3"] as const) {
      const w = net.params[name];
      const std = Math.sqrt(w.pow(2).mean() - w.mean() ** 2);
      // Hundreds of draws or more: the sample std is within 20% of 0.1.
      assert(
        Math.abs(std - 0.1) < 0.02,
        `params.${name} should have standard deviation about 0.1 (weightInitStd), got ${std}`,
      );
    }
    for (const name of ["b1", "b2", "b3"] as const) {
      assertClose(net.params[name], Tensor.zeros(net.params[name].shape), {
        msg: `params.${name} should start at zero`,
      });
    }
  },
);

Deno.test(
  "the same seed gives the same weights and another seed other weights",
  timeLimit,
  () => {
    const options = {
      inputDim: [1, 6, 6] as [number, number, number],
      filterNum: 2,
      filterSize: 3,
      hiddenSize: 4,
    };
    const a = new SimpleConvNet({ ...options, rng: new Rng(4) });
    const b = new SimpleConvNet({ ...options, rng: new Rng(4) });
    const c = new SimpleConvNet({ ...options, rng: new Rng(5) });
    for (const name of NAMES) {
      assertClose(b.params[name], a.params[name], {
        msg: `params.${name} with the same seed`,
      });
    }
    assertNotEquals(
      [...c.params.W1.data],
      [...a.params.W1.data],
      "params.W1 should differ for another seed: draw the weights from the rng you are given",
    );
  },
);

Deno.test(
  "the weights are the rng's normal draws in the order W1, W2, W3, each filled in row-major order",
  timeLimit,
  () => {
    const net = new SimpleConvNet({
      inputDim: [2, 6, 5],
      filterNum: 3,
      filterSize: 3,
      hiddenSize: 4,
      outputSize: 3,
      weightInitStd: 0.1,
      rng: new Rng(16),
    });
    // Conv 4x3, pool 2x1: W2 is [3 * 2 * 1, 4].
    const rng = new Rng(16);
    const expected = {
      W1: Tensor.randn([3, 2, 3, 3], rng, 0.1),
      W2: Tensor.randn([6, 4], rng, 0.1),
      W3: Tensor.randn([4, 3], rng, 0.1),
    };
    for (const name of ["W1", "W2", "W3"] as const) {
      assertClose(net.params[name], expected[name], {
        msg: `params.${name} of SimpleConvNet({ ..., rng: new Rng(16) }): ` +
          "expected the draws of Tensor.randn(shape, rng, weightInitStd) " +
          "for W1, then W2, then W3",
      });
    }
  },
);

Deno.test(
  "predict runs conv, ReLU, pool, Affine, ReLU, Affine: a network set by hand",
  timeLimit,
  () => {
    const net = handSetNet();
    assertClose(net.predict(tensor([[BOOK_INPUT]])), [[9, 16]], {
      msg: "predict(book input) of the hand-set network (see handSetNet)",
    });
    // A batch of 2: the second image is the first times -1, so the filters
    // swap roles: pool [0, 16] -> hidden [16, 16] -> scores [25, 32].
    const negated = BOOK_INPUT.map((row) => row.map((v) => -v));
    assertClose(net.predict(tensor([[BOOK_INPUT], [negated]])), [[9, 16], [
      25,
      32,
    ]], {
      msg: "predict([book input, -book input]) of the hand-set network",
    });
  },
);

Deno.test(
  "loss is the mean softmax cross-entropy of the scores, with labels or one-hot targets",
  timeLimit,
  () => {
    const net = handSetNet();
    const negated = BOOK_INPUT.map((row) => row.map((v) => -v));
    const x = tensor([[BOOK_INPUT], [negated]]);
    // Without the book's delta = 1e-7 inside the log; with it, -log(y) for
    // y = e^-7 moves by about 1e-4 relative, hence rtol 1e-4 below.
    const expected = softmaxLoss(tensor([[9, 16], [25, 32]]), [0, 1]);
    assertClose(net.loss(x, tensor([0, 1])), expected, {
      rtol: 1e-4,
      msg: "loss(x, labels [0, 1]) of the hand-set network",
    });
    assertClose(net.loss(x, tensor([[1, 0], [0, 1]])), expected, {
      rtol: 1e-4,
      msg: "loss(x, one-hot [[1, 0], [0, 1]]) of the hand-set network",
    });
  },
);

// Gradient checks: with these seeds no ReLU input and no pooling window comes
// within h = 1e-5 of a kink or a tie, so central differences are accurate to
// about 1e-9. But the loss adds the book's delta = 1e-7 inside the log
// (section 4.2.2), so the function the numerical gradient differentiates
// differs from the one backward differentiates by about delta / y (y: the
// probability of the label), which shows as relative errors of a few 1e-6.
// 1e-4 leaves room for that; a real mistake gives errors near 1.
const TOLERANCE = 1e-4;

Deno.test(
  "gradient agrees with the numerical gradient of loss for every parameter",
  timeLimit,
  () => {
    for (const seed of [6, 7]) {
      const net = tinyNet(seed);
      const rng = new Rng(seed + 100);
      const x = Tensor.randn([2, 1, 6, 6], rng);
      const t = tensor([0, 2]);
      const grads = net.gradient(x, t);
      for (const name of NAMES) {
        const numeric = numericalGradient(
          () => net.loss(x, t),
          net.params[name],
        );
        assertGradientsMatch(grads[name], numeric, {
          tolerance: TOLERANCE,
          msg: `gradient(x [2,1,6,6], t [0, 2]).${name} (seed ${seed})`,
        });
      }
    }
  },
);

Deno.test(
  "gradient gives each parameter's gradient in the parameter's shape, for a batch of 1 and one-hot targets",
  timeLimit,
  () => {
    const net = tinyNet(8);
    const x = Tensor.randn([1, 1, 6, 6], new Rng(9));
    const t = tensor([[0, 1, 0]]);
    const grads = net.gradient(x, t);
    for (const name of NAMES) {
      assertEquals(
        grads[name]?.shape,
        net.params[name].shape,
        `gradient(...).${name} shape`,
      );
    }
    const numeric = numericalGradient(() => net.loss(x, t), net.params.W1);
    assertGradientsMatch(grads.W1, numeric, {
      tolerance: TOLERANCE,
      msg: "gradient(x [1,1,6,6], one-hot t).W1",
    });
  },
);

Deno.test(
  "the layers share the tensors in params: updating them in place changes predict",
  timeLimit,
  () => {
    const net = handSetNet();
    const x = tensor([[BOOK_INPUT]]);
    // What an optimizer does: update each parameter in place.
    // pool [32, 0], then [33, 0] with b1 + 1
    net.params.W1.mulInPlace(2);
    net.params.b1.addInPlace(1);
    // hidden [16.5, -16.5] + [0.5, 0] -> ReLU [17, 0]
    net.params.W2.mulInPlace(0.5);
    net.params.b2.addInPlace(tensor([0.5, 0]));
    // scores [17, 34] + [1, 1]
    net.params.W3.mulInPlace(2);
    net.params.b3.addInPlace(tensor([0, 1]));
    assertClose(net.predict(x), [[18, 35]], {
      msg: "predict(book input) after updating every parameter in place",
    });
  },
);

Deno.test(
  "accuracy is the share of images whose highest score is the target, the same for every batch size",
  timeLimit,
  () => {
    const net = tinyNet(10);
    const rng = new Rng(11);
    const x = Tensor.randn([7, 1, 6, 6], rng);
    const predicted = net.predict(x).argmax(1);
    // Labels: right for images 0, 2, 3 and 6, wrong (shifted) for the others.
    const labels = [...predicted.data].map((p, i) =>
      [0, 2, 3, 6].includes(i) ? p : (p + 1) % 3
    );
    const t = tensor(labels);
    for (const batchSize of [1, 2, 3, 7, 100]) {
      assertClose(net.accuracy(x, t, batchSize), 4 / 7, {
        msg: `accuracy(x [7, ...], t, batchSize ${batchSize})`,
      });
    }
    assertClose(net.accuracy(x, t), 4 / 7, { msg: "accuracy(x [7, ...], t)" });
    const oneHot = tensor(
      labels.map((l) => [0, 1, 2].map((k) => (k === l ? 1 : 0))),
    );
    assertClose(net.accuracy(x, oneHot, 3), 4 / 7, {
      msg: "accuracy(x [7, ...], one-hot t, batchSize 3)",
    });
  },
);

Deno.test(
  "accuracy predicts at most batchSize images at a time, 100 by default",
  timeLimit,
  () => {
    const net = tinyNet(12);
    const x = Tensor.randn([7, 1, 6, 6], new Rng(13));
    const seen: number[] = [];
    const predict = net.predict.bind(net);
    net.predict = (batch: Tensor) => {
      seen.push(batch.shape[0]);
      return predict(batch);
    };
    net.accuracy(x, tensor([0, 1, 2, 0, 1, 2, 0]), 3);
    assertEquals(
      seen,
      [3, 3, 1],
      "accuracy(x [7, ...], t, batchSize 3): the sizes of the batches given to predict",
    );
    seen.length = 0;
    const many = Tensor.randn([101, 1, 6, 6], new Rng(17));
    net.accuracy(many, Tensor.zeros([101]));
    assertEquals(
      seen,
      [100, 1],
      "accuracy(x [101, ...], t) with the default batchSize of 100: the sizes of the batches given to predict",
    );
  },
);
