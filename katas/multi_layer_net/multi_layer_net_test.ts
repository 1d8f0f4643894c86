import { MultiLayerNet } from "./multi_layer_net.ts";
import {
  assert,
  assertAlmostEquals,
  assertClose,
  assertEquals,
  assertGradientsMatch,
  assertNotEquals,
  assertStrictEquals,
  assertUnchanged,
  numericalGradient,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// ------------------------------------------------------------------ helpers

/** How many Affine layers the net has: one W per layer. */
function depth(net: MultiLayerNet): number {
  return Object.keys(net.params).filter((name) => name.startsWith("W")).length;
}

/** Each column of h minus its batch mean, over its batch standard deviation. */
function normalise(h: Tensor): Tensor {
  const xc = h.sub(h.mean(0));
  return xc.div(xc.pow(2).mean(0).add(1e-7).sqrt());
}

/**
 * The scores the book's layers give, computed here from `net.params`:
 * Affine, [BatchNorm with batch statistics], ReLU, [times `scale`] per hidden
 * layer, then Affine.
 */
function expectedScores(
  net: MultiLayerNet,
  x: Tensor,
  { batchNorm = false, scale = 1 } = {},
): Tensor {
  const p = net.params;
  const last = depth(net);
  let h = x;
  for (let i = 1; i < last; i++) {
    h = h.matmul(p[`W${i}`]).add(p[`b${i}`]);
    if (batchNorm) h = normalise(h).mul(p[`gamma${i}`]).add(p[`beta${i}`]);
    h = h.maximum(0).mul(scale);
  }
  return h.matmul(p[`W${last}`]).add(p[`b${last}`]);
}

/**
 * The mean cross-entropy of softmax(scores) against integer labels, with
 * `delta` inside the log: the book's 1e-7 (kata softmax_cross_entropy) unless
 * told otherwise.
 */
function softmaxCrossEntropy(
  scores: Tensor,
  labels: Tensor,
  delta = 1e-7,
): number {
  const [n, c] = scores.shape;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = scores.rows([i]).reshape(c);
    const e = row.sub(row.max()).exp();
    total -= Math.log(e.get(labels.get(i)) / e.sum() + delta);
  }
  return total / n;
}

/** 0.5 * lambda * the sum of every W² of the net. */
function penalty(net: MultiLayerNet, lambda: number): number {
  let sum = 0;
  for (const [name, p] of Object.entries(net.params)) {
    if (name.startsWith("W")) sum += p.pow(2).sum();
  }
  return 0.5 * lambda * sum;
}

/** Labels as one-hot rows. */
function oneHot(labels: Tensor, classes: number): Tensor {
  return Tensor.zeros([labels.size, classes]).map((_, k) =>
    labels.data[Math.floor(k / classes)] === k % classes ? 1 : 0
  );
}

/** The small problem most tests use: 4 features, 3 classes. */
const SMALL = { inputSize: 4, outputSize: 3 } as const;

/** A batch of n inputs of the small problem and random labels. */
function batch(n: number, rng: Rng) {
  const x = Tensor.randn([n, SMALL.inputSize], rng);
  const t = Tensor.zeros([n]).map(() => rng.int(SMALL.outputSize));
  return { x, t };
}

/**
 * Adds noise of std `std` to every parameter in place, as training would:
 * biases, gamma and beta then differ from their starting 0 and 1.
 */
function perturb(net: MultiLayerNet, rng: Rng, std: number): void {
  for (const p of Object.values(net.params)) {
    p.addInPlace(Tensor.randn(p.shape, rng, std));
  }
}

/** The sample standard deviation of all elements. */
function stdOf(t: Tensor): number {
  return Math.sqrt(t.sub(t.mean()).pow(2).mean());
}

/**
 * Checks gradient() against central differences of the training-mode loss.
 *
 * The loss differentiated here is computed from `predict(x, true)` without
 * the delta that the book's cross-entropy adds inside its log: backward's
 * y - t is the gradient of that loss, and with the delta the two would differ
 * by about 1e-7 relative to the loss, which is large next to the smallest
 * gradient elements. Without it the net is smooth away from the ReLU kinks
 * (which these inputs are far from), central differences with h = 1e-5 agree
 * to about 1e-8, and 1e-6 still catches a wrong or missing term (1e-2 or
 * more).
 */
