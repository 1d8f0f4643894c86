import {
  BOOK_CONV_PARAMS,
  type ConvParam,
  DeepConvNet,
  type DeepConvNetOptions,
} from "./deep_conv_net.ts";
import {
  assertAlmostEquals,
  assertClearError,
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

// ------------------------------------------------------------------ helpers

const NAMES = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((k) => [`W${k}`, `b${k}`]);

/** The same six convolutions with `changes` applied to some of them. */
function convs(
  base: readonly ConvParam[],
  changes: Record<number, Partial<ConvParam>>,
): ConvParam[] {
  return base.map((c, i) => ({ ...c, ...changes[i] }));
}

/**
 * Six 3x3 convolutions with 2, 2, 3, 3, 4, 4 filters and the book's pads:
 * [C, 8, 8] images go 8 -> 8, pool 4 -> 4 -> 6, pool 3 -> 3 -> 3, pool 1.
 */
const TINY_CONVS = convs(BOOK_CONV_PARAMS, {
  0: { filterNum: 2 },
  1: { filterNum: 2 },
  2: { filterNum: 3 },
  3: { filterNum: 3 },
  4: { filterNum: 4 },
  5: { filterNum: 4 },
});

/** The network of most tests: [2, 8, 8] images, 4 values into Affine 5 -> 3. */
const TINY: Omit<DeepConvNetOptions, "rng"> = {
  inputDim: [2, 8, 8],
  convParams: TINY_CONVS,
  hiddenSize: 5,
  outputSize: 3,
};

/**
 * The size of a convolution's output, and of 2x2 pooling at stride 2 after
 * every second convolution, computed here from the book's formula.
 */
function sizesOf(options: Omit<DeepConvNetOptions, "rng">): {
  /** How many inputs feed one output unit of W1 .. W8. */
  fanIns: number[];
  /** The shapes of W1 .. W8. */
  shapes: number[][];
} {
  const [c0, h0, w0] = options.inputDim ?? [1, 28, 28];
  const hidden = options.hiddenSize ?? 50;
  let [c, h, w] = [c0, h0, w0];
  const fanIns: number[] = [];
  const shapes: number[][] = [];
  (options.convParams ?? BOOK_CONV_PARAMS).forEach((p, i) => {
    fanIns.push(c * p.filterSize * p.filterSize);
    shapes.push([p.filterNum, c, p.filterSize, p.filterSize]);
    c = p.filterNum;
    h = Math.floor((h + 2 * p.pad - p.filterSize) / p.stride) + 1;
    w = Math.floor((w + 2 * p.pad - p.filterSize) / p.stride) + 1;
    if (i % 2 === 1) [h, w] = [Math.floor(h / 2), Math.floor(w / 2)];
  });
  fanIns.push(c * h * w, hidden);
  shapes.push([c * h * w, hidden], [hidden, options.outputSize ?? 10]);
  return { fanIns, shapes };
}

/** A direct convolution, one output at a time, as section 7.2 draws it. */
function convolve(x: Tensor, W: Tensor, b: Tensor, p: ConvParam): Tensor {
  const [n, c, h, w] = x.shape;
  const [fn, , fh, fw] = W.shape;
  const oh = Math.floor((h + 2 * p.pad - fh) / p.stride) + 1;
  const ow = Math.floor((w + 2 * p.pad - fw) / p.stride) + 1;
  const padded = x.pad([[0, 0], [0, 0], [p.pad, p.pad], [p.pad, p.pad]]);
  const out = Tensor.zeros([n, fn, oh, ow]);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < fn; f++) {
      for (let y = 0; y < oh; y++) {
        for (let z = 0; z < ow; z++) {
          let sum = b.get(f);
          for (let ch = 0; ch < c; ch++) {
            for (let u = 0; u < fh; u++) {
              for (let v = 0; v < fw; v++) {
                sum += padded.get(i, ch, y * p.stride + u, z * p.stride + v) *
                  W.get(f, ch, u, v);
              }
            }
          }
          out.setInPlace([i, f, y, z], sum);
        }
      }
    }
  }
  return out;
}

