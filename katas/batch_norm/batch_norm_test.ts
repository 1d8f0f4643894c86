import { BatchNormalization } from "./batch_norm.ts";
import {
  assert,
  assertClearError,
  assertClose,
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

// A batch of 4 you can normalise by hand. Feature 0 is [1, 3, 1, 3]: mean 2,
// variance 1 (divide by N = 4, not N - 1). Feature 1 is [0, 0, 4, 4]: mean 2,
// variance 4. So xn is [-1, 1, -1, 1] and [-1, -1, 1, 1].
const X4 = [[1, 0], [3, 0], [1, 4], [3, 4]];

// The results below ignore eps = 1e-7 inside the square root; it changes them
// by less than 1e-6, which these tolerances allow.
const NEAR = { rtol: 1e-6, atol: 1e-6 };

function newLayer(d: number, rng: Rng): BatchNormalization {
  return new BatchNormalization(
    Tensor.uniform([d], rng, 0.5, 2),
    Tensor.randn([d], rng),
  );
}

Deno.test(
  "forward leaves x, gamma and beta unchanged and returns a new tensor",
  timeLimit,
  () => {
    const rng = new Rng(5);
    const bn = newLayer(3, rng);
    const { gamma, beta } = bn;
    for (const train of [true, false]) {
      const x = Tensor.randn([4, 3], rng);
      const y = assertUnchanged(
        { x, gamma, beta },
        () => bn.forward(x, train),
        `BatchNormalization.forward(x, ${train})`,
      );
      assertFresh(
        y,
        { x, gamma, beta },
        `BatchNormalization.forward(x, ${train})`,
      );
    }
  },
);

Deno.test(
  "backward leaves dout unchanged and returns a new tensor",
  timeLimit,
  () => {
    const rng = new Rng(6);
    const bn = newLayer(3, rng);
    bn.forward(Tensor.randn([4, 3], rng));
    const dout = Tensor.randn([4, 3], rng);
    const dx = assertUnchanged(
      { dout },
      () => bn.backward(dout),
      "BatchNormalization.backward",
    );
    assertFresh(dx, { dout }, "BatchNormalization.backward");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const bn = new BatchNormalization(Tensor.ones([2]), Tensor.zeros([2]));
    assertForwardFirst(
      () => bn.backward(tensor([[1, 2]])),
      "BatchNormalization.backward([[1, 2]]) before any forward",
    );
  },
);

Deno.test(
  "backward after an inference forward throws, rather than return the gradient of an older training batch",
  timeLimit,
  () => {
    const rng = new Rng(10);
    const bn = newLayer(3, rng);
    bn.forward(Tensor.randn([4, 3], rng));
    bn.forward(Tensor.randn([4, 3], rng), false);
    assertForwardFirst(
      () => bn.backward(Tensor.randn([4, 3], rng)),
      "BatchNormalization.backward after forward(x) then forward(x2, false) " +
        "(it must not use the batch x for x2)",
      "forget the training cache in an inference forward and throw an Error " +
        "that says a training forward comes first",
    );
  },
);

Deno.test(
  "training forward leaves the running statistics given to the constructor unchanged, and replaces them with new tensors",
  timeLimit,
  () => {
    const runningMean = tensor([1, 1]);
    const runningVar = tensor([1, 1]);
    const bn = new BatchNormalization(
      Tensor.ones([2]),
      Tensor.zeros([2]),
      0.5,
      runningMean,
      runningVar,
    );
    // The caller may share them with another layer or keep them to compare.
    assertUnchanged(
      { runningMean, runningVar },
      () => bn.forward(tensor(X4)),
      "BatchNormalization.forward(x) with runningMean and runningVar given",
    );
  },
);

Deno.test(
  "an x whose number of features is not gamma's is rejected with an Error that names gamma",
  timeLimit,
  () => {
    const bn = new BatchNormalization(Tensor.ones([3]), Tensor.zeros([3]));
    // [4, 1] would broadcast over gamma [3] and come out as [4, 3].
    for (const shape of [[4, 1], [4, 5], [4, 2, 2]]) {
      for (const train of [true, false]) {
        assertClearError(
          () => bn.forward(Tensor.ones(shape), train),
          `BatchNormalization.forward(x of shape [${shape}], ${train}) with gamma [3]`,
          {
            includes: "gamma",
            says: "name gamma, whose size does not match",
            fix:
              "compare the features of x with gamma's size and throw an Error",
          },
        );
      }
    }
  },
);

Deno.test(
  "a dout whose shape is not that of the last forward's x is rejected with an Error that names dout",
  timeLimit,
  () => {
    const bn = new BatchNormalization(Tensor.ones([3]), Tensor.zeros([3]));
    bn.forward(Tensor.randn([4, 3], new Rng(11)));
    // [3, 4] and [2, 6] have 12 elements, like [4, 3]: a reshape accepts them.
    for (const shape of [[3, 4], [2, 6], [4, 3, 1]]) {
      assertClearError(
        () => bn.backward(Tensor.ones(shape)),
        `BatchNormalization.backward(dout of shape [${shape}]) after forward(x of shape [4, 3])`,
        {
          includes: "dout",
          says: "name dout, whose shape does not match",
          fix:
            "compare dout's shape with the last forward's x and throw an Error",
        },
      );
    }
  },
);

Deno.test(
  "training forward normalises each feature with the batch mean and variance, then scales by gamma and shifts by beta",
  timeLimit,
  () => {
    const bn = new BatchNormalization(tensor([2, 3]), tensor([1, -1]));
    // gamma * xn + beta with xn from the comment on X4.
    assertClose(bn.forward(tensor(X4)), [[-1, -4], [3, -4], [-1, 2], [3, 2]], {
      ...NEAR,
      msg: `BatchNormalization.forward(${
        JSON.stringify(X4)
      }) with gamma [2, 3], beta [1, -1]`,
    });
  },
);

Deno.test(
  "training forward gives every feature mean 0 and variance 1 when gamma is 1 and beta is 0",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const x = Tensor.randn([8, 5], rng, 3).add(Tensor.randn([5], rng, 10));
    const y = new BatchNormalization(Tensor.ones([5]), Tensor.zeros([5]))
      .forward(x);
    // Every column of xn sums to 0 exactly, up to rounding (about 1e-15).
    assertClose(y.mean(0), Tensor.zeros([5]), {
      atol: 1e-9,
      msg: "the mean over the batch of BatchNormalization.forward(x)",
    });
    assertClose(y.pow(2).mean(0), Tensor.ones([5]), {
      ...NEAR,
      msg: "the variance over the batch of BatchNormalization.forward(x)",
    });
  },
);

