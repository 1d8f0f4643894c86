import { Dropout } from "./dropout.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertForwardFirst,
  assertFresh,
  assertLayerGradients,
  assertNotEquals,
  assertStringIncludes,
  assertThrows,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";
import { where } from "../../lib/tensor.ts";

/** The mask the layer must draw: one uniform per element from `seed`. */
function expectedMask(shape: number[], seed: number, ratio: number): Tensor {
  return Tensor.uniform(shape, new Rng(seed)).gt(ratio);
}

/** The fraction of elements that are not 0. */
function keptFraction(t: Tensor): number {
  return t.data.filter((v) => v !== 0).length / t.size;
}

/** Values kept away from 0, so a dropped element is easy to tell from a kept one. */
function nonZero(shape: number[], rng: Rng): Tensor {
  return Tensor.uniform(shape, rng, 0.5, 2).mul(
    Tensor.uniform(shape, rng).map((u) => (u < 0.5 ? -1 : 1)),
  );
}

Deno.test(
  "forward leaves x unchanged and returns a new tensor, in training and at inference",
  timeLimit,
  () => {
    for (const ratio of [0.5, 0]) {
      for (const train of [true, false]) {
        const x = tensor([[1, -2, 3], [-0.5, 3, -4]]);
        const what = `Dropout(rng, ${ratio}).forward(x, ${train})`;
        const y = assertUnchanged(
          { x },
          () => new Dropout(new Rng(10), ratio).forward(x, train),
          what,
        );
        assertFresh(y, { x }, what);
      }
    }
  },
);

Deno.test(
  "backward leaves dout unchanged and returns a new tensor",
  timeLimit,
  () => {
    for (const ratio of [0.5, 0]) {
      for (const train of [true, false]) {
        const layer = new Dropout(new Rng(17), ratio);
        layer.forward(Tensor.ones([2, 3]), train);
        const dout = tensor([[1, 2, 3], [4, 5, 6]]);
        const what =
          `Dropout(rng, ${ratio}).backward(dout) after forward(x, ${train})`;
        const dx = assertUnchanged({ dout }, () => layer.backward(dout), what);
        assertFresh(dx, { dout }, what);
      }
    }
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => new Dropout(new Rng(18), 0.5).backward(tensor([1, 2])),
      "Dropout(rng, 0.5).backward([1, 2]) before any forward",
    ),
);
Deno.test(
  "a dout whose shape is not that of the last training forward's x is rejected with an Error that names dout",
  timeLimit,
  () => {
    const layer = new Dropout(new Rng(26), 0.5);
    layer.forward(Tensor.ones([4, 5]));
    // [1, 5], [5] and [4, 1] would broadcast against the mask [4, 5].
    for (const shape of [[1, 5], [5], [4, 1], [5, 4]]) {
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `Dropout.backward(dout of shape [${shape}]) after forward(x of shape [4, 5])`,
        {
          includes: "dout",
          says: "name dout, whose shape does not match",
          fix: "compare dout's shape with the mask's and throw an Error",
        },
      );
    }
  },
);

Deno.test(
  "a dropoutRatio below 0, at 1 or above, or not a number is rejected with an Error that names it",
  timeLimit,
  () => {
    for (const ratio of [-0.1, 1, 1.5, NaN]) {
      const error = assertThrows(
        () => new Dropout(new Rng(23), ratio),
        Error,
        undefined,
        `new Dropout(rng, ${ratio})`,
      );
      assertStringIncludes(
        error.message,
        "dropoutRatio",
        `new Dropout(rng, ${ratio}): the error should name dropoutRatio`,
      );
    }
  },
);

Deno.test(
  "training forward keeps x where the uniform draw is > dropoutRatio and zeroes it elsewhere, unscaled",
  timeLimit,
  () => {
    const x = nonZero([4, 5], new Rng(1));
    const out = new Dropout(new Rng(11), 0.3).forward(x);
    // The draws, in row-major order, are Tensor.uniform(x.shape, new Rng(11)).
    assertClose(out, x.mul(expectedMask([4, 5], 11, 0.3)), {
      msg:
        "Dropout(new Rng(11), 0.3).forward(x): x times the mask (uniform draw > 0.3)",
    });
  },
);