function checkGradients(
  net: MultiLayerNet,
  x: Tensor,
  t: Tensor,
  what: string,
  { lambda = 0, scores = () => net.predict(x, true) } = {},
): void {
  const loss = () => softmaxCrossEntropy(scores(), t, 0) + penalty(net, lambda);
  const grads = net.gradient(x, t);
  assertEquals(
    Object.keys(grads).sort(),
    Object.keys(net.params).sort(),
    `${what}: the names in gradient(x, t) and in params`,
  );
  for (const [name, p] of Object.entries(net.params)) {
    const numeric = numericalGradient(loss, p);
    const msg = `${what}: gradient(x, t).${name}`;
    if (numeric.abs().max() < 1e-8) {
      // The loss does not depend on this parameter: a hidden bias followed by
      // Batch Normalization, whose mean subtraction cancels any constant.
      // Its gradient is 0, and a relative error of rounding noise means
      // nothing.
      assertClose(grads[name], Tensor.zeros(p.shape), {
        atol: 1e-8,
        msg: `${msg} (the loss does not depend on ${name}: expected zeros)`,
      });
    } else {
      assertGradientsMatch(grads[name], numeric, { tolerance: 1e-6, msg });
    }
  }
}

// ---------------------------------------------------------------- protocol

Deno.test(
  "gradient leaves x, t and the parameters unchanged",
  timeLimit,
  () => {
    const rng = new Rng(22);
    const net = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [5],
      rng,
      useBatchNorm: true,
      weightDecayLambda: 0.1,
    });
    const { x, t } = batch(6, rng);
    const params = Object.fromEntries(
      Object.entries(net.params).map(([name, p]) => [`params.${name}`, p]),
    );
    assertUnchanged(
      { x, t, ...params },
      () => net.gradient(x, t),
      "gradient(x, t)",
    );
  },
);

Deno.test(
  "predict, loss and accuracy in inference mode change nothing: calling them again gives the same",
  timeLimit,
  () => {
    const rng = new Rng(11);
    const net = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [6],
      rng,
      useBatchNorm: true,
      dropoutRatio: 0.3,
    });
    const { x, t } = batch(6, rng);
    net.gradient(x, t);
    const scores = net.predict(x);
    const loss = net.loss(x, t);
    const accuracy = net.accuracy(x, t);
    assertClose(net.predict(x), scores, { msg: "predict(x) twice" });
    assertAlmostEquals(net.loss(x, t), loss, 1e-12, "loss(x, t) twice");
    assertAlmostEquals(net.accuracy(x, t), accuracy, 0, "accuracy(x, t) twice");
  },
);

// ------------------------------------------------------------- parameters

Deno.test(
  "params are W1, b1, W2, b2, ...: one weight [in, out] and one bias [out] per Affine layer",
  timeLimit,
  () => {
    for (const hiddenSizes of [[], [5], [5, 4, 3]]) {
      const net = new MultiLayerNet({
        inputSize: 6,
        hiddenSizes,
        outputSize: 2,
        rng: new Rng(1),
      });
      const sizes = [6, ...hiddenSizes, 2];
      const expected: Record<string, number[]> = {};
      for (let i = 1; i < sizes.length; i++) {
        expected[`W${i}`] = [sizes[i - 1], sizes[i]];
        expected[`b${i}`] = [sizes[i]];
      }
      const actual = Object.fromEntries(
        Object.entries(net.params).map(([name, p]) => [name, [...p.shape]]),
      );
      assertEquals(
        actual,
        expected,
        `the names and shapes of params for inputSize 6, hiddenSizes [${hiddenSizes}], outputSize 2`,
      );
    }
  },
);

Deno.test(
  "with useBatchNorm each hidden layer, and not the output layer, gets gamma = ones and beta = zeros of its width",
  timeLimit,
  () => {
    const net = new MultiLayerNet({
      inputSize: 6,
      hiddenSizes: [5, 4],
      outputSize: 2,
      rng: new Rng(2),
      useBatchNorm: true,
    });
    assertEquals(
      Object.keys(net.params).sort(),
      ["W1", "W2", "W3", "b1", "b2", "b3", "beta1", "beta2", "gamma1", "gamma2"]
        .sort(),
      "the names in params for hiddenSizes [5, 4] with useBatchNorm",
    );
    assertClose(net.params.gamma1, Tensor.ones([5]), { msg: "gamma1" });
    assertClose(net.params.beta1, Tensor.zeros([5]), { msg: "beta1" });
    assertClose(net.params.gamma2, Tensor.ones([4]), { msg: "gamma2" });
    assertClose(net.params.beta2, Tensor.zeros([4]), { msg: "beta2" });
  },
);

