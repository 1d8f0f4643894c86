import { RNN } from "./rnn.ts";
import {
  assert,
  assertClearError,
  assertClose,
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

/** Small weights for D = 2 inputs and H = 2 hidden values, easy to follow by hand. */
function handWeights() {
  return {
    Wx: tensor([[0.1, 0.2], [0.3, 0.4]]),
    Wh: tensor([[0.5, 0], [0, 0.5]]),
    b: tensor([0.1, -0.1]),
  };
}

/** Random weights for D inputs and H hidden values. */
function randomWeights(rng: Rng, D: number, H: number) {
  return {
    Wx: Tensor.randn([D, H], rng, 0.5),
    Wh: Tensor.randn([H, H], rng, 0.5),
    b: Tensor.randn([H], rng, 0.5),
  };
}

Deno.test(
  "forward leaves x, hPrev and the weights unchanged and returns a new tensor",
  timeLimit,
  () => {
    const { Wx, Wh, b } = handWeights();
    const x = tensor([[1, 2]]);
    const hPrev = tensor([[1, -1]]);
    const layer = new RNN(Wx, Wh, b);
    const h = assertUnchanged(
      { x, hPrev, Wx, Wh, b },
      () => layer.forward(x, hPrev),
      "RNN.forward(x, hPrev)",
    );
    assertFresh(h, { x, hPrev, Wx, Wh, b }, "RNN.forward(x, hPrev)");
  },
);

Deno.test(
  "backward leaves dhNext unchanged and returns new tensors dx and dhPrev",
  timeLimit,
  () => {
    const { Wx, Wh, b } = handWeights();
    const x = tensor([[1, 2]]);
    const hPrev = tensor([[1, -1]]);
    const layer = new RNN(Wx, Wh, b);
    layer.forward(x, hPrev);
    const dhNext = tensor([[1, -2]]);
    const { dx, dhPrev } = assertUnchanged(
      { dhNext, x, hPrev, Wx, Wh, b },
      () => explain("RNN.backward", () => layer.backward(dhNext)),
      "RNN.backward(dhNext)",
    );
    for (const [name, t] of Object.entries({ dx, dhPrev })) {
      assertFresh(t, { dhNext, x, hPrev }, `RNN.backward(dhNext): ${name}`);
    }
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const { Wx, Wh, b } = handWeights();
    const layer = new RNN(Wx, Wh, b);
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 2])),
      "RNN.backward(ones([1, 2])) before any forward",
    );
  },
);

Deno.test(
  "params holds Wx, Wh and b themselves, and grads zeros in their shapes under the same names",
  timeLimit,
  () => {
    const weights = handWeights();
    const layer = new RNN(weights.Wx, weights.Wh, weights.b);
    for (const [name, w] of Object.entries(weights)) {
      assert(
        layer.params[name] === w,
        `new RNN(Wx, Wh, b): params.${name} must be the very tensor ${name} ` +
          "(no copy), so that an optimizer's update in place reaches the layer",
      );
      assertClose(layer.grads[name], Tensor.zeros(w.shape), {
        msg: `new RNN(Wx, Wh, b).grads.${name} before any backward`,
      });
      assertFresh(layer.grads[name], weights, `new RNN(...).grads.${name}`);
    }
  },
);

Deno.test(
  "forward is tanh(hPrev·Wh + x·Wx + b): each weight on its own input, the bias added once",
  timeLimit,
  () => {
    const { Wx, Wh, b } = handWeights();
    const layer = new RNN(Wx, Wh, b);
    // hPrev·Wh = [0.5, -0.5], x·Wx = [0.7, 1.0], b = [0.1, -0.1].
    assertClose(
      layer.forward(tensor([[1, 2]]), tensor([[1, -1]])),
      [[Math.tanh(1.3), Math.tanh(0.4)]],
      {
        msg: "RNN.forward([[1, 2]], [[1, -1]]) with Wx = [[0.1, 0.2], " +
          "[0.3, 0.4]], Wh = 0.5·I, b = [0.1, -0.1]",
      },
    );
    // A batch of two: the bias goes to each row, and each row has its own hPrev.
    assertClose(
      layer.forward(tensor([[0, 0], [1, 0]]), tensor([[0, 0], [2, 2]])),
      [[Math.tanh(0.1), Math.tanh(-0.1)], [Math.tanh(1.2), Math.tanh(1.1)]],
      {
        msg:
          "RNN.forward([[0, 0], [1, 0]], [[0, 0], [2, 2]]) with the same weights",
      },
    );
  },
);