Deno.test(
  "a batch of 1 in training mode gives beta: the only sample is its own batch mean",
  timeLimit,
  () => {
    const bn = new BatchNormalization(tensor([2, 3, 4]), tensor([1, 2, 3]));
    assertClose(bn.forward(tensor([[5, -7, 0.5]])), [[1, 2, 3]], {
      ...NEAR,
      msg: "BatchNormalization.forward([[5, -7, 0.5]]) with beta [1, 2, 3]",
    });
  },
);

Deno.test(
  "the first training forward starts the running statistics from zeros and mixes in the batch's with weight 1 - momentum",
  timeLimit,
  () => {
    const bn = new BatchNormalization(Tensor.ones([2]), Tensor.zeros([2]));
    bn.forward(tensor(X4));
    // Batch mean [2, 2], variance [1, 4]: 0.9 * 0 + 0.1 * batch statistic.
    assertClose(bn.runningMean, [0.2, 0.2], {
      msg: "runningMean after one forward (momentum 0.9, batch mean [2, 2])",
    });
    assertClose(bn.runningVar, [0.1, 0.4], {
      msg: "runningVar after one forward (momentum 0.9, batch variance [1, 4])",
    });
    // X4 + 10: mean [12, 12], the same variance.
    bn.forward(tensor(X4).add(10));
    assertClose(bn.runningMean, [1.38, 1.38], {
      msg:
        "runningMean after a second forward: 0.9 * [0.2, 0.2] + 0.1 * [12, 12]",
    });
    assertClose(bn.runningVar, [0.19, 0.76], {
      msg: "runningVar after a second forward: 0.9 * [0.1, 0.4] + 0.1 * [1, 4]",
    });
  },
);

Deno.test(
  "an inference forward before any training forward starts the running statistics as zeros, one per feature",
  timeLimit,
  () => {
    const bn = new BatchNormalization(Tensor.ones([3]), Tensor.zeros([3]));
    bn.forward(Tensor.ones([2, 3]), false);
    assertClose(bn.runningMean, [0, 0, 0], {
      msg: "runningMean after forward(ones [2, 3], false) on a new layer",
    });
    assertClose(bn.runningVar, [0, 0, 0], {
      msg: "runningVar after forward(ones [2, 3], false) on a new layer",
    });
  },
);