Deno.test(
  "biases start at 0 and weights are drawn with He's std sqrt(2 / n_in) by default",
  timeLimit,
  () => {
    const net = new MultiLayerNet({
      inputSize: 400,
      hiddenSizes: [100],
      outputSize: 10,
      rng: new Rng(3),
    });
    assertClose(net.params.b1, Tensor.zeros([100]), { msg: "b1" });
    assertClose(net.params.b2, Tensor.zeros([10]), { msg: "b2" });
    // 40 000 draws give the std to about 0.4 %, 1 000 draws to about 2 %.
    for (
      const [name, nIn, allowed] of [["W1", 400, 0.05], [
        "W2",
        100,
        0.1,
      ]] as const
    ) {
      const std = stdOf(net.params[name]);
      const expected = Math.sqrt(2 / nIn);
      assert(
        Math.abs(std / expected - 1) < allowed,
        `${name} (shape [${net.params[name].shape}]) has std ${
          std.toFixed(4)
        }; ` +
          `He initialisation gives sqrt(2 / ${nIn}) = ${expected.toFixed(4)} ` +
          "(n_in is the number of inputs of the layer, the first dimension of W)",
      );
    }
  },
);

Deno.test(
  'weightInit "xavier" draws with std sqrt(1 / n_in), and a number is the std itself',
  timeLimit,
  () => {
    for (
      const [weightInit, expected] of [["xavier", Math.sqrt(1 / 400)], [
        0.01,
        0.01,
      ]] as const
    ) {
      const net = new MultiLayerNet({
        inputSize: 400,
        hiddenSizes: [100],
        outputSize: 10,
        rng: new Rng(4),
        weightInit,
      });
      const std = stdOf(net.params.W1);
      assert(
        Math.abs(std / expected - 1) < 0.05,
        `with weightInit ${
          JSON.stringify(weightInit)
        }, W1 [400, 100] has std ` +
          `${std.toFixed(4)}; expected ${expected.toFixed(4)}`,
      );
    }
  },
);

Deno.test(
  "the weights come from the generator passed in: the same seed gives the same params, another seed other ones",
  timeLimit,
  () => {
    const make = (seed: number) =>
      new MultiLayerNet({
        inputSize: 4,
        hiddenSizes: [3],
        outputSize: 2,
        rng: new Rng(seed),
      });
    const [a, b, c] = [make(5), make(5), make(6)];
    for (const name of ["W1", "W2"]) {
      assertClose(a.params[name], b.params[name], {
        msg: `${name} of two nets made with new Rng(5)`,
      });
    }
    assertNotEquals(
      [...a.params.W1.data],
      [...c.params.W1.data],
      "W1 of nets made with new Rng(5) and new Rng(6) is the same",
    );
  },
);

Deno.test(
  "the dropout masks come from the generator passed in: the same seed drops the same units, another seed other ones",
  timeLimit,
  () => {
    const make = (seed: number) =>
      new MultiLayerNet({
        ...SMALL,
        hiddenSizes: [20],
        rng: new Rng(seed),
        dropoutRatio: 0.5,
      });
    const [a, b, c] = [make(24), make(24), make(25)];
    // Give c a's weights, so only the masks can tell them apart.
    for (const [name, p] of Object.entries(a.params)) {
      c.params[name].assignInPlace(p);
    }
    const x = Tensor.randn([4, 4], new Rng(26));
    const scores = a.predict(x, true);
    assertClose(b.predict(x, true), scores, {
      msg:
        "predict(x, true) of two nets made with new Rng(24), dropoutRatio 0.5",
    });
    assertNotEquals(
      [...c.predict(x, true).data],
      [...scores.data],
      "predict(x, true) of nets with the same params made with new Rng(24) " +
        "and new Rng(25) is the same: draw the dropout masks from the rng " +
        "given to the constructor",
    );
  },
);

Deno.test(
  "without dropout (dropoutRatio 0 or not given) there are no Dropout layers: training-mode predict draws nothing from the generator",
  timeLimit,
  () => {
    for (const dropoutRatio of [undefined, 0]) {
      const rng = new Rng(27);
      const twin = new Rng(27);
      const options = { ...SMALL, hiddenSizes: [5, 5], dropoutRatio };
      const net = new MultiLayerNet({ ...options, rng });
      new MultiLayerNet({ ...options, rng: twin });
      net.predict(Tensor.randn([3, 4], new Rng(28)), true);
      // The generator is the caller's: a Dropout layer of ratio 0 keeps every
      // unit, but its masks would still use up the caller's draws.
      assertStrictEquals(
        rng.uniform(),
        twin.uniform(),
        `the next draw of the rng given to a net with dropoutRatio ${dropoutRatio}, after predict(x, true), versus a twin rng that no net used after construction`,
      );
    }
  },
);