Deno.test(
  "backward of a unit where tanh is flat (h near ±1) passes almost nothing: the factor is 1 - h²",
  timeLimit,
  () => {
    const layer = new RNN(
      tensor([[0], [0]]),
      tensor([[0]]),
      tensor([20]),
    );
    // tanh(20) is 1 to 17 digits: its slope 1 - h² is 0 in float64.
    layer.forward(tensor([[1, 1]]), tensor([[0]]));
    const { dx, dhPrev } = explain(
      "RNN.backward",
      () => layer.backward(tensor([[1]])),
    );
    assertClose(layer.grads.b, [0], {
      msg: "RNN.backward([[1]]) where the pre-activation was 20: grads.b",
    });
    assertClose(dx, [[0, 0]], { msg: "the same backward: dx" });
    assertClose(dhPrev, [[0]], { msg: "the same backward: dhPrev" });
  },
);

for (const N of [1, 3]) {
  Deno.test(
    `backward agrees with the numerical gradients of x, hPrev, Wx, Wh and b, for a batch of ${N}`,
    timeLimit,
    () => {
      const rng = new Rng(N + 10);
      const [D, H] = [3, 4];
      const weights = randomWeights(rng, D, H);
      const layer = new RNN(weights.Wx, weights.Wh, weights.b);
      const x = Tensor.randn([N, D], rng);
      const hPrev = Tensor.randn([N, H], rng, 0.5);
      const dhNext = Tensor.randn([N, H], rng);
      const loss = () => layer.forward(x, hPrev).mul(dhNext).sum();
      const numeric = {
        x: numericalGradient(loss, x),
        hPrev: numericalGradient(loss, hPrev),
        Wx: numericalGradient(loss, weights.Wx),
        Wh: numericalGradient(loss, weights.Wh),
        b: numericalGradient(loss, weights.b),
      };
      const what =
        `RNN.backward after forward of a batch of ${N} (D = 3, H = 4)`;
      layer.forward(x, hPrev);
      const { dx, dhPrev } = explain(what, () => layer.backward(dhNext));
      // tanh is smooth: the central difference is within about 1e-10 of
      // the exact gradient here, so 1e-7 leaves room only for rounding.
      const tolerance = 1e-7;
      assertGradientsMatch(dx, numeric.x, { tolerance, msg: `${what}: dx` });
      assertGradientsMatch(dhPrev, numeric.hPrev, {
        tolerance,
        msg: `${what}: dhPrev`,
      });
      for (const name of ["Wx", "Wh", "b"] as const) {
        assertGradientsMatch(layer.grads[name], numeric[name], {
          tolerance,
          msg: `${what}: grads.${name}`,
        });
      }
    },
  );
}

Deno.test(
  "backward writes into the grads tensors the layer already has, and overwrites them",
  timeLimit,
  () => {
    const rng = new Rng(3);
    const weights = randomWeights(rng, 2, 3);
    const layer = new RNN(weights.Wx, weights.Wh, weights.b);
    // A network gathers its layers' gradients once and reads them after
    // each backward: it holds these very tensors.
    const held = { ...layer.grads };
    const x = Tensor.randn([2, 2], rng);
    const hPrev = Tensor.randn([2, 3], rng);
    const dhNext = Tensor.randn([2, 3], rng);
    layer.forward(x, hPrev);
    explain("RNN.backward", () => layer.backward(dhNext));
    const once = Object.fromEntries(
      Object.entries(held).map(([name, g]) => [name, g.clone()]),
    );
    layer.forward(x, hPrev);
    explain("RNN.backward", () => layer.backward(dhNext));
    for (const name of ["Wx", "Wh", "b"]) {
      assert(
        layer.grads[name] === held[name],
        `RNN.backward replaced grads.${name} with another tensor: a network ` +
          `that gathered grads.${name} before backward still holds the old ` +
          "one. Write into the existing tensor (in place)",
      );
      assertClose(held[name], once[name], {
        msg: `grads.${name} after the same forward and backward twice ` +
          "(each backward overwrites; the time layer does the adding)",
      });
    }
  },
);