/** The maximum of each 2x2 window at stride 2; an odd last row is dropped. */
function pool(x: Tensor): Tensor {
  const [n, c, h, w] = x.shape;
  const out = Tensor.zeros([n, c, Math.floor(h / 2), Math.floor(w / 2)]);
  for (let i = 0; i < n; i++) {
    for (let ch = 0; ch < c; ch++) {
      for (let y = 0; y < out.shape[2]; y++) {
        for (let z = 0; z < out.shape[3]; z++) {
          const window = [0, 1].flatMap((u) =>
            [0, 1].map((v) => x.get(i, ch, 2 * y + u, 2 * z + v))
          );
          out.setInPlace([i, ch, y, z], Math.max(...window));
        }
      }
    }
  }
  return out;
}

/**
 * The scores the book's DeepConvNet gives, computed here from `net.params`
 * without its layers. Each Dropout multiplies by its mask in training
 * (`masks` given) and by 1 - ratio in inference.
 */
function expectedScores(
  net: DeepConvNet,
  x: Tensor,
  convParams: readonly ConvParam[],
  ratio: number,
  masks?: [Tensor, Tensor],
): Tensor {
  const p = net.params;
  let h = x;
  convParams.forEach((conv, i) => {
    h = convolve(h, p[`W${i + 1}`], p[`b${i + 1}`], conv).maximum(0);
    if (i % 2 === 1) h = pool(h);
  });
  h = h.reshape(x.shape[0], -1).matmul(p.W7).add(p.b7).maximum(0);
  h = masks ? h.mul(masks[0]) : h.mul(1 - ratio);
  const y = h.matmul(p.W8).add(p.b8);
  return masks ? y.mul(masks[1]) : y.mul(1 - ratio);
}

/**
 * The dropout masks the first training forward of a net built from
 * `new Rng(seed)` draws: the generator has given the weights' normal draws
 * (W1 to W8), then each Dropout layer draws `Tensor.uniform` of its input's
 * shape (kata dropout) and keeps what is above the ratio.
 */
function firstMasks(
  seed: number,
  options: Omit<DeepConvNetOptions, "rng">,
  n: number,
  ratio: number,
): [Tensor, Tensor] {
  const rng = new Rng(seed);
  const { fanIns, shapes } = sizesOf(options);
  shapes.forEach((shape, k) => Tensor.randn(shape, rng, heStd(fanIns[k])));
  const hidden = Tensor.uniform([n, options.hiddenSize!], rng).gt(ratio);
  const scores = Tensor.uniform([n, options.outputSize!], rng).gt(ratio);
  return [hidden, scores];
}

/** He's standard deviation for a unit with `fanIn` inputs (book 6.2.3). */
function heStd(fanIn: number): number {
  return Math.sqrt(2 / fanIn);
}

/**
 * The mean cross-entropy of softmax(scores) against labels, without the
 * book's delta inside the log: the loss whose gradient backward computes
 * exactly.
 */
function softmaxLoss(scores: Tensor, labels: Tensor, delta = 0): number {
  const [n, classes] = scores.shape;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: classes }, (_, j) => scores.get(i, j));
    const top = Math.max(...row);
    const sum = row.reduce((s, v) => s + Math.exp(v - top), 0);
    total -= Math.log(Math.exp(row[labels.get(i)] - top) / sum + delta);
  }
  return total / n;
}

/** Labels as one-hot rows. */
function oneHot(labels: Tensor, classes: number): Tensor {
  return Tensor.zeros([labels.size, classes]).map((_, k) =>
    labels.data[Math.floor(k / classes)] === k % classes ? 1 : 0
  );
}

/**
 * Adds noise of std `std` to every parameter in place, as training would:
 * the biases then differ from 0, which keeps ReLU inputs off their kink.
 */