// ----------------------------------------------------------------- forward

Deno.test(
  "predict gives the scores of Affine, ReLU, ..., Affine, before softmax",
  timeLimit,
  () => {
    const rng = new Rng(7);
    for (const hiddenSizes of [[], [5], [5, 4, 3]]) {
      const net = new MultiLayerNet({
        inputSize: 6,
        hiddenSizes,
        outputSize: 3,
        rng,
      });
      perturb(net, rng, 0.1);
      const x = Tensor.randn([4, 6], rng);
      assertClose(net.predict(x), expectedScores(net, x), {
        msg: `predict(x [4, 6]) with hiddenSizes [${hiddenSizes}]`,
      });
      assertClose(net.predict(x, true), expectedScores(net, x), {
        msg:
          `predict(x [4, 6], true) with hiddenSizes [${hiddenSizes}], no Batch Normalization or dropout`,
      });
    }
  },
);

Deno.test(
  "with useBatchNorm, training-mode predict normalises each hidden Affine output over the batch before the ReLU",
  timeLimit,
  () => {
    const rng = new Rng(8);
    const net = new MultiLayerNet({
      inputSize: 6,
      hiddenSizes: [5, 4],
      outputSize: 3,
      rng,
      useBatchNorm: true,
    });
    perturb(net, rng, 0.1);
    // Inputs and W2 scaled by 10 give each Batch Normalization inputs with a
    // variance of about 100, so its eps (1e-7 here, the book's 1e-6 in a
    // learner's layer) moves xn by eps / (2 var) < 1e-8 relative.
    net.params.W2.mulInPlace(10);
    const x = Tensor.randn([8, 6], rng, 10);
    assertClose(
      net.predict(x, true),
      expectedScores(net, x, { batchNorm: true }),
      {
        rtol: 1e-6,
        atol: 1e-9,
        msg:
          "predict(x [8, 6], true) with hiddenSizes [5, 4] and Batch Normalization: Affine, BatchNorm, ReLU, Affine, BatchNorm, ReLU, Affine",
      },
    );
  },
);

Deno.test(
  "with dropout, training-mode predict draws new masks every call, and inference-mode predict scales by 1 - ratio every time",
  timeLimit,
  () => {
    const rng = new Rng(9);
    const net = new MultiLayerNet({
      inputSize: 6,
      hiddenSizes: [50],
      outputSize: 3,
      rng,
      dropoutRatio: 0.4,
    });
    const x = Tensor.randn([4, 6], rng);
    const expected = expectedScores(net, x, { scale: 0.6 });
    assertClose(net.predict(x), expected, {
      msg: "predict(x) with dropoutRatio 0.4: hidden activations times 0.6",
    });
    assertClose(net.predict(x, false), expected, {
      msg: "predict(x, false) again: inference mode has no randomness",
    });
    assertNotEquals(
      [...net.predict(x, true).data],
      [...net.predict(x, true).data],
      "two calls of predict(x, true) with dropoutRatio 0.4 gave the same scores: " +
        "each training forward must draw a new mask",
    );
  },
);

Deno.test(
  "with useBatchNorm, inference-mode predict uses the running statistics: each sample is scored on its own",
  timeLimit,
  () => {
    const rng = new Rng(10);
    const net = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [6, 5],
      rng,
      useBatchNorm: true,
    });
    // Training steps fill the running statistics.
    for (let step = 0; step < 5; step++) {
      const { x, t } = batch(8, rng);
      net.gradient(x.mul(2).add(1), t);
    }
    const x = Tensor.randn([5, 4], rng);
    const whole = net.predict(x, false);
    // A row scored alone goes through the same arithmetic as in the batch:
    // only rounding can differ, far below 1e-9 relative.
    for (let i = 0; i < 5; i++) {
      assertClose(net.predict(x.rows([i]), false), whole.rows([i]), {
        rtol: 1e-9,
        msg:
          `predict(x.rows([${i}]), false) versus row ${i} of predict(x [5, 4], false)`,
      });
    }
    assertNotEquals(
      [...net.predict(x, true).data],
      [...whole.data],
      "predict(x, true) and predict(x, false) agree: training mode must use the batch statistics",
    );
  },
);

