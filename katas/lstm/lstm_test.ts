import { LSTM } from "./lstm.ts";
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

/** Random weights for D inputs and H hidden values: Wx [D, 4H], Wh [H, 4H], b [4H]. */
function randomWeights(rng: Rng, D: number, H: number) {
  return {
    Wx: Tensor.randn([D, 4 * H], rng, 0.5),
    Wh: Tensor.randn([H, 4 * H], rng, 0.5),
    b: Tensor.randn([4 * H], rng, 0.5),
  };
}

/** One hidden value whose four gates are set by the bias alone: b = [f, g, i, o]. */
function biasOnly(b: number[]): LSTM {
  return new LSTM(Tensor.zeros([1, 4]), Tensor.zeros([1, 4]), tensor(b));
}

Deno.test(
  "forward leaves x, hPrev, cPrev and the weights unchanged and returns new tensors",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const w = randomWeights(rng, 3, 2);
    const inputs = {
      x: Tensor.randn([2, 3], rng),
      hPrev: Tensor.randn([2, 2], rng),
      cPrev: Tensor.randn([2, 2], rng),
    };
    const layer = new LSTM(w.Wx, w.Wh, w.b);
    const { h, c } = assertUnchanged(
      { ...inputs, ...w },
      () => layer.forward(inputs.x, inputs.hPrev, inputs.cPrev),
      "LSTM.forward(x, hPrev, cPrev)",
    );
    assertFresh(h, { ...inputs, ...w }, "LSTM.forward: h");
    assertFresh(c, { ...inputs, ...w }, "LSTM.forward: c");
  },
);

Deno.test(
  "backward leaves dhNext and dcNext unchanged and returns new tensors",
  timeLimit,
  () => {
    const rng = new Rng(2);
    const w = randomWeights(rng, 3, 2);
    const layer = new LSTM(w.Wx, w.Wh, w.b);
    const x = Tensor.randn([2, 3], rng);
    const hPrev = Tensor.randn([2, 2], rng);
    const cPrev = Tensor.randn([2, 2], rng);
    layer.forward(x, hPrev, cPrev);
    const dhNext = Tensor.randn([2, 2], rng);
    const dcNext = Tensor.randn([2, 2], rng);
    const grads = assertUnchanged(
      { dhNext, dcNext, x, hPrev, cPrev },
      () => explain("LSTM.backward", () => layer.backward(dhNext, dcNext)),
      "LSTM.backward(dhNext, dcNext)",
    );
    for (const [name, t] of Object.entries(grads)) {
      assertFresh(
        t,
        { dhNext, dcNext, x, hPrev, cPrev },
        `LSTM.backward: ${name}`,
      );
    }
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const layer = biasOnly([0, 0, 0, 0]);
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 1]), Tensor.ones([1, 1])),
      "LSTM.backward(ones([1, 1]), ones([1, 1])) before any forward",
    );
  },
);

Deno.test(
  "params holds Wx, Wh and b themselves, and grads zeros in their shapes under the same names",
  timeLimit,
  () => {
    const w = randomWeights(new Rng(3), 3, 2);
    const layer = new LSTM(w.Wx, w.Wh, w.b);
    for (const [name, t] of Object.entries(w)) {
      assert(
        layer.params[name] === t,
        `new LSTM(Wx, Wh, b): params.${name} must be the very tensor ${name} (no copy)`,
      );
      assertClose(layer.grads[name], Tensor.zeros(t.shape), {
        msg: `new LSTM(Wx, Wh, b).grads.${name} before any backward`,
      });
      assertFresh(layer.grads[name], w, `new LSTM(...).grads.${name}`);
    }
  },
);

Deno.test(
  "the four slices of the affine output are the gates f, g, i, o in that order: c = f·cPrev + g·i, h = o·tanh(c)",
  timeLimit,
  () => {
    // b = [log 3, 0.5, -log 3, 0]: f = 3/4, g = tanh(0.5), i = 1/4, o = 1/2,
    // four different values, so any other order gives other numbers.
    const layer = biasOnly([Math.log(3), 0.5, -Math.log(3), 0]);
    const { h, c } = layer.forward(tensor([[0]]), tensor([[0]]), tensor([[2]]));
    const cNext = 0.75 * 2 + Math.tanh(0.5) * 0.25;
    const what = "LSTM.forward(x = [[0]], hPrev = [[0]], cPrev = [[2]]) with " +
      "Wx = Wh = 0 and b = [log 3, 0.5, -log 3, 0] (f = 3/4, g = tanh 0.5, " +
      "i = 1/4, o = 1/2)";
    assertClose(c, [[cNext]], { msg: `${what}: c` });
    assertClose(h, [[0.5 * Math.tanh(cNext)]], { msg: `${what}: h` });
  },
);

