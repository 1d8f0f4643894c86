import { Sigmoid } from "./sigmoid.ts";
import {
  assertClose,
  assertForwardFirst,
  assertFresh,
  assertLayerGradients,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

const LN3 = Math.log(3);

Deno.test(
  "forward leaves its input x unchanged and returns a new tensor",
  timeLimit,
  () => {
    const x = tensor([[1, -2, 0], [-0.5, 3, -4]]);
    const y = assertUnchanged(
      { x },
      () => new Sigmoid().forward(x),
      "Sigmoid.forward",
    );
    assertFresh(y, { x }, "Sigmoid.forward");
  },
);

Deno.test(
  "backward leaves dout unchanged and returns a new tensor",
  timeLimit,
  () => {
    const sigmoid = new Sigmoid();
    sigmoid.forward(tensor([[1, -2, 0], [-0.5, 3, -4]]));
    const dout = tensor([[1, 2, 3], [4, 5, 6]]);
    const dx = assertUnchanged(
      { dout },
      () => sigmoid.backward(dout),
      "Sigmoid.backward",
    );
    assertFresh(dx, { dout }, "Sigmoid.backward");
  },
);

Deno.test(
  "backward leaves the output of forward unchanged, so a second backward gives the same gradient",
  timeLimit,
  () => {
    // The caller may still hold y (the next layer keeps its input for its own
    // backward), and backward may run again on the same forward (a gradient
    // check does): computing y(1 - y) into the remembered y breaks both.
    const sigmoid = new Sigmoid();
    const y = sigmoid.forward(tensor([0, LN3, -LN3]));
    const dout = tensor([1, 2, 4]);
    const what = "Sigmoid.backward([1, 2, 4]) after forward([0, ln 3, -ln 3])";
    const first = assertUnchanged(
      { y },
      () => sigmoid.backward(dout),
      `${what}, with y the tensor forward returned,`,
    );
    assertClose(first, [0.25, 0.375, 0.75], { msg: what });
    assertClose(sigmoid.backward(dout), [0.25, 0.375, 0.75], {
      msg: `${what}, called a second time`,
    });
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => new Sigmoid().backward(tensor([1, 2])),
      "Sigmoid.backward([1, 2]) before any forward",
    ),
);

Deno.test(
  "forward gives 1 / (1 + exp(-x)): 0.5 at 0, 0.75 at ln 3, 0.25 at -ln 3",
  timeLimit,
  () => {
    assertClose(new Sigmoid().forward(tensor([0, LN3, -LN3])), [
      0.5,
      0.75,
      0.25,
    ], { msg: "Sigmoid.forward([0, ln 3, -ln 3])" });
  },
);

Deno.test(
  "forward matches the book's values at -1, 1 and 2 (book 3.2.4)",
  timeLimit,
  () => {
    assertClose(
      new Sigmoid().forward(tensor([[-1.0, 1.0, 2.0]])),
      [[0.2689414213699951, 0.7310585786300049, 0.8807970779778823]],
      { msg: "Sigmoid.forward([[-1, 1, 2]])" },
    );
  },
);

Deno.test(
  "backward gives dout * (1 - y) * y with y the output of forward",
  timeLimit,
  () => {
    const sigmoid = new Sigmoid();
    sigmoid.forward(tensor([[0, LN3], [-LN3, 0]]));
    // y = [[0.5, 0.75], [0.25, 0.5]], so y(1 - y) = [[0.25, 0.1875], [0.1875, 0.25]].
    assertClose(
      sigmoid.backward(tensor([[1, 2], [-4, 8]])),
      [[0.25, 0.375], [-0.75, 2]],
      {
        msg:
          "Sigmoid.backward([[1, 2], [-4, 8]]) after forward([[0, ln 3], [-ln 3, 0]])",
      },
    );
  },
);

Deno.test("backward agrees with the numerical gradient", timeLimit, () => {
  const rng = new Rng(7);
  const sigmoid = new Sigmoid();
  assertLayerGradients({
    layer: "Sigmoid",
    forward: (x) => sigmoid.forward(x),
    backward: (dout) => sigmoid.backward(dout),
    x: Tensor.uniform([3, 5], rng, -3, 3),
    rng,
    // Sigmoid is smooth: the central difference (h = 1e-5) is off by about
    // h² |f'''| ≈ 1e-11 plus rounding of about 1e-16 |L| / h ≈ 1e-10, so the
    // correct backward scores about 1e-9 (it reaches 1e-7 only where a random
    // dout is nearly 0, and the seed is fixed). A wrong formula scores 1e-2
    // or more.
    tolerance: 1e-7,
  });
});

Deno.test(
  "forward and backward keep the shape for a batch of 1, a batch of 4 and images",
  timeLimit,
  () => {
    const rng = new Rng(2);
    for (const shape of [[1, 6], [4, 6], [2, 3, 4, 4]]) {
      const sigmoid = new Sigmoid();
      const x = Tensor.randn(shape, rng, 2);
      const expected = x.map((v) => 1 / (1 + Math.exp(-v)));
      assertClose(sigmoid.forward(x), expected, {
        msg: `Sigmoid.forward on shape [${shape}]`,
      });
      const dout = Tensor.randn(shape, rng);
      assertClose(
        sigmoid.backward(dout),
        dout.mul(expected.map((y) => y * (1 - y))),
        { msg: `Sigmoid.backward on shape [${shape}]` },
      );
    }
  },
);

Deno.test(
  "inputs of ±1000 give outputs 0 and 1 and gradients 0, never NaN",
  timeLimit,
  () => {
    // exp(1000) overflows to Infinity: the maths is finite, the code must be.
    const sigmoid = new Sigmoid();
    const y = sigmoid.forward(tensor([-1000, 1000, -800, 800]));
    assertClose(y, [0, 1, 0, 1], {
      msg: "Sigmoid.forward([-1000, 1000, -800, 800])",
    });
    assertClose(sigmoid.backward(tensor([1, 1, -2, 2])), [0, 0, 0, 0], {
      msg:
        "Sigmoid.backward([1, 1, -2, 2]) after forward([-1000, 1000, -800, 800])",
    });
  },
);

Deno.test(
  "backward uses the output of the most recent forward, also after a forward of another shape",
  timeLimit,
  () => {
    const sigmoid = new Sigmoid();
    sigmoid.forward(tensor([5, -5, 2]));
    sigmoid.forward(tensor([0, LN3, -LN3]));
    assertClose(sigmoid.backward(tensor([1, 1, 1])), [0.25, 0.1875, 0.1875], {
      msg:
        "Sigmoid.backward([1, 1, 1]) after forward([5, -5, 2]) then forward([0, ln 3, -ln 3])",
    });
    sigmoid.forward(tensor([[LN3], [0]]));
    assertClose(sigmoid.backward(tensor([[1], [2]])), [[0.1875], [0.5]], {
      msg:
        "Sigmoid.backward([[1], [2]]) after forward([0, ln 3, -ln 3]) then forward([[ln 3], [0]])",
    });
  },
);