function perturb(net: DeepConvNet, rng: Rng, std: number): void {
  for (const p of Object.values(net.params)) {
    p.addInPlace(Tensor.randn(p.shape, rng, std));
  }
}

/** A tiny net from `seed`, its parameters perturbed, and a batch for it. */
function tinyCase(seed: number, dropoutRatio: number, n = 3) {
  const net = new DeepConvNet({ ...TINY, dropoutRatio, rng: new Rng(seed) });
  const rng = new Rng(seed + 100);
  perturb(net, rng, 0.1);
  const x = Tensor.randn([n, 2, 8, 8], rng);
  const t = Tensor.zeros([n]).map(() => rng.int(3));
  return { net, x, t };
}

// ---------------------------------------------------------------- protocol

Deno.test(
  "predict, loss, gradient and accuracy leave x and t unchanged",
  timeLimit,
  () => {
    const { net, x, t } = tinyCase(1, 0.5);
    assertUnchanged({ x }, () => net.predict(x, true), "DeepConvNet.predict");
    assertUnchanged({ x, t }, () => net.loss(x, t), "DeepConvNet.loss");
    assertUnchanged({ x, t }, () => net.gradient(x, t), "DeepConvNet.gradient");
    assertUnchanged(
      { x, t },
      () => net.accuracy(x, t, 2),
      "DeepConvNet.accuracy",
    );
  },
);

// ------------------------------------------------------------------ shapes

Deno.test(
  "the default network is the book's: 3x3 convolutions 16, 16, 32, 32, 64, 64 with pads 1, 1, 1, 2, 1, 1, then 1024 -> 50 -> 10 (book 8.1)",
  timeLimit,
  () => {
    const net = new DeepConvNet({ rng: new Rng(2) });
    assertEquals(
      Object.keys(net.params).sort(),
      [...NAMES].sort(),
      "the names in DeepConvNet({ rng }).params",
    );
    // 28 -> 28 -> 28, pool 14 -> 14 -> 16 (pad 2), pool 8 -> 8 -> 8, pool 4:
    // 64 * 4 * 4 = 1024 values per image reach the first Affine layer.
    const shapes = Object.fromEntries(
      NAMES.map((name) => [name, net.params[name].shape]),
    );
    assertEquals(shapes, {
      W1: [16, 1, 3, 3],
      b1: [16],
      W2: [16, 16, 3, 3],
      b2: [16],
      W3: [32, 16, 3, 3],
      b3: [32],
      W4: [32, 32, 3, 3],
      b4: [32],
      W5: [64, 32, 3, 3],
      b5: [64],
      W6: [64, 64, 3, 3],
      b6: [64],
      W7: [1024, 50],
      b7: [50],
      W8: [50, 10],
      b8: [10],
    }, "DeepConvNet({ rng }).params shapes");
    assertEquals(
      net.predict(Tensor.zeros([2, 1, 28, 28])).shape,
      [2, 10],
      "DeepConvNet({ rng }).predict(x [2, 1, 28, 28]) shape",
    );
  },
);