// -------------------------------------------------------------------- loss

Deno.test(
  "loss is the softmax cross-entropy of the scores plus 0.5 * lambda * the sum of every W²",
  timeLimit,
  () => {
    const rng = new Rng(12);
    for (const weightDecayLambda of [0, 0.1]) {
      const net = new MultiLayerNet({
        ...SMALL,
        hiddenSizes: [5, 3],
        rng,
        weightDecayLambda,
      });
      const { x, t } = batch(6, rng);
      // The same arithmetic as the net's layers: only rounding differs, far
      // below 1e-9.
      const expected = softmaxCrossEntropy(expectedScores(net, x), t) +
        penalty(net, weightDecayLambda);
      assertAlmostEquals(
        net.loss(x, t),
        expected,
        1e-9,
        `loss(x, labels) with weightDecayLambda ${weightDecayLambda}`,
      );
      assertAlmostEquals(
        net.loss(x, oneHot(t, 3)),
        expected,
        1e-9,
        `loss(x, one-hot t) with weightDecayLambda ${weightDecayLambda}`,
      );
    }
  },
);

Deno.test(
  "training-mode loss with useBatchNorm uses the batch statistics",
  timeLimit,
  () => {
    const rng = new Rng(13);
    const net = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [5],
      rng,
      useBatchNorm: true,
      weightDecayLambda: 0.05,
    });
    const { x: x1, t } = batch(6, rng);
    // Inputs scaled by 10 give Batch Normalization inputs with a variance of
    // about 100, so its eps (1e-7 here, the book's 1e-6 in a learner's layer)
    // moves the loss by less than 1e-8.
    const x = x1.mul(10);
    const scores = expectedScores(net, x, { batchNorm: true });
    assertAlmostEquals(
      net.loss(x, t, true),
      softmaxCrossEntropy(scores, t) + penalty(net, 0.05),
      1e-7,
      "loss(x, t, true) with Batch Normalization and weightDecayLambda 0.05",
    );
  },
);

Deno.test(
  "accuracy is the fraction of samples whose highest score is the target, for labels and one-hot targets",
  timeLimit,
  () => {
    const rng = new Rng(14);
    const net = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [5],
      rng,
      dropoutRatio: 0.5,
    });
    const { x, t } = batch(20, rng);
    const predicted = expectedScores(net, x, { scale: 0.5 }).argmax(1);
    const expected = predicted.eq(t).sum() / 20;
    assertAlmostEquals(
      net.accuracy(x, t),
      expected,
      1e-12,
      "accuracy(x, labels)",
    );
    assertAlmostEquals(
      net.accuracy(x, oneHot(t, 3)),
      expected,
      1e-12,
      "accuracy(x, one-hot t)",
    );
  },
);

// ---------------------------------------------------------------- gradient

Deno.test(
  "gradient agrees with the numerical gradient of the loss, for every parameter",
  timeLimit,
  () => {
    const rng = new Rng(15);
    const net = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [5, 4],
      rng,
    });
    const { x, t } = batch(6, rng);
    checkGradients(net, x, t, "hiddenSizes [5, 4]");
  },
);

Deno.test(
  "gradient agrees with the numerical gradient with Batch Normalization and weight decay",
  timeLimit,
  () => {
    const rng = new Rng(16);
    const net = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [5, 4],
      rng,
      useBatchNorm: true,
      weightDecayLambda: 0.1,
    });
    perturb(net, rng, 0.1);
    const { x, t } = batch(6, rng);
    checkGradients(net, x, t, "Batch Normalization, weightDecayLambda 0.1", {
      lambda: 0.1,
    });
  },
);

Deno.test(
  "gradient with dropout agrees with the numerical gradient for the same masks",
  timeLimit,
  () => {
    const options = {
      ...SMALL,
      hiddenSizes: [6, 5],
      dropoutRatio: 0.3,
    };
    const net = new MultiLayerNet({ ...options, rng: new Rng(17) });
    const rng = new Rng(18);
    // Non-zero biases keep every ReLU input away from its kink at 0, even
    // for a sample whose whole previous layer was dropped.
    perturb(net, rng, 0.1);
    const { x, t } = batch(6, rng);
    // A twin made from the same seed draws the same masks in its first
    // training forward; give it the (perturbed) parameters and take its
    // scores.
    const twinScores = () => {
      const twin = new MultiLayerNet({ ...options, rng: new Rng(17) });
      for (const [name, p] of Object.entries(net.params)) {
        twin.params[name].assignInPlace(p);
      }
      return twin.predict(x, true);
    };
    checkGradients(net, x, t, "dropoutRatio 0.3", { scores: twinScores });
  },
);

