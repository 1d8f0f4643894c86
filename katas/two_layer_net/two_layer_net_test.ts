import { TwoLayerNet } from "./two_layer_net.ts";
import {
  assert,
  assertClose,
  assertEquals,
  assertFresh,
  assertGradientsMatch,
  assertNotEquals,
  assertUnchanged,
  numericalGradient,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

const NAMES = ["W1", "b1", "W2", "b2"] as const;

// Gradient checks: with these seeds no hidden unit's input comes near ReLU's
// kink, so central differences are accurate to about 1e-9. But the loss adds
// the book's delta = 1e-7 inside the log, so the function the numerical
// gradient differentiates differs from the one backward differentiates by
// about delta / y (y: the probability of the label), which shows as relative
// errors of a few 1e-6 on small entries. 1e-4 leaves room for that; a real
// mistake gives errors near 1.
const TOLERANCE = 1e-4;

/**
 * A 2-3-2 network with weights small enough to follow by hand:
 *
 *   x = [1, 2]:     x W1 + b1 = [2, 1.5, -0.5] -> ReLU [2, 1.5, 0] -> scores [2.1, 2.9]
 *   x = [-1, 0.5]:  x W1 + b1 = [-0.75, 2, 0]  -> ReLU [0, 2, 0]   -> scores [0.1, 3.9]
 *   x = [2, 0]:     x W1 + b1 = [2, -1.5, 2]   -> ReLU [2, 0, 2]   -> scores [8.1, 1.9]
 *   x = [0, 0]:     x W1 + b1 = [0, 0.5, 1]    -> ReLU [0, 0.5, 1] -> scores [3.1, 1.9]
 */
function handSetNet(): TwoLayerNet {
  const net = new TwoLayerNet(2, 3, 2, new Rng(0));
  net.params.W1.assignInPlace(tensor([[1, -1, 0.5], [0.5, 1, -1]]));
  net.params.b1.assignInPlace(tensor([0, 0.5, 1]));
  net.params.W2.assignInPlace(tensor([[1, 0], [0, 2], [3, 1]]));
  net.params.b2.assignInPlace(tensor([0.1, -0.1]));
  return net;
}
const HAND_X = tensor([[1, 2], [-1, 0.5], [2, 0], [0, 0]]);
const HAND_SCORES = [[2.1, 2.9], [0.1, 3.9], [8.1, 1.9], [3.1, 1.9]];

/** relu(x W1 + b1) W2 + b2 with the network's current parameters. */
function byHand(net: TwoLayerNet, x: Tensor): Tensor {
  const { W1, b1, W2, b2 } = net.params;
  return x.matmul(W1).add(b1).maximum(0).matmul(W2).add(b2);
}

function sampleStd(t: Tensor): number {
  return Math.sqrt(t.sub(t.mean()).pow(2).mean());
}

Deno.test(
  "predict, loss, accuracy and gradient leave x and t unchanged",
  timeLimit,
  () => {
    const rng = new Rng(12);
    const net = new TwoLayerNet(4, 5, 3, rng, 0.5);
    const x = Tensor.randn([3, 4], rng);
    for (
      const t of [tensor([0, 2, 1]), tensor([[1, 0, 0], [0, 0, 1], [0, 1, 0]])]
    ) {
      const y = assertUnchanged({ x }, () => net.predict(x), "predict");
      assertFresh(y, { x }, "predict");
      assertUnchanged({ x, t }, () => net.loss(x, t), "loss");
      assertUnchanged({ x, t }, () => net.accuracy(x, t), "accuracy");
      assertUnchanged({ x, t }, () => net.gradient(x, t), "gradient");
    }
  },
);

Deno.test(
  "the constructor makes W1 [input, hidden], b1 [hidden], W2 [hidden, output], b2 [output]",
  timeLimit,
  () => {
    const { params } = new TwoLayerNet(6, 5, 4, new Rng(1));
    assertEquals(
      Object.keys(params).sort(),
      ["W1", "W2", "b1", "b2"],
      "the keys of new TwoLayerNet(6, 5, 4, rng).params",
    );
    assertEquals(params.W1.shape, [6, 5], "params.W1.shape");
    assertEquals(params.b1.shape, [5], "params.b1.shape");
    assertEquals(params.W2.shape, [5, 4], "params.W2.shape");
    assertEquals(params.b2.shape, [4], "params.b2.shape");
  },
);

Deno.test(
  "the weights are normal draws times weightInitStd (default 0.01) and the biases are 0",
  timeLimit,
  () => {
    for (const std of [undefined, 0.5]) {
      const net = std === undefined
        ? new TwoLayerNet(100, 50, 40, new Rng(2))
        : new TwoLayerNet(100, 50, 40, new Rng(2), std);
      const expected = std ?? 0.01;
      for (const name of ["W1", "W2"] as const) {
        const w = net.params[name];
        // 2000 or more draws: the sample std has a standard error of about
        // 1/sqrt(2 * 2000) = 1.6% and the mean one of 2.2% of the std, so
        // 10% only fails for a wrong scale (and the seed is fixed).
        const s = sampleStd(w);
        assert(
          Math.abs(s / expected - 1) < 0.1,
          `params.${name} with weightInitStd ${std}: standard deviation ${s}, expected about ${expected}`,
        );
        assert(
          Math.abs(w.mean()) < 0.1 * expected,
          `params.${name} with weightInitStd ${std}: mean ${w.mean()}, expected about 0`,
        );
      }
      assertClose(net.params.b1, Tensor.zeros([50]), { msg: "params.b1" });
      assertClose(net.params.b2, Tensor.zeros([40]), { msg: "params.b2" });
    }
  },
);

Deno.test(
  "the weights come from the rng passed in: same seed same weights, another seed others",
  timeLimit,
  () => {
    const a = new TwoLayerNet(4, 5, 3, new Rng(3));
    const b = new TwoLayerNet(4, 5, 3, new Rng(3));
    const c = new TwoLayerNet(4, 5, 3, new Rng(4));
    for (const name of NAMES) {
      assertClose(b.params[name], a.params[name], {
        rtol: 0,
        atol: 0,
        msg: `params.${name} of two nets built with new Rng(3)`,
      });
    }
    assertNotEquals(
      Array.from(c.params.W1.data),
      Array.from(a.params.W1.data),
      "params.W1 of nets built with new Rng(3) and new Rng(4) are equal",
    );
    const rng = new Rng(5);
    const first = new TwoLayerNet(4, 5, 3, rng);
    const second = new TwoLayerNet(4, 5, 3, rng);
    assertNotEquals(
      Array.from(second.params.W1.data),
      Array.from(first.params.W1.data),
      "two nets built one after the other from the same rng have equal W1: " +
        "draw the weights from the rng passed in",
    );
  },
);

Deno.test(
  "predict gives the scores relu(x W1 + b1) W2 + b2 for hand-set parameters",
  timeLimit,
  () => {
    assertClose(handSetNet().predict(HAND_X), HAND_SCORES, {
      msg: "predict(x) with the hand-set W1, b1, W2, b2 of handSetNet",
    });
  },
);

Deno.test(
  "predict gives [N, output] scores for a batch of 1 and a batch of N",
  timeLimit,
  () => {
    const rng = new Rng(6);
    const net = new TwoLayerNet(4, 5, 3, rng, 0.5);
    for (const n of [1, 7]) {
      const x = Tensor.randn([n, 4], rng);
      assertClose(net.predict(x), byHand(net, x), {
        msg: `predict on a batch of ${n}`,
      });
    }
  },
);

Deno.test(
  "loss is the mean cross-entropy of the softmax of the scores, for labels and one-hot",
  timeLimit,
  () => {
    const net = handSetNet();
    const x = HAND_X.rows([0, 1]);
    // Scores [2.1, 2.9] with label 1 and [0.1, 3.9] with label 0. The
    // softmax probability of the label is 1 / (1 + e^(s_other - s_label)),
    // and the loss is the mean of -log(p + 1e-7) with the book's delta.
    const p = [1 / (1 + Math.exp(-0.8)), 1 / (1 + Math.exp(3.8))];
    const expected = -(Math.log(p[0] + 1e-7) + Math.log(p[1] + 1e-7)) / 2;
    assertClose(net.loss(x, tensor([1, 0])), expected, {
      msg: "loss(x, labels [1, 0]) with the hand-set parameters",
    });
    assertClose(net.loss(x, tensor([[0, 1], [1, 0]])), expected, {
      msg: "loss(x, one-hot [[0, 1], [1, 0]]) with the hand-set parameters",
    });
  },
);

Deno.test(
  "accuracy is the share of the batch whose highest score is at the label",
  timeLimit,
  () => {
    // The hand-set net predicts classes [1, 1, 0, 0]: 3 of these 4 are right.
    assertClose(handSetNet().accuracy(HAND_X, tensor([1, 0, 0, 0])), 0.75, {
      msg:
        "accuracy(x, labels [1, 0, 0, 0]) when the net predicts [1, 1, 0, 0]",
    });
    assertClose(handSetNet().accuracy(HAND_X, tensor([1, 1, 0, 0])), 1, {
      msg:
        "accuracy(x, labels [1, 1, 0, 0]) when the net predicts [1, 1, 0, 0]",
    });
    assertClose(handSetNet().accuracy(HAND_X.rows([0]), tensor([0])), 0, {
      msg: "accuracy on a batch of 1 predicted 1 with label 0",
    });
  },
);

Deno.test(
  "accuracy with one-hot targets compares with the position of each row's 1",
  timeLimit,
  () => {
    const t = tensor([[0, 1], [1, 0], [1, 0], [1, 0]]);
    assertClose(handSetNet().accuracy(HAND_X, t), 0.75, {
      msg:
        "accuracy(x, one-hot [[0, 1], [1, 0], [1, 0], [1, 0]]) when the net predicts [1, 1, 0, 0]",
    });
  },
);

Deno.test(
  "gradient returns W1, b1, W2 and b2 gradients shaped like the parameters",
  timeLimit,
  () => {
    const rng = new Rng(7);
    const net = new TwoLayerNet(4, 5, 3, rng, 0.5);
    const grads = net.gradient(Tensor.randn([3, 4], rng), tensor([0, 2, 1]));
    assertEquals(
      Object.keys(grads).sort(),
      ["W1", "W2", "b1", "b2"],
      "the keys of gradient(x, t)",
    );
    for (const name of NAMES) {
      assertEquals(
        grads[name].shape,
        net.params[name].shape,
        `gradient(...).${name} must have the shape of params.${name}`,
      );
      assertFresh(grads[name], { ...net.params }, `gradient(...).${name}`);
    }
  },
);

Deno.test(
  "gradient agrees with the numerical gradient of loss for every parameter",
  timeLimit,
  () => {
    const rng = new Rng(8);
    const net = new TwoLayerNet(4, 5, 3, rng, 0.5);
    const x = Tensor.randn([3, 4], rng);
    for (
      const t of [tensor([0, 2, 1]), tensor([[1, 0, 0], [0, 0, 1], [0, 1, 0]])]
    ) {
      const grads = net.gradient(x, t);
      for (const name of NAMES) {
        // numericalGradient nudges each element of the parameter in place, so
        // loss sees it through the layers, and puts it back afterwards.
        const numeric = numericalGradient(
          () => net.loss(x, t),
          net.params[name],
        );
        assertGradientsMatch(grads[name], numeric, {
          tolerance: TOLERANCE,
          msg: `gradient(x [3, 4], t ${
            t.ndim === 1 ? "labels" : "one-hot"
          }).${name}`,
        });
      }
    }
  },
);

Deno.test(
  "gradient runs its own forward pass: it is right after a loss on another batch",
  timeLimit,
  () => {
    const rng = new Rng(9);
    const net = new TwoLayerNet(4, 5, 3, rng, 0.5);
    const x = Tensor.randn([3, 4], rng);
    const t = tensor([2, 0, 1]);
    const numeric = numericalGradient(() => net.loss(x, t), net.params.W1);
    net.loss(Tensor.randn([6, 4], rng), tensor([0, 1, 2, 0, 1, 2]));
    assertGradientsMatch(net.gradient(x, t).W1, numeric, {
      tolerance: TOLERANCE,
      msg: "gradient(x, t).W1 called right after loss(another x, another t)",
    });
  },
);

Deno.test(
  "the layers use params by reference: an in-place update changes predict",
  timeLimit,
  () => {
    const rng = new Rng(10);
    const net = new TwoLayerNet(3, 4, 2, rng, 0.5);
    const x = Tensor.randn([5, 3], rng);
    for (const name of NAMES) {
      const p = net.params[name];
      p.subInPlace(Tensor.randn(p.shape, rng, 0.5));
      assertClose(net.predict(x), byHand(net, x), {
        msg: `predict(x) after net.params.${name}.subInPlace(...)`,
      });
    }
  },
);

Deno.test(
  "an SGD step on the gradient lowers the loss on that batch",
  timeLimit,
  () => {
    const rng = new Rng(11);
    const net = new TwoLayerNet(4, 5, 3, rng, 0.5);
    const x = Tensor.randn([6, 4], rng);
    const t = tensor([0, 1, 2, 2, 1, 0]);
    const before = net.loss(x, t);
    const grads = net.gradient(x, t);
    for (const name of NAMES) net.params[name].subInPlace(grads[name].mul(0.1));
    const after = net.loss(x, t);
    assert(
      after < before,
      `loss went from ${before} to ${after} after params -= 0.1 * gradient`,
    );
  },
);
