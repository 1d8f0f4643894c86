import { TimeRNN } from "./time_rnn.ts";
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

const [D, H] = [2, 3];

/** Random weights for D = 2 inputs and H = 3 hidden values. */
function randomWeights(rng: Rng) {
  return {
    Wx: Tensor.randn([D, H], rng, 0.5),
    Wh: Tensor.randn([H, H], rng, 0.5),
    b: Tensor.randn([H], rng, 0.5),
  };
}

/** The weights as the three constructor arguments. */
function layerOf(
  w: { Wx: Tensor; Wh: Tensor; b: Tensor },
  stateful = false,
): TimeRNN {
  return new TimeRNN(w.Wx, w.Wh, w.b, stateful);
}

/** Steps 'from' to 'to' (excluded) of a [N, T, ...] tensor. */
function steps(xs: Tensor, from: number, to: number): Tensor {
  return xs.slice(null, [from, to]);
}

/** The scalar whose gradients backward(dhs) computes: Σ hs * dhs. */
function lossOf(hs: unknown, dhs: Tensor): number {
  assert(hs instanceof Tensor, "TimeRNN.forward must return a Tensor");
  return hs.mul(dhs).sum();
}

Deno.test(
  "forward leaves xs and the weights unchanged and returns a new tensor",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const w = randomWeights(rng);
    const xs = Tensor.randn([2, 3, D], rng);
    const hs = assertUnchanged(
      { xs, ...w },
      () => layerOf(w).forward(xs),
      "TimeRNN.forward(xs of shape [2, 3, 2])",
    );
    assertFresh(hs, { xs, ...w }, "TimeRNN.forward(xs)");
  },
);

Deno.test(
  "backward leaves dhs unchanged and returns a new tensor",
  timeLimit,
  () => {
    const rng = new Rng(2);
    const w = randomWeights(rng);
    const layer = layerOf(w);
    const xs = Tensor.randn([2, 3, D], rng);
    layer.forward(xs);
    const dhs = Tensor.randn([2, 3, H], rng);
    const dxs = assertUnchanged(
      { dhs, xs, ...w },
      () => explain("TimeRNN.backward", () => layer.backward(dhs)),
      "TimeRNN.backward(dhs of shape [2, 3, 3])",
    );
    assertFresh(dxs, { dhs, xs }, "TimeRNN.backward(dhs)");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const layer = layerOf(randomWeights(new Rng(3)));
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 2, H])),
      "TimeRNN.backward(ones([1, 2, 3])) before any forward",
    );
  },
);

Deno.test(
  "params holds Wx, Wh and b themselves, and grads zeros in their shapes under the same names",
  timeLimit,
  () => {
    const w = randomWeights(new Rng(4));
    const layer = layerOf(w);
    for (const [name, t] of Object.entries(w)) {
      assert(
        layer.params[name] === t,
        `new TimeRNN(Wx, Wh, b): params.${name} must be the very tensor ` +
          `${name} (no copy), so that an optimizer's update in place reaches it`,
      );
      assertClose(layer.grads[name], Tensor.zeros(t.shape), {
        msg: `new TimeRNN(Wx, Wh, b).grads.${name} before any backward`,
      });
      assertFresh(layer.grads[name], w, `new TimeRNN(...).grads.${name}`);
    }
  },
);

Deno.test(
  "forward runs the cell step after step from a zero state, each step on the state of the one before",
  timeLimit,
  () => {
    // One input, one hidden value: h_t = tanh(0.5 h_{t-1} + x_t).
    const layer = new TimeRNN(tensor([[1]]), tensor([[0.5]]), tensor([0]));
    const h1 = Math.tanh(1);
    const h2 = Math.tanh(0.5 * h1);
    const h3 = Math.tanh(0.5 * h2 - 1);
    assertClose(
      layer.forward(tensor([[[1], [0], [-1]], [[0], [0], [0]]])),
      [[[h1], [h2], [h3]], [[0], [0], [0]]],
      {
        msg: "TimeRNN.forward(xs = [[[1], [0], [-1]], [[0], [0], [0]]]) with " +
          "Wx = [[1]], Wh = [[0.5]], b = [0]: h_t = tanh(0.5 h_(t-1) + x_t)",
      },
    );
  },
);

Deno.test(
  "a layer that is not stateful starts every forward from zeros",
  timeLimit,
  () => {
    const rng = new Rng(5);
    const layer = layerOf(randomWeights(rng));
    const xs = Tensor.randn([2, 3, D], rng);
    const first = layer.forward(xs).clone();
    assertClose(layer.forward(xs), first, {
      msg:
        "TimeRNN(stateful = false).forward(xs), the second time, against the first",
    });
  },
);

