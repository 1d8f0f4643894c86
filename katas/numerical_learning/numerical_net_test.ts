import { NumericalTwoLayerNet } from "./numerical_net.ts";
import {
  assert,
  assertClose,
  assertEquals,
  assertFresh,
  assertGradientsMatch,
  assertNotEquals,
  assertStrictEquals,
  assertThrows,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

const NAMES = ["W1", "b1", "W2", "b2"] as const;

// The loss adds the book's delta = 1e-7 inside the log, so the gradient by
// formula below (which leaves delta out) and the central differences differ
// by about delta / y relative, a few 1e-7 at the probabilities here; the
// central difference itself is accurate to about 1e-8. 1e-5 leaves room for
// both, and a real mistake (ReLU for sigmoid, a gradient taken on a copy)
// gives errors near 1.
const TOLERANCE = 1e-5;

/**
 * A 2-3-2 network whose hidden layer sees negative inputs (where sigmoid and
 * ReLU part ways):
 *
 *   x = [1, 2]:   x W1 + b1 = [2, 1.5, -0.5]
 *   x = [-1, 0.5]: x W1 + b1 = [-0.75, 2, 0]
 *   x = [2, 0]:   x W1 + b1 = [2, -1.5, 2]
 */
function handSetNet(): NumericalTwoLayerNet {
  const net = new NumericalTwoLayerNet(2, 3, 2, new Rng(0));
  net.params.W1.assignInPlace(tensor([[1, -1, 0.5], [0.5, 1, -1]]));
  net.params.b1.assignInPlace(tensor([0, 0.5, 1]));
  net.params.W2.assignInPlace(tensor([[1, 0], [0, 2], [3, 1]]));
  net.params.b2.assignInPlace(tensor([0.1, -0.1]));
  return net;
}
const HAND_X = tensor([[1, 2], [-1, 0.5], [2, 0]]);

/** 1 / (1 + e^-a), written out so that the spec does not lean on a kata. */
function logistic(a: Tensor): Tensor {
  return a.neg().exp().add(1).pow(-1);
}

/** The forward pass of book 4.5, step by step, with the net's current parameters. */
function byHand(net: NumericalTwoLayerNet, x: Tensor) {
  const { W1, b1, W2, b2 } = net.params;
  const z1 = logistic(x.matmul(W1).add(b1));
  const a2 = z1.matmul(W2).add(b2);
  const e = a2.sub(a2.max(1, true)).exp();
  return { z1, y: e.div(e.sum(1, true)) };
}

/**
 * The gradients by the chain rule (what chapter 5 will build from layers),
 * for one-hot targets `t`: the reference the central differences must meet.
 */
function gradientsByFormula(
  net: NumericalTwoLayerNet,
  x: Tensor,
  t: Tensor,
): Record<(typeof NAMES)[number], Tensor> {
  const { z1, y } = byHand(net, x);
  const dy = y.sub(t).div(x.shape[0]);
  const da1 = dy.matmul(net.params.W2.T).mul(z1).mul(z1.neg().add(1));
  return {
    W1: x.T.matmul(da1),
    b1: da1.sum(0),
    W2: z1.T.matmul(dy),
    b2: dy.sum(0),
  };
}

function sampleStd(t: Tensor): number {
  return Math.sqrt(t.sub(t.mean()).pow(2).mean());
}

Deno.test(
  "predict, loss, accuracy and numericalGradient leave x and t unchanged",
  timeLimit,
  () => {
    const rng = new Rng(12);
    const net = new NumericalTwoLayerNet(4, 5, 3, rng, 0.5);
    const x = Tensor.randn([3, 4], rng);
    for (
      const t of [tensor([0, 2, 1]), tensor([[1, 0, 0], [0, 0, 1], [0, 1, 0]])]
    ) {
      const y = assertUnchanged({ x }, () => net.predict(x), "predict(x)");
      assertFresh(y, { x }, "predict(x)");
      assertUnchanged({ x, t }, () => net.loss(x, t), "loss(x, t)");
      assertUnchanged({ x, t }, () => net.accuracy(x, t), "accuracy(x, t)");
      assertUnchanged(
        { x, t },
        () => net.numericalGradient(x, t),
        "numericalGradient(x, t)",
      );
    }
  },
);

Deno.test(
  "numericalGradient puts every parameter back: the same tensors, with the same values",
  timeLimit,
  () => {
    const rng = new Rng(3);
    const net = new NumericalTwoLayerNet(4, 5, 3, rng, 0.5);
    const before = { ...net.params };
    const x = Tensor.randn([3, 4], rng);
    assertUnchanged(
      before,
      () => net.numericalGradient(x, tensor([0, 1, 2])),
      "numericalGradient(x, t) on the parameters",
    );
    for (const name of NAMES) {
      assertStrictEquals(
        net.params[name],
        before[name],
        `params.${name} after numericalGradient is the tensor it was before`,
      );
    }
  },
);

Deno.test(
  "numericalGradient returns a new tensor for each parameter, of that parameter's shape",
  timeLimit,
  () => {
    const rng = new Rng(4);
    const net = new NumericalTwoLayerNet(4, 5, 3, rng, 0.5);
    const x = Tensor.randn([2, 4], rng);
    const grads = net.numericalGradient(x, tensor([2, 0]));
    assertEquals(
      Object.keys(grads).sort(),
      [...NAMES].sort(),
      "the keys numericalGradient returns",
    );
    for (const name of NAMES) {
      assertEquals(
        grads[name].shape,
        net.params[name].shape,
        `numericalGradient(x, t).${name}.shape against params.${name}.shape`,
      );
      assertFresh(
        grads[name],
        { ...net.params, x },
        `numericalGradient.${name}`,
      );
    }
  },
);

Deno.test(
  "the constructor makes W1 [input, hidden], b1 [hidden], W2 [hidden, output], b2 [output]",
  timeLimit,
  () => {
    const { params } = new NumericalTwoLayerNet(6, 5, 4, new Rng(1));
    assertEquals(params.W1.shape, [6, 5], "W1.shape of a 6-5-4 net");
    assertEquals(params.b1.shape, [5], "b1.shape of a 6-5-4 net");
    assertEquals(params.W2.shape, [5, 4], "W2.shape of a 6-5-4 net");
    assertEquals(params.b2.shape, [4], "b2.shape of a 6-5-4 net");
    assertClose(params.b1, Tensor.zeros([5]), { msg: "b1 starts at zero" });
    assertClose(params.b2, Tensor.zeros([4]), { msg: "b2 starts at zero" });
  },
);

Deno.test(
  "the weights are weightInitStd times normal draws from rng, W1 first, 0.01 by default",
  timeLimit,
  () => {
    for (const std of [0.01, 0.3]) {
      const net = std === 0.01
        ? new NumericalTwoLayerNet(30, 20, 10, new Rng(5))
        : new NumericalTwoLayerNet(30, 20, 10, new Rng(5), std);
      const rng = new Rng(5);
      const W1 = Tensor.randn([30, 20], rng, std);
      const W2 = Tensor.randn([20, 10], rng, std);
      assertClose(net.params.W1, W1, {
        msg: `W1 of new NumericalTwoLayerNet(30, 20, 10, new Rng(5)${
          std === 0.01 ? "" : ", 0.3"
        })`,
      });
      assertClose(net.params.W2, W2, { msg: "W2 (drawn after W1)" });
      assertClose(sampleStd(net.params.W1), std, {
        rtol: 0.1,
        msg: "the standard deviation of W1",
      });
    }
  },
);

Deno.test(
  "predict gives softmax of sigmoid(x W1 + b1) W2 + b2, one row of probabilities per input row",
  timeLimit,
  () => {
    const net = handSetNet();
    const y = net.predict(HAND_X);
    assertEquals(y.shape, [3, 2], "predict(x of shape [3, 2]).shape");
    assertClose(y, byHand(net, HAND_X).y, {
      msg: "predict(x) of the hand-set net",
    });
    assertClose(y.sum(1), [1, 1, 1], { msg: "the row sums of predict(x)" });
  },
);

Deno.test(
  "predict uses the parameters as they are now, after an in-place change",
  timeLimit,
  () => {
    const net = handSetNet();
    net.predict(HAND_X);
    net.params.W1.mulInPlace(-1);
    net.params.b2.assignInPlace(tensor([2, -3]));
    assertClose(net.predict(HAND_X), byHand(net, HAND_X).y, {
      msg: "predict(x) after W1 and b2 were changed in place",
    });
  },
);

Deno.test(
  "predict rejects an input whose width is not the input size",
  timeLimit,
  () => {
    const net = new NumericalTwoLayerNet(4, 3, 2, new Rng(0));
    assertThrows(
      () => net.predict(Tensor.zeros([2, 5])),
      Error,
      undefined,
      "predict(x of shape [2, 5]) on a net of input size 4",
    );
  },
);

Deno.test(
  "loss is the mean cross-entropy error of predict, for labels and for one-hot targets",
  timeLimit,
  () => {
    const net = handSetNet();
    const { y } = byHand(net, HAND_X);
    const labels = [1, 0, 0];
    const expected = -labels.reduce(
      (sum, label, i) => sum + Math.log(y.get(i, label) + 1e-7),
      0,
    ) / labels.length;
    assertClose(net.loss(HAND_X, tensor(labels)), expected, {
      msg: "loss(x, labels [1, 0, 0]) of the hand-set net",
    });
    assertClose(
      net.loss(HAND_X, tensor([[0, 1], [1, 0], [1, 0]])),
      expected,
      { msg: "loss(x, the same labels one-hot) of the hand-set net" },
    );
  },
);

Deno.test(
  "an untrained net with zero weights predicts every class alike: loss ln(classes)",
  timeLimit,
  () => {
    const net = new NumericalTwoLayerNet(4, 3, 5, new Rng(0));
    net.params.W2.assignInPlace(Tensor.zeros([3, 5]));
    const x = Tensor.randn([2, 4], new Rng(1));
    assertClose(net.predict(x), Tensor.zeros([2, 5]).add(0.2), {
      msg: "predict(x) with W2 = 0, b2 = 0",
    });
    assertClose(net.loss(x, tensor([3, 0])), -Math.log(0.2 + 1e-7), {
      msg: "loss(x, [3, 0]) with W2 = 0, b2 = 0",
    });
  },
);

Deno.test(
  "accuracy is the share of rows whose highest probability is the target class, labels or one-hot",
  timeLimit,
  () => {
    // The hand-set net's most likely classes are [0, 1, 0] (with ReLU in
    // place of sigmoid they would be [1, 1, 0]).
    const net = handSetNet();
    assertClose(net.accuracy(HAND_X, tensor([0, 1, 0])), 1, {
      msg: "accuracy(x, labels [0, 1, 0])",
    });
    assertClose(net.accuracy(HAND_X, tensor([1, 1, 0])), 2 / 3, {
      msg: "accuracy(x, labels [1, 1, 0])",
    });
    assertClose(net.accuracy(HAND_X, tensor([[1, 0], [1, 0], [1, 0]])), 2 / 3, {
      msg: "accuracy(x, one-hot [[1, 0], [1, 0], [1, 0]])",
    });
  },
);

Deno.test(
  "numericalGradient matches the chain rule for every parameter of the hand-set net",
  timeLimit,
  () => {
    const net = handSetNet();
    const t = tensor([[0, 1], [1, 0], [1, 0]]);
    const expected = gradientsByFormula(net, HAND_X, t);
    for (const target of [t, tensor([1, 0, 0])]) {
      const grads = net.numericalGradient(HAND_X, target);
      for (const name of NAMES) {
        assertGradientsMatch(expected[name], grads[name], {
          tolerance: TOLERANCE,
          msg: `numericalGradient(x, ${
            target.ndim === 1 ? "labels" : "one-hot"
          }).${name} against the chain rule`,
        });
      }
    }
  },
);

Deno.test(
  "numericalGradient matches the chain rule on a random 5-4-3 net and a batch of 6",
  timeLimit,
  () => {
    const rng = new Rng(21);
    const net = new NumericalTwoLayerNet(5, 4, 3, rng, 0.8);
    const x = Tensor.randn([6, 5], rng);
    const t = tensor([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    const expected = gradientsByFormula(net, x, t);
    const grads = net.numericalGradient(x, t);
    for (const name of NAMES) {
      assertGradientsMatch(expected[name], grads[name], {
        tolerance: TOLERANCE,
        msg: `numericalGradient(x [6, 5], t).${name} against the chain rule`,
      });
    }
  },
);

Deno.test(
  "a step against the numerical gradient lowers the loss",
  timeLimit,
  () => {
    const rng = new Rng(8);
    const net = new NumericalTwoLayerNet(5, 4, 3, rng, 0.5);
    const x = Tensor.randn([6, 5], rng);
    const t = tensor([0, 1, 2, 1, 0, 2]);
    const before = net.loss(x, t);
    const grads = net.numericalGradient(x, t);
    for (const name of NAMES) net.params[name].subInPlace(grads[name].mul(0.5));
    const after = net.loss(x, t);
    assert(
      after < before,
      `loss(x, t) before a step of 0.5 against the gradient ${before}, after ${after}: it should fall`,
    );
    assertNotEquals(
      net.numericalGradient(x, t).W1.toString(),
      grads.W1.toString(),
      "numericalGradient(x, t).W1 before and after the step (it is taken where the parameters are now)",
    );
  },
);