Deno.test(
  "running statistics given to the constructor are the starting point, updated with the given momentum",
  timeLimit,
  () => {
    const bn = new BatchNormalization(
      Tensor.ones([2]),
      Tensor.zeros([2]),
      0.5,
      tensor([1, 1]),
      tensor([1, 1]),
    );
    bn.forward(tensor(X4));
    assertClose(bn.runningMean, [1.5, 1.5], {
      msg: "runningMean = 0.5 * [1, 1] + 0.5 * [2, 2]",
    });
    assertClose(bn.runningVar, [1, 2.5], {
      msg: "runningVar = 0.5 * [1, 1] + 0.5 * [1, 4]",
    });
  },
);

Deno.test(
  "inference forward normalises with the running statistics, not the batch's",
  timeLimit,
  () => {
    const bn = new BatchNormalization(
      tensor([1, 2]),
      tensor([0, 1]),
      0.9,
      tensor([1, 2]),
      tensor([4, 9]),
    );
    // (x - runningMean) / sqrt(runningVar) * gamma + beta, sample by sample.
    assertClose(bn.forward(tensor([[3, 5]]), false), [[1, 3]], {
      ...NEAR,
      msg:
        "BatchNormalization.forward([[3, 5]], false) with runningMean [1, 2], runningVar [4, 9], gamma [1, 2], beta [0, 1]",
    });
    assertClose(
      bn.forward(tensor([[3, 5], [-1, 2], [1, 8]]), false),
      [[1, 3], [-1, 1], [0, 5]],
      {
        ...NEAR,
        msg:
          "BatchNormalization.forward([[3, 5], [-1, 2], [1, 8]], false) with the same statistics",
      },
    );
  },
);

Deno.test(
  "inference forward leaves the running statistics unchanged",
  timeLimit,
  () => {
    const bn = new BatchNormalization(
      Tensor.ones([2]),
      Tensor.zeros([2]),
      0.9,
      tensor([1, 2]),
      tensor([4, 9]),
    );
    bn.forward(tensor(X4), false);
    assertClose(bn.runningMean, [1, 2], {
      msg: "runningMean after an inference forward",
    });
    assertClose(bn.runningVar, [4, 9], {
      msg: "runningVar after an inference forward",
    });
  },
);

Deno.test(
  "backward gives dbeta = the sum of dout and dgamma = the sum of xn * dout over the batch",
  timeLimit,
  () => {
    const bn = new BatchNormalization(tensor([2, 3]), tensor([1, -1]));
    bn.forward(tensor(X4));
    bn.backward(tensor([[1, 2], [3, 4], [5, 6], [7, 8]]));
    const what = `after forward(${JSON.stringify(X4)}) and ` +
      "backward([[1, 2], [3, 4], [5, 6], [7, 8]])";
    assertClose(bn.dbeta, [16, 20], { ...NEAR, msg: `dbeta ${what}` });
    // xn is [-1, 1, -1, 1] and [-1, -1, 1, 1]: -1 + 3 - 5 + 7 and -2 - 4 + 6 + 8.
    assertClose(bn.dgamma, [4, 8], { ...NEAR, msg: `dgamma ${what}` });
  },
);

// BatchNormalization is smooth: a central difference with h = 1e-5 matches it
// to 3e-8 or better on these inputs, so 1e-6 leaves room for rounding and
// still catches a missing term (that is off by 1e-2 or more).
const GRAD_TOLERANCE = 1e-6;

/** Checks dx, dgamma and dbeta of `bn` at `x` against numerical gradients. */
function assertGradients(bn: BatchNormalization, x: Tensor, rng: Rng): void {
  assertLayerGradients({
    layer: "BatchNormalization",
    forward: (x) => bn.forward(x),
    backward: (dout) => bn.backward(dout),
    x,
    rng,
    params: {
      gamma: { value: bn.gamma, grad: () => bn.dgamma },
      beta: { value: bn.beta, grad: () => bn.dbeta },
    },
    tolerance: GRAD_TOLERANCE,
  });
}