Deno.test(
  "forward adds x·Wx, hPrev·Wh and b before the gates, for every hidden value of every row",
  timeLimit,
  () => {
    // H = 2: the columns are f1 f2 g1 g2 i1 i2 o1 o2. Only g gets x and hPrev;
    // f, i and o are fixed by the bias at 1/2 (b = 0), 1 and 1 (b = 40).
    const Wx = tensor([[0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 0, 2, 0, 0, 0, 0]]);
    const Wh = tensor([[0, 0, 0.5, 0, 0, 0, 0, 0], [0, 0, 0, -1, 0, 0, 0, 0]]);
    const b = tensor([0, 0, 0.25, 0, 40, 40, 40, 40]);
    const layer = new LSTM(Wx, Wh, b);
    const x = tensor([[1, 1], [0, -1]]);
    const hPrev = tensor([[2, 1], [0, 0]]);
    const cPrev = tensor([[1, 0], [-2, 4]]);
    const { c } = layer.forward(x, hPrev, cPrev);
    // g's pre-activation: x·Wx + hPrev·Wh + b per row and column.
    const g = [[1 + 1 + 0.25, 2 - 1], [0.25, -2]].map((r) => r.map(Math.tanh));
    assertClose(
      c,
      cPrev.mul(0.5).add(tensor(g)),
      {
        msg:
          "LSTM.forward with x = [[1, 1], [0, -1]], hPrev = [[2, 1], [0, 0]]: " +
          "c = cPrev / 2 + tanh(x·Wx + hPrev·Wh + b) in the g columns",
      },
    );
  },
);

Deno.test(
  "a forget gate of 1 and an input gate of 0 carry the memory cell through untouched, forward and backward",
  timeLimit,
  () => {
    // f = i = sigmoid(±40): 1 and 0 to 17 digits.
    const layer = biasOnly([40, 3, -40, 0]);
    const { c } = layer.forward(tensor([[5]]), tensor([[7]]), tensor([[1.5]]));
    assertClose(c, [[1.5]], {
      msg: "LSTM.forward(..., cPrev = [[1.5]]) with f = 1, i = 0: c",
    });
    const { dcPrev } = explain(
      "LSTM.backward",
      () => layer.backward(tensor([[0]]), tensor([[2]])),
    );
    assertClose(dcPrev, [[2]], {
      msg: "LSTM.backward(dhNext = [[0]], dcNext = [[2]]) with f = 1: dcPrev",
    });
  },
);

for (const N of [1, 3]) {
  Deno.test(
    `backward agrees with the numerical gradients of x, hPrev, cPrev, Wx, Wh and b, for a batch of ${N}`,
    timeLimit,
    () => {
      const rng = new Rng(N + 20);
      const [D, H] = [3, 2];
      const w = randomWeights(rng, D, H);
      const layer = new LSTM(w.Wx, w.Wh, w.b);
      const inputs = {
        x: Tensor.randn([N, D], rng),
        hPrev: Tensor.randn([N, H], rng),
        cPrev: Tensor.randn([N, H], rng),
      };
      const dhNext = Tensor.randn([N, H], rng);
      const dcNext = Tensor.randn([N, H], rng);
      // Both outputs reach the loss: h through the layer above and the next
      // step, c through the next step.
      const loss = () => {
        const { h, c } = layer.forward(inputs.x, inputs.hPrev, inputs.cPrev);
        return h.mul(dhNext).sum() + c.mul(dcNext).sum();
      };
      const numeric = {
        x: numericalGradient(loss, inputs.x),
        hPrev: numericalGradient(loss, inputs.hPrev),
        cPrev: numericalGradient(loss, inputs.cPrev),
        Wx: numericalGradient(loss, w.Wx),
        Wh: numericalGradient(loss, w.Wh),
        b: numericalGradient(loss, w.b),
      };
      const what =
        `LSTM.backward after forward of a batch of ${N} (D = 3, H = 2)`;
      layer.forward(inputs.x, inputs.hPrev, inputs.cPrev);
      const got = explain(what, () => layer.backward(dhNext, dcNext));
      // sigmoid and tanh are smooth: a correct backward is within about
      // 1e-10 of the central difference.
      const tolerance = 1e-7;
      assertGradientsMatch(got.dx, numeric.x, {
        tolerance,
        msg: `${what}: dx`,
      });
      assertGradientsMatch(got.dhPrev, numeric.hPrev, {
        tolerance,
        msg: `${what}: dhPrev`,
      });
      assertGradientsMatch(got.dcPrev, numeric.cPrev, {
        tolerance,
        msg: `${what}: dcPrev`,
      });
      for (const name of ["Wx", "Wh", "b"] as const) {
        assertGradientsMatch(layer.grads[name], numeric[name], {
          tolerance,
          msg: `${what}: grads.${name} (columns f, g, i, o)`,
        });
      }
    },
  );
}