Deno.test(
  "a stateful layer carries the hidden state across forwards: two blocks give the hidden states of the whole sequence",
  timeLimit,
  () => {
    const rng = new Rng(6);
    const w = randomWeights(rng);
    const xs = Tensor.randn([2, 5, D], rng);
    const whole = layerOf(w).forward(xs);
    const layer = layerOf(w, true);
    const first = layer.forward(steps(xs, 0, 3));
    const second = layer.forward(steps(xs, 3, 5));
    const what =
      "TimeRNN(stateful = true): forward of steps 0-2, then of steps 3-4";
    assertClose(first, steps(whole, 0, 3), { msg: `${what}: the first block` });
    assertClose(second, steps(whole, 3, 5), {
      msg: `${what}: the second block, against steps 3-4 of one forward over ` +
        "all five (it must start from the state the first block ended with)",
    });
  },
);

Deno.test(
  "resetState makes a stateful layer start again from zeros",
  timeLimit,
  () => {
    const rng = new Rng(7);
    const w = randomWeights(rng);
    const xs = Tensor.randn([2, 3, D], rng);
    const layer = layerOf(w, true);
    const first = layer.forward(xs).clone();
    layer.resetState();
    assertClose(layer.forward(xs), first, {
      msg: "TimeRNN(stateful = true).forward(xs) after resetState, against " +
        "its first forward",
    });
  },
);

Deno.test(
  "setState gives a stateful layer the hidden state its next forward starts from",
  timeLimit,
  () => {
    const layer = new TimeRNN(
      tensor([[1]]),
      tensor([[0.5]]),
      tensor([0]),
      true,
    );
    const h0 = tensor([[2]]);
    layer.setState(h0);
    assertClose(
      layer.forward(tensor([[[1], [0]]])),
      [[[Math.tanh(2)], [Math.tanh(0.5 * Math.tanh(2))]]],
      {
        msg: "TimeRNN(stateful = true).forward([[[1], [0]]]) after " +
          "setState([[2]]), with Wx = [[1]], Wh = [[0.5]], b = [0]",
      },
    );
    assertClose(h0, [[2]], {
      msg:
        "the tensor given to setState, after the forward (it must not be written into)",
    });
  },
);

for (const [N, T] of [[1, 1], [2, 4]]) {
  Deno.test(
    `backward through ${T} step(s) agrees with the numerical gradients of xs, Wx, Wh and b, for a batch of ${N}`,
    timeLimit,
    () => {
      const rng = new Rng(10 * N + T);
      const w = randomWeights(rng);
      const layer = layerOf(w);
      const xs = Tensor.randn([N, T, D], rng);
      const dhs = Tensor.randn([N, T, H], rng);
      const loss = () => lossOf(layer.forward(xs), dhs);
      const numeric = {
        xs: numericalGradient(loss, xs),
        Wx: numericalGradient(loss, w.Wx),
        Wh: numericalGradient(loss, w.Wh),
        b: numericalGradient(loss, w.b),
      };
      const what =
        `TimeRNN.backward after forward of ${N} sequence(s) of ${T} step(s)`;
      layer.forward(xs);
      const dxs = explain(what, () => layer.backward(dhs));
      // tanh is smooth: a correct backward is within about 1e-9 of the
      // central difference, even through four steps.
      const tolerance = 1e-7;
      assertGradientsMatch(dxs, numeric.xs, { tolerance, msg: `${what}: dxs` });
      for (const name of ["Wx", "Wh", "b"] as const) {
        assertGradientsMatch(layer.grads[name], numeric[name], {
          tolerance,
          msg: `${what}: grads.${name}, the sum over the steps`,
        });
      }
    },
  );
}

Deno.test(
  "the gradient of a late hidden state reaches every earlier input through the steps between",
  timeLimit,
  () => {
    const rng = new Rng(12);
    const w = randomWeights(rng);
    const layer = layerOf(w);
    const xs = Tensor.randn([1, 4, D], rng);
    // Only the last step's output matters to the loss.
    const dhs = Tensor.zeros([1, 4, H]);
    dhs.setSliceInPlace([null, 3], Tensor.randn([1, H], rng));
    const numeric = numericalGradient(() => lossOf(layer.forward(xs), dhs), xs);
    layer.forward(xs);
    const what = "TimeRNN.backward with dhs zero except at the last of 4 steps";
    const dxs = explain(what, () => layer.backward(dhs));
    assertGradientsMatch(dxs, numeric, {
      tolerance: 1e-7,
      msg: `${what}: dxs`,
    });
  },
);

