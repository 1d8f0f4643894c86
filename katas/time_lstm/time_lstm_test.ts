import { TimeLSTM } from "./time_lstm.ts";
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

/** Random weights for D = 2 inputs and H = 3 hidden values, gates f, g, i, o side by side. */
function randomWeights(rng: Rng) {
  return {
    Wx: Tensor.randn([D, 4 * H], rng, 0.5),
    Wh: Tensor.randn([H, 4 * H], rng, 0.5),
    b: Tensor.randn([4 * H], rng, 0.5),
  };
}

/** The weights as the three constructor arguments. */
function layerOf(
  w: { Wx: Tensor; Wh: Tensor; b: Tensor },
  stateful = false,
): TimeLSTM {
  return new TimeLSTM(w.Wx, w.Wh, w.b, stateful);
}

/** Steps 'from' to 'to' (excluded) of a [N, T, ...] tensor. */
function steps(xs: Tensor, from: number, to: number): Tensor {
  return xs.slice(null, [from, to]);
}

/** The scalar whose gradients backward(dhs) computes: Σ hs * dhs. */
function lossOf(hs: unknown, dhs: Tensor): number {
  assert(hs instanceof Tensor, "TimeLSTM.forward must return a Tensor");
  return hs.mul(dhs).sum();
}

/** σ, elementwise. */
function sigmoid(x: Tensor): Tensor {
  return x.neg().exp().add(1).pow(-1);
}

/**
 * The LSTM cell's forward of the README, written out for the spec: one step
 * from (h, c) for x, the gates f, g, i, o side by side.
 */
function cellStep(
  w: { Wx: Tensor; Wh: Tensor; b: Tensor },
  x: Tensor,
  h: Tensor,
  c: Tensor,
): { h: Tensor; c: Tensor } {
  const H = h.shape[1];
  const A = x.matmul(w.Wx).add(h.matmul(w.Wh)).add(w.b);
  const gate = (k: number) => A.slice(null, [k * H, (k + 1) * H]);
  const cNext = sigmoid(gate(0)).mul(c).add(
    gate(1).map(Math.tanh).mul(sigmoid(gate(2))),
  );
  return { h: sigmoid(gate(3)).mul(cNext.map(Math.tanh)), c: cNext };
}

/** The hidden states and the last (h, c) of `xs` [N, T, D] from (h, c), by cellStep. */
function reference(
  w: { Wx: Tensor; Wh: Tensor; b: Tensor },
  xs: Tensor,
  h: Tensor,
  c: Tensor,
): { hs: Tensor; h: Tensor; c: Tensor } {
  const [N, T] = xs.shape;
  const hs = Tensor.zeros([N, T, h.shape[1]]);
  for (let t = 0; t < T; t++) {
    ({ h, c } = cellStep(w, xs.slice(null, t), h, c));
    hs.setSliceInPlace([null, t], h);
  }
  return { hs, h, c };
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
      "TimeLSTM.forward(xs of shape [2, 3, 2])",
    );
    assertFresh(hs, { xs, ...w }, "TimeLSTM.forward(xs)");
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
      () => explain("TimeLSTM.backward", () => layer.backward(dhs)),
      "TimeLSTM.backward(dhs of shape [2, 3, 3])",
    );
    assertFresh(dxs, { dhs, xs }, "TimeLSTM.backward(dhs)");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const layer = layerOf(randomWeights(new Rng(3)));
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 2, H])),
      "TimeLSTM.backward(ones([1, 2, 3])) before any forward",
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
        `new TimeLSTM(Wx, Wh, b): params.${name} must be the very tensor ` +
          `${name} (no copy), so that an optimizer's update in place reaches it`,
      );
      assertClose(layer.grads[name], Tensor.zeros(t.shape), {
        msg: `new TimeLSTM(Wx, Wh, b).grads.${name} before any backward`,
      });
      assertFresh(layer.grads[name], w, `new TimeLSTM(...).grads.${name}`);
    }
  },
);

Deno.test(
  "forward runs the cell step after step from a zero state, each step on the h and c of the one before",
  timeLimit,
  () => {
    // One input, one hidden value; x feeds g only, h feeds g only:
    // f = 3/4, i = o = 1/2, g = tanh(x_t + 0.5 h_(t-1)).
    const Wx = tensor([[0, 1, 0, 0]]);
    const Wh = tensor([[0, 0.5, 0, 0]]);
    const b = tensor([Math.log(3), 0, 0, 0]);
    const expected: number[] = [];
    let [h, c] = [0, 0];
    for (const x of [1, 0, -1]) {
      c = 0.75 * c + 0.5 * Math.tanh(x + 0.5 * h);
      h = 0.5 * Math.tanh(c);
      expected.push(h);
    }
    assertClose(
      new TimeLSTM(Wx, Wh, b).forward(
        tensor([[[1], [0], [-1]], [[0], [0], [0]]]),
      ),
      [expected.map((v) => [v]), [[0], [0], [0]]],
      {
        msg:
          "TimeLSTM.forward(xs = [[[1], [0], [-1]], [[0], [0], [0]]]) with " +
          "Wx = [[0, 1, 0, 0]], Wh = [[0, 0.5, 0, 0]], b = [log 3, 0, 0, 0]: " +
          "c_t = 3/4 c_(t-1) + 1/2 tanh(x_t + 0.5 h_(t-1)), h_t = 1/2 tanh(c_t)",
      },
    );
    const rng = new Rng(4);
    const w = randomWeights(rng);
    const xs = Tensor.randn([2, 3, D], rng);
    assertClose(
      layerOf(w).forward(xs),
      reference(w, xs, Tensor.zeros([2, H]), Tensor.zeros([2, H])).hs,
      {
        msg:
          "TimeLSTM.forward of random xs [2, 3, 2], H = 3, against the cell step by step",
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
        "TimeLSTM(stateful = false).forward(xs), the second time, against the first",
    });
  },
);