Deno.test(
  "the first Affine layer's input size follows every convolution's filter size, pad and stride and the three poolings, odd sizes rounded down",
  timeLimit,
  () => {
    const cases: [Omit<DeepConvNetOptions, "rng">, number][] = [
      // 8 -> 8, pool 4 -> 4 -> 6, pool 3 -> 3 -> 3, pool 1: 4 values.
      [TINY, 4],
      // Stride 2 first: 11 -> 6 -> 6, pool 3 -> 3 -> 5, pool 2 -> 2 -> 2,
      // pool 1; the second convolution has 5x5 filters and pad 2.
      [{
        inputDim: [3, 11, 11],
        convParams: convs(TINY_CONVS, {
          0: { stride: 2, pad: 1 },
          1: { filterSize: 5, pad: 2 },
        }),
      }, 4],
      // Height and width apart: 13x9 -> 13x9, pool 6x4 -> 6x4 -> 8x6,
      // pool 4x3 -> 4x3 -> 4x3, pool 2x1: 4 * 2 * 1 values.
      [{ inputDim: [1, 13, 9], convParams: TINY_CONVS }, 8],
      // No padding in the first two blocks: 16 -> 14 -> 12, pool 6 -> 4 -> 2,
      // pool 1; then pads 2 and 1: 1 -> 3 -> 3, pool 1.
      [{
        inputDim: [1, 16, 16],
        convParams: convs(TINY_CONVS, {
          0: { pad: 0 },
          1: { pad: 0 },
          2: { pad: 0 },
          3: { pad: 0 },
          4: { pad: 2 },
        }),
      }, 4],
    ];
    for (const [options, pooled] of cases) {
      const net = new DeepConvNet({
        ...options,
        hiddenSize: 6,
        outputSize: 4,
        rng: new Rng(3),
      });
      const what = `DeepConvNet(inputDim [${options.inputDim}], convParams ${
        JSON.stringify(options.convParams)
      }, hiddenSize 6, outputSize 4)`;
      const { shapes } = sizesOf({ ...options, hiddenSize: 6, outputSize: 4 });
      for (let k = 1; k <= 6; k++) {
        assertEquals(
          net.params[`W${k}`].shape,
          shapes[k - 1],
          `${what}: W${k} shape`,
        );
      }
      assertEquals(net.params.W7.shape, [pooled, 6], `${what}: W7 shape`);
      assertEquals(net.params.W8.shape, [6, 4], `${what}: W8 shape`);
      const x = Tensor.randn([2, ...options.inputDim!], new Rng(4));
      assertEquals(
        net.predict(x).shape,
        [2, 4],
        `${what}: predict(x [2, ...]) shape`,
      );
    }
  },
);

// ------------------------------------------------------------------ weights

Deno.test(
  "the weights are He-scaled normal draws from the given rng in the order W1 .. W8, std √(2 / the inputs of one unit); biases are zeros",
  timeLimit,
  () => {
    const options: Omit<DeepConvNetOptions, "rng"> = {
      inputDim: [3, 10, 10],
      convParams: convs(TINY_CONVS, { 0: { filterSize: 5, pad: 2 } }),
      hiddenSize: 6,
      outputSize: 4,
    };
    const net = new DeepConvNet({ ...options, rng: new Rng(5) });
    const rng = new Rng(5);
    const { fanIns, shapes } = sizesOf(options);
    shapes.forEach((shape, i) => {
      const k = i + 1;
      const expected = Tensor.randn(shape, rng, heStd(fanIns[i]));
      assertClose(net.params[`W${k}`], expected, {
        msg: `params.W${k} of DeepConvNet({ inputDim [3, 10, 10], ..., ` +
          `rng: new Rng(5) }): expected the draws of Tensor.randn([${shape}], ` +
          `rng, √(2 / ${fanIns[i]})), drawn after W1 .. W${k - 1}; ` +
          `${fanIns[i]} values feed each unit of this layer`,
      });
      const biases = net.params[`b${k}`];
      assertClose(biases, Tensor.zeros([shape[k <= 6 ? 0 : 1]]), {
        msg: `params.b${k} should start at zero, one per output unit`,
      });
    });
  },
);

// ------------------------------------------------------------------ predict

Deno.test(
  "inference-mode predict is conv, ReLU, conv, ReLU, pool three times, then Affine, ReLU, Affine, each Dropout scaling by 1 - dropoutRatio",
  timeLimit,
  () => {
    const { net, x } = tinyCase(6, 0.3);
    const expected = expectedScores(net, x, TINY_CONVS, 0.3);
    assertClose(net.predict(x, false), expected, {
      msg: "predict(x [3, 2, 8, 8], false) with dropoutRatio 0.3, " +
        "computed here from params (see expectedScores)",
    });
    assertClose(net.predict(x), expected, {
      msg: "predict(x) with dropoutRatio 0.3: without train it is inference",
    });
    assertClose(net.predict(x), expected, {
      msg: "predict(x) again: inference mode has no randomness",
    });
  },
);