Deno.test(
  "weight decay adds lambda * W to each weight's gradient and nothing to biases, gamma or beta",
  timeLimit,
  () => {
    const make = (weightDecayLambda: number) =>
      new MultiLayerNet({
        ...SMALL,
        hiddenSizes: [5],
        rng: new Rng(19),
        useBatchNorm: true,
        weightDecayLambda,
      });
    const plain = make(0);
    const decayed = make(0.2);
    const { x, t } = batch(6, new Rng(20));
    const g0 = plain.gradient(x, t);
    const g1 = decayed.gradient(x, t);
    for (const name of Object.keys(plain.params)) {
      const expected = name.startsWith("W")
        ? g0[name].add(plain.params[name].mul(0.2))
        : g0[name];
      assertClose(g1[name], expected, {
        msg: `gradient(x, t).${name} with weightDecayLambda 0.2 versus 0`,
      });
    }
  },
);

Deno.test(
  "params are shared with the layers: changing them in place changes what the net computes",
  timeLimit,
  () => {
    const rng = new Rng(21);
    const net = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [5],
      rng,
    });
    const x = Tensor.randn([3, 4], rng);
    net.predict(x);
    // What an optimizer does: update every parameter in place.
    perturb(net, rng, 0.5);
    assertClose(net.predict(x), expectedScores(net, x), {
      msg: "predict(x) after every parameter was changed in place",
    });

    const bn = new MultiLayerNet({
      ...SMALL,
      hiddenSizes: [5],
      rng,
      useBatchNorm: true,
    });
    bn.params.gamma1.assignInPlace(0);
    bn.params.beta1.assignInPlace(-1);
    bn.params.b2.assignInPlace(tensor([1, 2, 3]));
    // gamma1 = 0 and beta1 = -1: the ReLU gets -1 everywhere and passes 0.
    assertClose(bn.predict(x, true), [[1, 2, 3], [1, 2, 3], [1, 2, 3]], {
      msg:
        "predict(x, true) after gamma1, beta1 and b2 were set in place to 0, -1 and [1, 2, 3]",
    });
  },
);

// ---------------------------------------------------------------- learning

/** Two classes of points in the plane, on either side of the line x0 = x1. */
function twoSides(n: number, rng: Rng) {
  const x = Tensor.zeros([n, 2]);
  const t = Tensor.zeros([n]);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const along = rng.uniform(-2, 2);
    const away = rng.uniform(0.3, 1.5) * (label ? 1 : -1);
    x.setInPlace([i, 0], along + away).setInPlace([i, 1], along - away);
    t.setInPlace([i], label);
  }
  return { x, t };
}

Deno.test(
  "trained by gradient descent, the net learns to separate two classes of points",
  timeLimit,
  () => {
    for (const useBatchNorm of [false, true]) {
      const rng = new Rng(23);
      const net = new MultiLayerNet({
        inputSize: 2,
        hiddenSizes: [8, 8],
        outputSize: 2,
        rng,
        useBatchNorm,
        weightDecayLambda: 1e-4,
      });
      const { x, t } = twoSides(40, rng);
      // Training mode: a fresh net's running statistics are still zeros.
      const before = net.loss(x, t, true);
      for (let step = 0; step < 60; step++) {
        const grads = net.gradient(x, t);
        for (const [name, p] of Object.entries(net.params)) {
          p.subInPlace(grads[name].mul(0.2));
        }
      }
      const after = net.loss(x, t, true);
      const accuracy = net.accuracy(x, t);
      const what = useBatchNorm
        ? "with Batch Normalization"
        : "without Batch Normalization";
      assert(
        after < before / 4,
        `${what}: the training-mode loss went from ${before.toFixed(4)} to ${
          after.toFixed(4)
        } ` +
          "in 60 steps of gradient descent (learning rate 0.2); expected it to fall below a quarter",
      );
      assert(
        accuracy >= 0.95,
        `${what}: accuracy ${accuracy} on 40 separable points after 60 steps; expected at least 0.95`,
      );
    }
  },
);