Deno.test(
  "a stateful layer carries h and c across forwards: two blocks give the hidden states of the whole sequence",
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
      "TimeLSTM(stateful = true): forward of steps 0-2, then of steps 3-4";
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
      msg: "TimeLSTM(stateful = true).forward(xs) after resetState, against " +
        "its first forward",
    });
  },
);

Deno.test(
  "setState gives a stateful layer the h (and c, zeros if not given) its next forward starts from",
  timeLimit,
  () => {
    const rng = new Rng(8);
    const w = randomWeights(rng);
    const xs = Tensor.randn([2, 2, D], rng);
    const h0 = Tensor.randn([2, H], rng);
    const c0 = Tensor.randn([2, H], rng);
    const layer = layerOf(w, true);
    layer.forward(xs);
    layer.setState(h0, c0);
    assertClose(layer.forward(xs), reference(w, xs, h0, c0).hs, {
      msg: "TimeLSTM(stateful = true).forward(xs) after setState(h0, c0)",
    });
    layer.setState(h0);
    assertClose(
      layer.forward(xs),
      reference(w, xs, h0, Tensor.zeros([2, H])).hs,
      {
        msg:
          "TimeLSTM(stateful = true).forward(xs) after setState(h0), c not given",
      },
    );
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
        `TimeLSTM.backward after forward of ${N} sequence(s) of ${T} step(s)`;
      layer.forward(xs);
      const dxs = explain(what, () => layer.backward(dhs));
      // sigmoid and tanh are smooth: a correct backward is within about 1e-9 of the
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
  "the gradient of a late hidden state reaches every earlier input through the steps between, by h and by c",
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
    const what =
      "TimeLSTM.backward with dhs zero except at the last of 4 steps";
    const dxs = explain(what, () => layer.backward(dhs));
    assertGradientsMatch(dxs, numeric, {
      tolerance: 1e-7,
      msg: `${what}: dxs`,
    });
  },
);

Deno.test(
  "a stateful second block: backward gives the weights' gradients of that block alone, and dh the gradient of the hidden state it started from",
  timeLimit,
  () => {
    const rng = new Rng(13);
    const w = randomWeights(rng);
    const layer = layerOf(w, true);
    const xs = Tensor.randn([2, 5, D], rng);
    layer.forward(steps(xs, 0, 3));
    // The state the second block starts from, as the first left it.
    const zeros = Tensor.zeros([2, H]);
    const { h: h0, c: c0 } = reference(w, steps(xs, 0, 3), zeros, zeros);
    const second = steps(xs, 3, 5);
    const dhs = Tensor.randn([2, 2, H], rng);
    // Truncated BPTT: the first block's steps are constants to this loss.
    const loss = () => {
      const probe = layerOf(w, true);
      probe.setState(h0, c0);
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
    const what = "TimeLSTM(stateful = true).backward after forwards of steps " +
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
      msg: `${what}: dh, the gradient of h at the start of the block`,
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
    const first = explain("TimeLSTM.backward", () => layer.backward(dhs));
    const once = Object.fromEntries(
      Object.entries(held).map(([name, g]) => [name, g.clone()]),
    );
    const again = explain("TimeLSTM.backward", () => layer.backward(dhs));
    const what = "TimeLSTM.backward(dhs) twice after one forward";
    assertClose(again, first, {
      msg: `${what}: the second dxs against the first (the gradient of the ` +
        "block's first state must not flow into the next backward)",
    });
    for (const name of ["Wx", "Wh", "b"]) {
      assert(
        layer.grads[name] === held[name],
        `TimeLSTM.backward replaced grads.${name} with another tensor: a ` +
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
    const what = "TimeLSTM forward and backward of xs of shape [2, 0, 2]";
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
    const b = tensor([0, 0, 0, 0]);
    const layer = new TimeLSTM(tensor([[0, 1, 0, 0]]), Tensor.zeros([1, 4]), b);
    layer.forward(tensor([[[1]]]));
    b.addInPlace(tensor([0, 0, 0, 40]));
    // o = 1 now, and f, i = 1/2 with c starting at 0: h = tanh(tanh(1) / 2).
    assertClose(
      layer.forward(tensor([[[1]]])),
      [[[Math.tanh(Math.tanh(1) / 2)]]],
      { msg: "TimeLSTM.forward([[[1]]]) after b[3] += 40 (o = 1)" },
    );
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
        `TimeLSTM.forward(ones([${shape.join(", ")}]))`,
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
        `TimeLSTM.backward(ones([${
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