Deno.test(
  "on a large input training forward keeps about 1 - dropoutRatio of the elements",
  timeLimit,
  () => {
    const x = Tensor.ones([100, 100]);
    for (const ratio of [0.2, 0.5, 0.7]) {
      const kept = keptFraction(new Dropout(new Rng(2), ratio).forward(x));
      // 10 000 draws: the kept fraction is within 0.02 of 1 - ratio (5 sigma).
      assert(
        Math.abs(kept - (1 - ratio)) < 0.02,
        `Dropout(rng, ${ratio}).forward(ones [100, 100]) kept ${kept} of the elements; ` +
          `expected about ${1 - ratio} (keep where the draw is > ${ratio})`,
      );
    }
  },
);

Deno.test(
  "inference forward scales every input by 1 - dropoutRatio",
  timeLimit,
  () => {
    const x = tensor([[1, -2, 3], [0.5, 0, -4]]);
    const layer = new Dropout(new Rng(3), 0.3);
    const expected = [[0.7, -1.4, 2.1], [0.35, 0, -2.8]];
    assertClose(layer.forward(x, false), expected, {
      msg: "Dropout(rng, 0.3).forward([[1, -2, 3], [0.5, 0, -4]], false)",
    });
    assertClose(layer.forward(x, false), expected, {
      msg:
        "a second Dropout(rng, 0.3).forward(x, false): inference has no randomness",
    });
  },
);

Deno.test("dropoutRatio defaults to 0.5", timeLimit, () => {
  const layer = new Dropout(new Rng(4));
  assertClose(layer.forward(tensor([2, -4]), false), [1, -2], {
    msg: "new Dropout(rng).forward([2, -4], false)",
  });
  const x = nonZero([4, 5], new Rng(5));
  assertClose(
    new Dropout(new Rng(12)).forward(x),
    x.mul(expectedMask([4, 5], 12, 0.5)),
    { msg: "new Dropout(new Rng(12)).forward(x)" },
  );
});

Deno.test(
  "backward passes dout where the last training forward kept x, and 0 where it dropped it",
  timeLimit,
  () => {
    const rng = new Rng(6);
    const layer = new Dropout(new Rng(13), 0.4);
    layer.forward(nonZero([3, 4], rng));
    const dout = nonZero([3, 4], rng);
    assertClose(layer.backward(dout), dout.mul(expectedMask([3, 4], 13, 0.4)), {
      msg: "Dropout(new Rng(13), 0.4).backward(dout) after one forward",
    });
  },
);

Deno.test(
  "backward passes dout where an input was 0 but kept: the mask is what was drawn, not where the output is non-zero",
  timeLimit,
  () => {
    const layer = new Dropout(new Rng(19), 0.4);
    // Zeros in the input (a ReLU before Dropout gives many) are kept or
    // dropped like any other value, and a kept zero passes its gradient.
    layer.forward(Tensor.zeros([3, 4]));
    const dout = nonZero([3, 4], new Rng(20));
    assertClose(layer.backward(dout), dout.mul(expectedMask([3, 4], 19, 0.4)), {
      msg:
        "Dropout(new Rng(19), 0.4).backward(dout) after forward(zeros [3, 4])",
    });
  },
);

Deno.test(
  "backward agrees with the numerical gradient for a fixed mask",
  timeLimit,
  () => {
    const rng = new Rng(7);
    // A new layer with the same seed for every forward: the same mask each
    // time, so the numerical gradient sees one fixed function of x.
    let layer = new Dropout(new Rng(14), 0.5);
    assertLayerGradients({
      layer: "Dropout",
      forward: (x) => {
        layer = new Dropout(new Rng(14), 0.5);
        return layer.forward(x);
      },
      backward: (dout) => layer.backward(dout),
      x: Tensor.randn([4, 6], rng),
      rng,
      // Forward is linear in x for a fixed mask: exact up to rounding.
      tolerance: 1e-8,
    });
  },
);