Deno.test(
  "the layers use the very tensors in params: changing them in place changes predict",
  timeLimit,
  () => {
    const { net, x } = tinyCase(7, 0.5);
    net.predict(x);
    // What an optimizer does between two steps.
    perturb(net, new Rng(8), 0.2);
    assertClose(net.predict(x), expectedScores(net, x, TINY_CONVS, 0.5), {
      msg: "predict(x) after changing every parameter in place",
    });
  },
);

Deno.test(
  "training-mode predict drops with masks drawn from the rng after the weights: after the hidden ReLU and on the scores, a new mask every call",
  timeLimit,
  () => {
    const { net, x } = tinyCase(9, 0.5, 4);
    const masks = firstMasks(9, TINY, 4, 0.5);
    assertClose(
      net.predict(x, true),
      expectedScores(net, x, TINY_CONVS, 0.5, masks),
      {
        msg: "predict(x [4, 2, 8, 8], true), the first call of a net made " +
          "with new Rng(9) and dropoutRatio 0.5: the masks are " +
          "Tensor.uniform([4, 5]) > 0.5 after the hidden ReLU, then " +
          "Tensor.uniform([4, 3]) > 0.5 on the scores, drawn from the same " +
          "rng after the weights",
      },
    );
    assertNotEquals(
      [...net.predict(x, true).data],
      [...net.predict(x, true).data],
      "two calls of predict(x, true) gave the same scores: each training " +
        "forward must draw new masks",
    );
  },
);

// --------------------------------------------------------------------- loss

Deno.test(
  "loss is the mean softmax cross-entropy of the scores: inference mode unless train is true, with labels or one-hot targets",
  timeLimit,
  () => {
    const { net, x, t } = tinyCase(10, 0.5, 4);
    const scores = expectedScores(net, x, TINY_CONVS, 0.5);
    // The book's delta = 1e-7 inside the log, as the Softmax-with-Loss kata
    // adds it.
    const expected = softmaxLoss(scores, t, 1e-7);
    assertAlmostEquals(net.loss(x, t), expected, 1e-9, "loss(x, labels)");
    assertAlmostEquals(
      net.loss(x, oneHot(t, 3)),
      expected,
      1e-9,
      "loss(x, one-hot t)",
    );
    const fresh = tinyCase(10, 0.5, 4).net;
    const masks = firstMasks(10, TINY, 4, 0.5);
    const trained = expectedScores(fresh, x, TINY_CONVS, 0.5, masks);
    assertAlmostEquals(
      fresh.loss(x, t, true),
      softmaxLoss(trained, t, 1e-7),
      1e-9,
      "loss(x, t, true), the first training forward of a net made with " +
        "new Rng(10): the scores with the dropout masks",
    );
  },
);

// ----------------------------------------------------------------- gradient

/**
 * Checks gradient() against central differences of the training-mode loss
 * that `scores` gives (without delta, see softmaxLoss). The tiny net is
 * smooth away from its ReLU kinks and pooling ties, which these seeds keep
 * further than h = 1e-5 from every input; central differences then agree
 * with backpropagation to better than 1e-7 relative, so 1e-6 passes every
 * correct answer, while a wrong or missing term gives errors near 1.
 */
function checkGradients(
  net: DeepConvNet,
  x: Tensor,
  t: Tensor,
  what: string,
  scores: () => Tensor,
): void {
  const grads = net.gradient(x, t);
  assertEquals(
    Object.keys(grads).sort(),
    [...NAMES].sort(),
    `${what}: the names in gradient(x, t)`,
  );
  for (const name of NAMES) {
    const numeric = numericalGradient(
      () => softmaxLoss(scores(), t),
      net.params[name],
    );
    assertGradientsMatch(grads[name], numeric, {
      tolerance: 1e-6,
      msg: `${what}: gradient(x [3, 2, 8, 8], t).${name}`,
    });
  }
}