Deno.test(
  "a stateful second block: backward gives the weights' gradients of that block alone, and dh the gradient of the state it started from",
  timeLimit,
  () => {
    const rng = new Rng(13);
    const w = randomWeights(rng);
    const layer = layerOf(w, true);
    const xs = Tensor.randn([2, 5, D], rng);
    layer.forward(steps(xs, 0, 3));
    // The state the second block starts from, as the first left it.
    const h0 = layerOf(w).forward(steps(xs, 0, 3)).slice(null, 2);
    const second = steps(xs, 3, 5);
    const dhs = Tensor.randn([2, 2, H], rng);
    // Truncated BPTT: the first block's steps are constants to this loss.
    const loss = () => {
      const probe = layerOf(w, true);
      probe.setState(h0);
      return lossOf(probe.forward(second), dhs);
    };
    const numeric = {
      h0: numericalGradient(loss, h0),
      xs: numericalGradient(loss, second),
      Wx: numericalGradient(loss, w.Wx),
      Wh: numericalGradient(loss, w.Wh),
      b: numericalGradient(loss, w.b),
    };
    layer.forward(second);
    const what = "TimeRNN(stateful = true).backward after forwards of steps " +
      "0-2 and 3-4";
    const dxs = explain(what, () => layer.backward(dhs));
    assertGradientsMatch(dxs, numeric.xs, {
      tolerance: 1e-7,
      msg: `${what}: dxs`,
    });
    for (const name of ["Wx", "Wh", "b"] as const) {
      assertGradientsMatch(layer.grads[name], numeric[name], {
        tolerance: 1e-7,
        msg: `${what}: grads.${name} (steps 3-4 only)`,
      });
    }
    assertGradientsMatch(layer.dh, numeric.h0, {
      tolerance: 1e-7,
      msg: `${what}: dh, the gradient of the state at the start of the block`,
    });
  },
);

Deno.test(
  "each backward starts afresh: no gradient is carried from one backward to the next, and grads are overwritten",
  timeLimit,
  () => {
    const rng = new Rng(14);
    const w = randomWeights(rng);
    const layer = layerOf(w, true);
    const xs = Tensor.randn([2, 3, D], rng);
    const dhs = Tensor.randn([2, 3, H], rng);
    layer.forward(xs);
    const held = { ...layer.grads };
    const first = explain("TimeRNN.backward", () => layer.backward(dhs));
    const once = Object.fromEntries(
      Object.entries(held).map(([name, g]) => [name, g.clone()]),
    );
    const again = explain("TimeRNN.backward", () => layer.backward(dhs));
    const what = "TimeRNN.backward(dhs) twice after one forward";
    assertClose(again, first, {
      msg: `${what}: the second dxs against the first (the gradient of the ` +
        "block's first state must not flow into the next backward)",
    });
    for (const name of ["Wx", "Wh", "b"]) {
      assert(
        layer.grads[name] === held[name],
        `TimeRNN.backward replaced grads.${name} with another tensor: a ` +
          `network that gathered grads.${name} still holds the old one. ` +
          "Write into the existing tensor (in place)",
      );
      assertClose(held[name], once[name], {
        msg: `${what}: grads.${name} the second time against the first ` +
          "(each backward's sum starts from zero)",
      });
    }
  },
);

Deno.test(
  "a block of no steps passes the state through untouched: hs and dxs are empty, and dh is zeros of [N, H]",
  timeLimit,
  () => {
    const layer = layerOf(randomWeights(new Rng(17)));
    const what = "TimeRNN forward and backward of xs of shape [2, 0, 2]";
    const hs = explain(what, () => layer.forward(Tensor.zeros([2, 0, D])));
    assertClose(hs, Tensor.zeros([2, 0, H]), { msg: `${what}: hs` });
    const dxs = explain(what, () => layer.backward(Tensor.zeros([2, 0, H])));
    assertClose(dxs, Tensor.zeros([2, 0, D]), { msg: `${what}: dxs` });
    assertClose(layer.dh, Tensor.zeros([2, H]), { msg: `${what}: dh` });
  },
);

Deno.test(
  "an update of the weights in place is seen by the next forward",
  timeLimit,
  () => {
    const b = tensor([0]);
    const layer = new TimeRNN(tensor([[1]]), tensor([[0.5]]), b);
    layer.forward(tensor([[[1]]]));
    b.addInPlace(1);
    assertClose(layer.forward(tensor([[[1]]])), [[[Math.tanh(2)]]], {
      msg: "TimeRNN.forward([[[1]]]) after b.addInPlace(1)",
    });
  },
);

Deno.test(
  "forward rejects xs that are not [N, T, D] with an error that names the shape",
  timeLimit,
  () => {
    const layer = layerOf(randomWeights(new Rng(15)));
    for (const shape of [[3, D], [1, 2, 3, D]]) {
      assertClearError(
        () => layer.forward(Tensor.ones(shape)),
        `TimeRNN.forward(ones([${shape.join(", ")}]))`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of xs, [${shape.join(", ")}]`,
          fix: "check that xs has three axes and throw an Error",
        },
      );
    }
  },
);

Deno.test(
  "backward rejects dhs that are not the shape of the hidden states, with an error that names it",
  timeLimit,
  () => {
    const layer = layerOf(randomWeights(new Rng(16)));
    layer.forward(Tensor.ones([2, 3, D]));
    // [3, 3] and [1, 3, 3] would broadcast silently against [2, 3, 3].
    for (const shape of [[2, 2, H], [1, 3, H], [3, H]]) {
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `TimeRNN.backward(ones([${
          shape.join(", ")
        }])) after a forward of [2, 3, 2]`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of dhs, [${shape.join(", ")}]`,
          fix: "compare dhs's shape with [N, T, H] and throw an Error",
        },
      );
    }
  },
);