Deno.test(
  "backward uses the x and hPrev of the most recent forward",
  timeLimit,
  () => {
    const rng = new Rng(4);
    const weights = randomWeights(rng, 2, 2);
    const layer = new RNN(weights.Wx, weights.Wh, weights.b);
    const x = Tensor.randn([1, 2], rng);
    const hPrev = Tensor.randn([1, 2], rng);
    const dhNext = Tensor.randn([1, 2], rng);
    const fresh = new RNN(weights.Wx, weights.Wh, weights.b);
    fresh.forward(x, hPrev);
    const expected = explain("RNN.backward", () => fresh.backward(dhNext));
    layer.forward(Tensor.randn([1, 2], rng), Tensor.randn([1, 2], rng));
    layer.forward(x, hPrev);
    const got = explain("RNN.backward", () => layer.backward(dhNext));
    const what =
      "RNN.backward after two forwards, against a layer that saw only the second";
    assertClose(got.dx, expected.dx, { msg: `${what}: dx` });
    assertClose(got.dhPrev, expected.dhPrev, { msg: `${what}: dhPrev` });
    for (const name of ["Wx", "Wh", "b"]) {
      assertClose(layer.grads[name], fresh.grads[name], {
        msg: `${what}: grads.${name}`,
      });
    }
  },
);

Deno.test(
  "an update of the weights in place is seen by the next forward",
  timeLimit,
  () => {
    const { Wx, Wh, b } = handWeights();
    const layer = new RNN(Wx, Wh, b);
    layer.forward(tensor([[1, 2]]), tensor([[1, -1]]));
    b.subInPlace(0.3);
    assertClose(
      layer.forward(tensor([[1, 2]]), tensor([[1, -1]])),
      [[Math.tanh(1.0), Math.tanh(0.1)]],
      { msg: "RNN.forward([[1, 2]], [[1, -1]]) after b.subInPlace(0.3)" },
    );
  },
);

Deno.test(
  "forward rejects an hPrev that is not [N, H] and an x of the wrong width, with errors that name the shapes",
  timeLimit,
  () => {
    const { Wx, Wh, b } = handWeights();
    const layer = new RNN(Wx, Wh, b);
    for (const shape of [[2, 2], [1, 3], [2]]) {
      assertClearError(
        () => layer.forward(tensor([[1, 2]]), Tensor.ones(shape)),
        `RNN.forward(x of shape [1, 2], hPrev of shape [${
          shape.join(", ")
        }]) with H = 2`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of hPrev, [${shape.join(", ")}]`,
          fix: "compare hPrev's shape with [N, H] and throw an Error",
        },
      );
    }
    assertClearError(
      () => layer.forward(Tensor.ones([1, 3]), tensor([[0, 0]])),
      "RNN.forward(x of shape [1, 3], hPrev of shape [1, 2]) with Wx of shape [2, 2]",
      {
        includes: "[1, 3]",
        says: "name the shape of x, [1, 3]",
        fix: "let the product x·Wx check the shapes, or check them yourself",
      },
    );
  },
);

Deno.test(
  "backward rejects a dhNext that is not the shape of hNext, with an error that names it",
  timeLimit,
  () => {
    const { Wx, Wh, b } = handWeights();
    const layer = new RNN(Wx, Wh, b);
    layer.forward(tensor([[1, 2], [3, 4]]), tensor([[0, 0], [0, 0]]));
    // [1, 2] and [2] would broadcast silently against hNext of [2, 2].
    for (const shape of [[1, 2], [2], [3, 2]]) {
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `RNN.backward(ones([${
          shape.join(", ")
        }])) after a forward whose hNext is [2, 2]`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of dhNext, [${shape.join(", ")}]`,
          fix: "compare dhNext's shape with hNext's and throw an Error",
        },
      );
    }
  },
);