Deno.test(
  "gradient agrees with the numerical gradient of the loss for every parameter (dropoutRatio 0)",
  timeLimit,
  () => {
    const { net, x, t } = tinyCase(22, 0);
    checkGradients(net, x, t, "dropoutRatio 0", () => net.predict(x, true));
  },
);

Deno.test(
  "gradient with dropout agrees with the numerical gradient for the same masks",
  timeLimit,
  () => {
    const { net, x, t } = tinyCase(12, 0.3);
    // A twin made from the same seed draws the same masks in its first
    // training forward; give it the (perturbed) parameters and take its
    // scores.
    const twinScores = () => {
      const twin = new DeepConvNet({
        ...TINY,
        dropoutRatio: 0.3,
        rng: new Rng(12),
      });
      for (const name of NAMES) {
        twin.params[name].assignInPlace(net.params[name]);
      }
      return twin.predict(x, true);
    };
    checkGradients(net, x, t, "dropoutRatio 0.3", twinScores);
  },
);

Deno.test(
  "gradient gives each parameter's gradient in its shape, for a batch of 1 and one-hot targets",
  timeLimit,
  () => {
    const { net, x } = tinyCase(13, 0.5, 1);
    const grads = net.gradient(x, tensor([[0, 0, 1]]));
    for (const name of NAMES) {
      assertEquals(
        grads[name]?.shape,
        net.params[name].shape,
        `gradient(x [1, 2, 8, 8], one-hot t).${name} shape`,
      );
    }
  },
);

// ----------------------------------------------------------------- accuracy

Deno.test(
  "accuracy is the share of images whose inference-mode highest score is the target, the same for every batch size",
  timeLimit,
  () => {
    const { net, x } = tinyCase(14, 0.5, 7);
    const predicted = expectedScores(net, x, TINY_CONVS, 0.5).argmax(1);
    // Right for images 0, 2, 3 and 6, wrong (shifted) for the others.
    const labels = tensor(
      [...predicted.data].map((p, i) =>
        [0, 2, 3, 6].includes(i) ? p : (p + 1) % 3
      ),
    );
    for (const batchSize of [1, 3, 7, 100]) {
      assertAlmostEquals(
        net.accuracy(x, labels, batchSize),
        4 / 7,
        1e-12,
        `accuracy(x [7, ...], t, batchSize ${batchSize})`,
      );
    }
    assertAlmostEquals(net.accuracy(x, labels), 4 / 7, 1e-12, "accuracy(x, t)");
    assertAlmostEquals(
      net.accuracy(x, oneHot(labels, 3), 3),
      4 / 7,
      1e-12,
      "accuracy(x, one-hot t, batchSize 3)",
    );
  },
);

Deno.test(
  "accuracy predicts in inference mode at most batchSize images at a time, 100 by default",
  timeLimit,
  () => {
    const { net } = tinyCase(15, 0.5);
    const seen: string[] = [];
    const predict = net.predict.bind(net);
    net.predict = (batch: Tensor, train?: boolean) => {
      seen.push(`${batch.shape[0]} images, train ${train ?? false}`);
      return predict(batch, train);
    };
    const x = Tensor.randn([7, 2, 8, 8], new Rng(16));
    net.accuracy(x, tensor([0, 1, 2, 0, 1, 2, 0]), 3);
    assertEquals(
      seen,
      [
        "3 images, train false",
        "3 images, train false",
        "1 images, train false",
      ],
      "accuracy(x [7, ...], t, batchSize 3): what predict was given",
    );
    seen.length = 0;
    net.accuracy(Tensor.zeros([101, 2, 8, 8]), Tensor.zeros([101]));
    assertEquals(
      seen,
      ["100 images, train false", "1 images, train false"],
      "accuracy(x [101, ...], t) with the default batchSize: what predict was given",
    );
  },
);

