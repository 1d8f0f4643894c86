import { Relu } from "./relu.ts";
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

// Inputs kept at least 0.1 away from 0, where ReLU is linear: a central
// difference with h = 1e-5 is then exact up to rounding.
function awayFromZero(shape: number[], rng: Rng): Tensor {
  return Tensor.uniform(shape, rng, 0.1, 2).mul(
    Tensor.uniform(shape, rng).map((u) => (u < 0.5 ? -1 : 1)),
  );
}

Deno.test(
  "forward leaves its input x unchanged and returns a new tensor",
  timeLimit,
  () => {
    const x = tensor([[1, -2, 0], [-0.5, 3, -4]]);
    const y = assertUnchanged(
      { x },
      () => new Relu().forward(x),
      "Relu.forward",
    );
    assertFresh(y, { x }, "Relu.forward");
  },
);

Deno.test(
  "forward returns a new tensor even when no input is <= 0",
  timeLimit,
  () => {
    // With nothing to zero, handing back x itself gives the right values, but
    // the next layer may write into its input and so into the caller's x.
    const x = tensor([1, 2, 3]);
    assertFresh(
      new Relu().forward(x),
      { x },
      "Relu.forward([1, 2, 3]), which has nothing to zero,",
    );
  },
);

Deno.test(
  "backward leaves dout unchanged and returns a new tensor",
  timeLimit,
  () => {
    const relu = new Relu();
    relu.forward(tensor([[1, -2, 0], [-0.5, 3, -4]]));
    const dout = tensor([[1, 2, 3], [4, 5, 6]]);
    const dx = assertUnchanged(
      { dout },
      () => relu.backward(dout),
      "Relu.backward",
    );
    assertFresh(dx, { dout }, "Relu.backward");
  },
);

Deno.test(
  "backward returns a new tensor even when no input was masked",
  timeLimit,
  () => {
    const relu = new Relu();
    relu.forward(tensor([1, 2, 3]));
    const dout = tensor([0.1, 0.2, 0.3]);
    assertFresh(relu.backward(dout), { dout }, "Relu.backward");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => new Relu().backward(tensor([1, 2])),
      "Relu.backward([1, 2]) before any forward",
    ),
);

Deno.test(
  "forward keeps positive inputs and zeroes negative ones (book 5.5.1)",
  timeLimit,
  () => {
    const x = tensor([[1.0, -0.5], [-2.0, 3.0]]);
    assertClose(new Relu().forward(x), [[1, 0], [0, 3]], {
      msg: "Relu.forward([[1, -0.5], [-2, 3]])",
    });
  },
);

Deno.test("forward maps an input of exactly 0 to 0", timeLimit, () => {
  assertClose(new Relu().forward(tensor([0, -0, 5])), [0, 0, 5], {
    msg: "Relu.forward([0, -0, 5])",
  });
});

Deno.test(
  "backward passes dout where the input was > 0 and 0 where it was <= 0",
  timeLimit,
  () => {
    const relu = new Relu();
    relu.forward(tensor([[2, -1, 0], [-3, 0.5, 0]]));
    const dx = relu.backward(tensor([[10, 20, 30], [40, 50, 60]]));
    assertClose(dx, [[10, 0, 0], [0, 50, 0]], {
      msg: "Relu.backward after forward([[2, -1, 0], [-3, 0.5, 0]])",
    });
  },
);

Deno.test("backward agrees with the numerical gradient", timeLimit, () => {
  const rng = new Rng(1);
  const relu = new Relu();
  assertLayerGradients({
    layer: "Relu",
    forward: (x) => relu.forward(x),
    backward: (dout) => relu.backward(dout),
    x: awayFromZero([3, 5], rng),
    rng,
    // Exact up to rounding away from the kink; see awayFromZero.
    tolerance: 1e-8,
  });
});

Deno.test(
  "forward and backward keep the shape for a batch of 1, a batch of 4 and images",
  timeLimit,
  () => {
    const rng = new Rng(2);
    for (const shape of [[1, 6], [4, 6], [2, 3, 4, 4]]) {
      const relu = new Relu();
      const x = awayFromZero(shape, rng);
      const y = relu.forward(x);
      assertClose(y, x.maximum(0), { msg: `Relu.forward on shape [${shape}]` });
      const dout = Tensor.randn(shape, rng);
      assertClose(relu.backward(dout), dout.mul(x.gt(0)), {
        msg: `Relu.backward on shape [${shape}]`,
      });
    }
  },
);

Deno.test(
  "inputs of ±1e300 and ±Infinity give no NaN",
  timeLimit,
  () => {
    const relu = new Relu();
    const y = relu.forward(tensor([1e300, -1e300, Infinity, -Infinity]));
    assertClose(y, [1e300, 0, Infinity, 0], {
      msg: "Relu.forward([1e300, -1e300, Infinity, -Infinity])",
    });
    const dx = relu.backward(tensor([1e300, 1e300, 1, 1]));
    assertClose(dx, [1e300, 0, 1, 0], {
      msg:
        "Relu.backward([1e300, 1e300, 1, 1]) after forward([1e300, -1e300, Infinity, -Infinity])",
    });
  },
);

Deno.test(
  "backward gives 0 where the input was <= 0, even where dout is Infinity or NaN",
  timeLimit,
  () => {
    // No gradient flows through a zeroed input, whatever arrives from above:
    // multiplying dout by a 0/1 mask gives Infinity * 0 = NaN there instead.
    const relu = new Relu();
    relu.forward(tensor([-1, 2, 0, 3]));
    assertClose(relu.backward(tensor([Infinity, 5, NaN, -Infinity])), [
      0,
      5,
      0,
      -Infinity,
    ], {
      msg:
        "Relu.backward([Infinity, 5, NaN, -Infinity]) after forward([-1, 2, 0, 3])",
    });
  },
);

Deno.test(
  "backward uses the mask of the most recent forward, also after a forward of another shape",
  timeLimit,
  () => {
    const relu = new Relu();
    relu.forward(tensor([1, -1, 1, -1]));
    relu.forward(tensor([-1, 1, -1, 1]));
    assertClose(relu.backward(tensor([1, 2, 3, 4])), [0, 2, 0, 4], {
      msg:
        "Relu.backward([1, 2, 3, 4]) after forward([1, -1, 1, -1]) then forward([-1, 1, -1, 1])",
    });
    relu.forward(tensor([[3, -3], [-3, 3]]));
    assertClose(relu.backward(tensor([[1, 2], [3, 4]])), [[1, 0], [0, 4]], {
      msg:
        "Relu.backward([[1, 2], [3, 4]]) after forward([-1, 1, -1, 1]) then forward([[3, -3], [-3, 3]])",
    });
  },
);