Deno.test(
  "backward agrees with the numerical gradient for dx, dgamma and dbeta (a batch of 5)",
  timeLimit,
  () => {
    const rng = new Rng(2);
    const bn = newLayer(4, rng);
    assertGradients(bn, Tensor.randn([5, 4], rng, 2).add(1), rng);
  },
);

Deno.test(
  "backward agrees with the numerical gradient on a batch of images [N, C, H, W]",
  timeLimit,
  () => {
    const rng = new Rng(3);
    const bn = newLayer(2 * 2 * 3, rng);
    assertGradients(bn, Tensor.randn([4, 2, 2, 3], rng), rng);
  },
);

Deno.test(
  "a batch of images [N, C, H, W] is normalised per sample as one row of C*H*W features, and keeps its shape",
  timeLimit,
  () => {
    const rng = new Rng(4);
    const x = Tensor.randn([3, 2, 2, 2], rng);
    const gamma = Tensor.uniform([8], rng, 0.5, 2);
    const beta = Tensor.randn([8], rng);
    const images = new BatchNormalization(gamma, beta);
    const rows = new BatchNormalization(gamma, beta);
    const y = images.forward(x);
    assertClose(y, rows.forward(x.reshape(3, 8)).reshape(3, 2, 2, 2), {
      msg: "BatchNormalization.forward on [3, 2, 2, 2] versus on [3, 8]",
    });
    const dout = Tensor.randn([3, 2, 2, 2], rng);
    assertClose(
      images.backward(dout),
      rows.backward(dout.reshape(3, 8)).reshape(3, 2, 2, 2),
      { msg: "BatchNormalization.backward on [3, 2, 2, 2] versus on [3, 8]" },
    );
    assertClose(
      images.forward(x, false),
      rows.forward(x.reshape(3, 8), false).reshape(3, 2, 2, 2),
      {
        msg:
          "BatchNormalization.forward(x, false) on [3, 2, 2, 2] versus on [3, 8]",
      },
    );
  },
);

Deno.test(
  "gamma and beta are kept by reference: changing them in place changes the next forward and backward",
  timeLimit,
  () => {
    const gamma = tensor([1, 1]);
    const beta = tensor([0, 0]);
    const bn = new BatchNormalization(gamma, beta);
    assertStrictEquals(bn.gamma, gamma, "bn.gamma should be the gamma given");
    assertStrictEquals(bn.beta, beta, "bn.beta should be the beta given");
    // What an optimizer does: update the parameters in place.
    gamma.assignInPlace(tensor([2, 3]));
    beta.assignInPlace(tensor([1, -1]));
    assertClose(bn.forward(tensor(X4)), [[-1, -4], [3, -4], [-1, 2], [3, 2]], {
      ...NEAR,
      msg:
        "BatchNormalization.forward after gamma and beta were set in place to [2, 3] and [1, -1]",
    });
    const fresh = new BatchNormalization(tensor([2, 3]), tensor([1, -1]));
    fresh.forward(tensor(X4));
    const dout = tensor([[1, -2], [0.5, 4], [-3, 1], [2, 0]]);
    assertClose(bn.backward(dout), fresh.backward(dout), {
      msg:
        "BatchNormalization.backward after gamma was set in place to [2, 3], versus a layer built with [2, 3]",
    });
  },
);

Deno.test(
  "a feature that is constant over the batch gives beta and finite gradients, not NaN",
  timeLimit,
  () => {
    const bn = new BatchNormalization(tensor([2, 2]), tensor([0.5, -0.5]));
    const y = bn.forward(tensor([[1, 7], [2, 7], [3, 7], [4, 7]]));
    assertClose(y.reshape(-1).rows([1, 3, 5, 7]), [-0.5, -0.5, -0.5, -0.5], {
      ...NEAR,
      msg:
        "the constant feature of BatchNormalization.forward([[1, 7], [2, 7], [3, 7], [4, 7]])",
    });
    const dx = bn.backward(tensor([[1, 2], [3, 4], [5, 6], [7, 8]]));
    assert(
      dx.data.every(Number.isFinite),
      `BatchNormalization.backward with a constant feature gave ${dx}`,
    );
  },
);