Deno.test(
  "backward after an inference forward scales dout by 1 - dropoutRatio",
  timeLimit,
  () => {
    const layer = new Dropout(new Rng(8), 0.25);
    layer.forward(Tensor.ones([2, 2]));
    layer.forward(Tensor.ones([2, 2]), false);
    assertClose(
      layer.backward(tensor([[4, 8], [-4, 1]])),
      [[3, 6], [-3, 0.75]],
      {
        msg:
          "Dropout(rng, 0.25).backward([[4, 8], [-4, 1]]) after forward(x) then forward(x, false)",
      },
    );
  },
);

Deno.test(
  "each training forward draws a new mask, and backward uses the most recent one",
  timeLimit,
  () => {
    const layer = new Dropout(new Rng(15), 0.5);
    const x = Tensor.ones([4, 8]);
    const first = layer.forward(x);
    const second = layer.forward(x);
    // The second mask comes from the next 32 draws of the same generator.
    const draws = Tensor.uniform([2, 4, 8], new Rng(15)).gt(0.5);
    assertClose(first, draws.rows([0]).reshape(4, 8), {
      msg: "the first Dropout(new Rng(15), 0.5).forward(ones [4, 8])",
    });
    assertClose(second, draws.rows([1]).reshape(4, 8), {
      msg: "the second forward: the next 32 draws of the same generator",
    });
    const dout = Tensor.full([4, 8], 3);
    assertClose(layer.backward(dout), second.mul(3), {
      msg: "Dropout.backward(3s) after two forwards uses the second mask",
    });
  },
);

Deno.test(
  "the mask comes from the generator passed in: the same seed gives the same mask, another seed another",
  timeLimit,
  () => {
    const x = Tensor.ones([10, 10]);
    const a = new Dropout(new Rng(21), 0.5).forward(x);
    const b = new Dropout(new Rng(21), 0.5).forward(x);
    const c = new Dropout(new Rng(22), 0.5).forward(x);
    assertClose(a, b, {
      msg: "two Dropout layers with new Rng(21): forward(ones [10, 10])",
    });
    assertNotEquals(
      [...a.data],
      [...c.data],
      "Dropout layers with new Rng(21) and new Rng(22) drew the same mask",
    );
  },
);

Deno.test(
  "forward and backward keep the shape for a batch of 1, a batch of 4 and images",
  timeLimit,
  () => {
    const rng = new Rng(9);
    for (const shape of [[1, 6], [4, 6], [2, 3, 4, 4]]) {
      const layer = new Dropout(new Rng(16), 0.5);
      const x = nonZero(shape, rng);
      const mask = expectedMask(shape, 16, 0.5);
      assertClose(layer.forward(x), x.mul(mask), {
        msg: `Dropout.forward on shape [${shape}]`,
      });
      const dout = nonZero(shape, rng);
      assertClose(layer.backward(dout), dout.mul(mask), {
        msg: `Dropout.backward on shape [${shape}]`,
      });
      assertClose(layer.forward(x, false), x.mul(0.5), {
        msg: `Dropout.forward(x, false) on shape [${shape}]`,
      });
    }
  },
);

Deno.test(
  "a dropped element is 0 even where x or dout is Infinity or NaN (Infinity times 0 would be NaN)",
  timeLimit,
  () => {
    const shape = [4, 5];
    const mask = expectedMask(shape, 24, 0.5);
    // Infinity and NaN everywhere the mask drops, ordinary values elsewhere.
    const wild = where(mask, nonZero(shape, new Rng(25)), Infinity);
    wild.setInPlace([0, 0], mask.get(0, 0) ? 1 : NaN);
    const kept = where(mask, wild, 0);
    const layer = new Dropout(new Rng(24), 0.5);
    assertClose(layer.forward(wild), kept, {
      msg:
        "Dropout(new Rng(24), 0.5).forward(x), x Infinity or NaN where dropped",
    });
    assertClose(layer.backward(wild), kept, {
      msg:
        "Dropout(new Rng(24), 0.5).backward(dout), dout Infinity or NaN where dropped",
    });
  },
);