Deno.test(
  "backward writes into the grads tensors the layer already has, overwrites them, and uses the most recent forward",
  timeLimit,
  () => {
    const rng = new Rng(5);
    const w = randomWeights(rng, 2, 2);
    const layer = new LSTM(w.Wx, w.Wh, w.b);
    const fresh = new LSTM(w.Wx, w.Wh, w.b);
    const held = { ...layer.grads };
    const args = [1, 2, 3].map(() => Tensor.randn([2, 2], rng));
    const [dhNext, dcNext] = [
      Tensor.randn([2, 2], rng),
      Tensor.randn([2, 2], rng),
    ];
    layer.forward(Tensor.randn([2, 2], rng), args[1], args[0]);
    explain("LSTM.backward", () => layer.backward(dhNext, dcNext));
    layer.forward(args[0], args[1], args[2]);
    const got = explain("LSTM.backward", () => layer.backward(dhNext, dcNext));
    fresh.forward(args[0], args[1], args[2]);
    const expected = fresh.backward(dhNext, dcNext);
    const what = "LSTM.backward after two forwards and a backward, against a " +
      "layer that saw only the second forward";
    for (const name of ["dx", "dhPrev", "dcPrev"] as const) {
      assertClose(got[name], expected[name], { msg: `${what}: ${name}` });
    }
    for (const name of ["Wx", "Wh", "b"]) {
      assert(
        layer.grads[name] === held[name],
        `LSTM.backward replaced grads.${name} with another tensor: write ` +
          "into the existing one (in place)",
      );
      assertClose(held[name], fresh.grads[name], {
        msg: `${what}: grads.${name}`,
      });
    }
  },
);

Deno.test(
  "an update of the weights in place is seen by the next forward",
  timeLimit,
  () => {
    const b = tensor([0, 0, 0, 0]);
    const layer = new LSTM(Tensor.zeros([1, 4]), Tensor.zeros([1, 4]), b);
    layer.forward(tensor([[0]]), tensor([[0]]), tensor([[1]]));
    b.addInPlace(tensor([Math.log(3), 0, 0, 0]));
    assertClose(
      layer.forward(tensor([[0]]), tensor([[0]]), tensor([[1]])).c,
      [[0.75]],
      {
        msg: "LSTM.forward(..., cPrev = [[1]]).c after b[0] += log 3 (f = 3/4)",
      },
    );
  },
);

/**
 * Fails unless `call` throws an Error naming the state `name`, its shape `bad`
 * and the shape it should have, [2, 2].
 */
function assertNamesShape(
  call: () => unknown,
  what: string,
  name: string,
  bad: string,
): void {
  const fix = `compare ${name}'s shape with [N, H] and throw an Error`;
  for (
    const [includes, says] of [
      [name, `name the argument, ${name}`],
      [bad, `give its shape, ${bad}`],
      ["[2, 2]", "give the shape it should have, [2, 2]"],
    ]
  ) {
    assertClearError(call, what, { includes, says, fix });
  }
}

Deno.test(
  "forward rejects an hPrev or a cPrev that is not [N, H], and backward a dhNext or a dcNext, with errors that name the shapes",
  timeLimit,
  () => {
    const w = randomWeights(new Rng(6), 3, 2);
    const layer = new LSTM(w.Wx, w.Wh, w.b);
    const x = Tensor.ones([2, 3]);
    const good = Tensor.ones([2, 2]);
    // [1, 2] and [2] would broadcast silently to [2, 2].
    for (const shape of [[1, 2], [2], [2, 3]]) {
      const bad = Tensor.ones(shape);
      const s = `[${shape.join(", ")}]`;
      for (
        const [name, call] of [
          ["hPrev", () => layer.forward(x, bad, good)],
          ["cPrev", () => layer.forward(x, good, bad)],
        ] as const
      ) {
        assertNamesShape(
          call,
          `LSTM.forward with x of shape [2, 3] and ${name} of shape ${s} (H = 2)`,
          name,
          s,
        );
      }
    }
    layer.forward(x, good, good);
    for (const shape of [[1, 2], [2], [2, 3]]) {
      const bad = Tensor.ones(shape);
      const s = `[${shape.join(", ")}]`;
      for (
        const [name, call] of [
          ["dhNext", () => layer.backward(bad, good)],
          ["dcNext", () => layer.backward(good, bad)],
        ] as const
      ) {
        assertNamesShape(
          call,
          `LSTM.backward with ${name} of shape ${s} after a forward of [2, 2] states`,
          name,
          s,
        );
      }
    }
  },
);