Deno.test(
  "eps goes inside the square root: a feature whose variance is far below eps is damped, not scaled up to variance 1",
  timeLimit,
  () => {
    const bn = new BatchNormalization(Tensor.ones([2]), Tensor.zeros([2]));
    // Feature 0 is [1, 1.00002, 1, 1.00002]: xc = ±1e-5 and var = 1e-10, so
    // xc / √(var + eps) is ±0.0316 with eps = 1e-7 (±0.01 with the book's
    // 1e-6). With eps after the root, xc / (√var + eps), it would be ±0.99.
    const x = [[1, 0], [1.00002, 0], [1, 4], [1.00002, 4]];
    const y = bn.forward(tensor(x));
    const feature0 = [0, 1, 2, 3].map((i) => y.get(i, 0));
    assert(
      feature0.every((v) => Math.abs(v) < 0.04),
      `BatchNormalization.forward(${JSON.stringify(x)}) gave ` +
        `[${feature0}] for feature 0 (variance 1e-10); expected values ` +
        "within ±0.04: xc / √(var + eps), with eps inside the square root",
    );
  },
);

Deno.test(
  "a feature that was constant in training (running variance 0) gives finite outputs at inference",
  timeLimit,
  () => {
    const bn = new BatchNormalization(tensor([2, 2]), tensor([0.5, -0.5]));
    // Feature 1 is always 7, so runningVar is 0.9 * 0 + 0.1 * 0 = 0 for it
    // (think of an MNIST border pixel); runningMean is 0.7.
    bn.forward(tensor([[1, 7], [2, 7], [3, 7], [4, 7]]));
    const y = bn.forward(tensor([[2.5, 7], [0, 0.7]]), false);
    assert(
      y.data.every(Number.isFinite),
      "BatchNormalization.forward([[2.5, 7], [0, 0.7]], false) with " +
        `runningVar ${bn.runningVar} gave ${y}: add eps to the running ` +
        "variance too, (x - runningMean) / √(runningVar + eps)",
    );
    assertClose(y.get(1, 1), -0.5, {
      ...NEAR,
      msg: "the feature equal to its running mean (0.7) at inference: beta",
    });
  },
);

/**
 * Fails unless a random batch x [5, 3] (from `seed`) and `change(x)`, written
 * `what`, give the same forward (within NEAR) with the same random gamma and
 * beta.
 */
function assertNormalisedAlike(
  seed: number,
  change: (x: Tensor) => Tensor,
  what: string,
): void {
  const rng = new Rng(seed);
  const x = Tensor.randn([5, 3], rng);
  const gamma = Tensor.uniform([3], rng, 0.5, 2);
  const beta = Tensor.randn([3], rng);
  const expected = new BatchNormalization(gamma, beta).forward(x);
  assertClose(
    new BatchNormalization(gamma, beta).forward(change(x)),
    expected,
    {
      ...NEAR,
      msg: `BatchNormalization.forward(${what}) versus forward(x)`,
    },
  );
}

Deno.test(
  "inputs offset by 1e8 are normalised like the same inputs without the offset",
  timeLimit,
  () => {
    // The variance is the mean of the squared deviations from the mean:
    // mean(x²) - mean(x)² would subtract two numbers near 1e16, whose
    // rounding error (about 1) swamps a variance of about 1.
    // x + 1e8 rounds x to about 1.5e-8, which moves the result by about that.
    assertNormalisedAlike(9, (x) => x.add(1e8), "x + 1e8");
  },
);

Deno.test(
  "inputs around 1e100 are normalised like inputs around 1, with no NaN or Infinity",
  timeLimit,
  () => {
    assertNormalisedAlike(7, (x) => x.mul(1e100), "x * 1e100");
  },
);

Deno.test(
  "backward uses the batch of the most recent forward, even of another size",
  timeLimit,
  () => {
    const rng = new Rng(8);
    const gamma = Tensor.uniform([3], rng, 0.5, 2);
    const beta = Tensor.randn([3], rng);
    const first = Tensor.randn([4, 3], rng);
    // Another batch size: nothing of the first batch may be left over.
    const second = Tensor.randn([6, 3], rng, 3);
    const dout = Tensor.randn([6, 3], rng);
    const bn = new BatchNormalization(gamma, beta);
    bn.forward(first);
    bn.forward(second);
    const fresh = new BatchNormalization(gamma, beta);
    fresh.forward(second);
    assertClose(bn.backward(dout), fresh.backward(dout), {
      msg:
        "BatchNormalization.backward after forward(first [4, 3]) then forward(second [6, 3])",
    });
    assertClose(bn.dgamma, fresh.dgamma as Tensor, {
      msg: "dgamma after two forwards",
    });
  },
);