// ---------------------------------------------------------------- bad input

Deno.test(
  "convParams other than six convolutions is rejected with an Error that names convParams",
  timeLimit,
  () => {
    for (
      const convParams of [TINY_CONVS.slice(0, 5), [
        ...TINY_CONVS,
        TINY_CONVS[0],
      ]]
    ) {
      assertClearError(
        () => new DeepConvNet({ ...TINY, convParams, rng: new Rng(17) }),
        `new DeepConvNet({ convParams: ${convParams.length} convolutions })`,
        {
          includes:
            `convParams must list 6 convolutions (3 blocks of 2), got ${convParams.length}`,
          says:
            "say that convParams must list 6 convolutions and how many it got",
          fix: "check convParams.length in the constructor and throw an Error",
        },
      );
    }
  },
);

Deno.test(
  "images too small for the convolutions and poolings are rejected with an Error that names inputDim, the convolution and the size",
  timeLimit,
  () => {
    // [1, 2, 2]: the last pooling gets 1x1; [C, 8, 2] and [C, 2, 8]: only
    // the width or only the height runs out; a 5x5 filter does not fit in
    // 4x4. The sizes are those of the book's formula, below 1.
    const cases: [Omit<DeepConvNetOptions, "rng">, string, string][] = [
      [
        { inputDim: [1, 2, 2] },
        "[1, 2, 2]",
        "convolution 6 (and its pooling, if it ends a block) the size is 0x0",
      ],
      [
        { ...TINY, inputDim: [2, 8, 2] },
        "[2, 8, 2]",
        "convolution 6 (and its pooling, if it ends a block) the size is 1x0",
      ],
      [
        { ...TINY, inputDim: [2, 2, 8] },
        "[2, 2, 8]",
        "convolution 6 (and its pooling, if it ends a block) the size is 0x1",
      ],
      [
        {
          ...TINY,
          inputDim: [2, 4, 4],
          convParams: convs(TINY_CONVS, { 0: { filterSize: 5, pad: 0 } }),
        },
        "[2, 4, 4]",
        "convolution 1 (and its pooling, if it ends a block) the size is 0x0",
      ],
    ];
    for (const [options, shown, where] of cases) {
      const what = `new DeepConvNet({ inputDim: ${shown}, ... })`;
      const advice = "compute each size in the constructor and throw an " +
        "Error when one falls below 1";
      assertClearError(
        () => new DeepConvNet({ ...options, rng: new Rng(18) }),
        what,
        {
          includes: `images of inputDim ${shown} are too small`,
          says: `say that images of inputDim ${shown} are too small`,
          fix: advice,
        },
      );
      assertClearError(
        () => new DeepConvNet({ ...options, rng: new Rng(18) }),
        what,
        {
          includes: `after ${where}`,
          says: `say where the size runs out: "after ${where}"`,
          fix: advice,
        },
      );
    }
  },
);

Deno.test(
  "predict rejects images that are not of inputDim with an Error that names both shapes",
  timeLimit,
  () => {
    const net = new DeepConvNet({ rng: new Rng(19) });
    for (const shape of [[2, 1, 27, 27], [1, 28, 28], [2, 3, 28, 28]]) {
      const x = Tensor.zeros(shape);
      const shown = `[${shape.join(", ")}]`;
      assertClearError(
        () => net.predict(x),
        `DeepConvNet({ rng }).predict(x ${shown})`,
        {
          includes:
            `DeepConvNet.predict: x has shape ${shown}, but the network was built for images of [1, 28, 28]`,
          says:
            "name predict, the shape of x and the image shape the network was built for",
          fix:
            "compare x.shape after the batch axis with inputDim and throw an Error",
        },
      );
    }
  },
);
