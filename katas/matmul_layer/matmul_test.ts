import { MatMul } from "./matmul.ts";
import { checkGradients } from "../../lib/layer.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertForwardFirst,
  assertFresh,
  assertLayerGradients,
  assertUnchanged,
  explain,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** A layer with random weights `[d, h]` and a random input `[n, d]`. */
function randomCase(n: number, d: number, h: number, seed: number) {
  const rng = new Rng(seed);
  const W = Tensor.randn([d, h], rng);
  const x = Tensor.randn([n, d], rng);
  return { rng, W, x, layer: new MatMul(W) };
}

Deno.test(
  "forward leaves x and W unchanged and returns a new tensor",
  timeLimit,
  () => {
    const { x, W, layer } = randomCase(3, 4, 2, 1);
    const y = assertUnchanged(
      { x, W },
      () => layer.forward(x),
      "MatMul.forward",
    );
    assertFresh(y, { x, W }, "MatMul.forward");
  },
);

Deno.test(
  "backward leaves dout, x and W unchanged and returns a new tensor",
  timeLimit,
  () => {
    const { rng, x, W, layer } = randomCase(3, 4, 2, 2);
    layer.forward(x);
    const dout = Tensor.randn([3, 2], rng);
    const dx = assertUnchanged(
      { dout, x, W },
      () => explain("MatMul.backward", () => layer.backward(dout)),
      "MatMul.backward",
    );
    assertFresh(dx, { dout, x, W }, "MatMul.backward: dx");
    assertFresh(layer.grads.W, { dout, x, W }, "MatMul.backward: grads.W");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const layer = new MatMul(Tensor.ones([2, 3]));
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 3])),
      "MatMul.backward(ones([1, 3])) before any forward",
    );
  },
);

Deno.test(
  "params holds W itself and grads a tensor of zeros in W's shape, both under the name W (the book's params and grads lists)",
  timeLimit,
  () => {
    const W = tensor([[1, 2, 3], [4, 5, 6]]);
    const layer = new MatMul(W);
    assert(
      layer.params.W === W,
      "new MatMul(W): params.W must be the very tensor W (no copy), so that " +
        "an optimizer's update in place reaches the layer",
    );
    assertClose(layer.grads.W, [[0, 0, 0], [0, 0, 0]], {
      msg:
        "new MatMul(W).grads.W before any backward (the book's zeros_like(W))",
    });
    assertFresh(layer.grads.W, { W }, "new MatMul(W).grads.W");
    // What an optimizer's update(params, grads) asks of the two records.
    checkGradients(
      "new MatMul(W): params and grads",
      layer.params,
      layer.grads,
    );
  },
);

Deno.test(
  "forward and backward on a small example you can check by hand",
  timeLimit,
  () => {
    const layer = new MatMul(tensor([[1, 2, 3], [4, 5, 6]]));
    // x·W = [[1 + 8, 2 + 10, 3 + 12]].
    assertClose(layer.forward(tensor([[1, 2]])), [[9, 12, 15]], {
      msg: "MatMul.forward([[1, 2]]) with W = [[1, 2, 3], [4, 5, 6]]",
    });
    const what = "MatMul.backward([[1, 2, -1]]) after forward([[1, 2]])";
    const dx = explain(what, () => layer.backward(tensor([[1, 2, -1]])));
    // dx = dout·Wᵀ = [[1 + 4 - 3, 4 + 10 - 6]], dW = xᵀ·dout.
    assertClose(dx, [[2, 8]], { msg: `${what}: dx` });
    assertClose(layer.grads.W, [[1, 2, -1], [2, 4, -2]], {
      msg: `${what}: grads.W`,
    });
  },
);

Deno.test(
  "backward writes dW into the grads.W tensor the layer already has (the book's grads[0][...] = dW)",
  timeLimit,
  () => {
    const layer = new MatMul(tensor([[1, 2], [3, 4]]));
    // A network gathers its layers' gradients once, before any backward, and
    // reads them after each one: it holds this very tensor.
    const held = layer.grads.W;
    layer.forward(tensor([[1, 0], [2, 1]]));
    explain("MatMul.backward", () => layer.backward(tensor([[1, 1], [0, 2]])));
    assert(
      layer.grads.W === held,
      "MatMul.backward replaced grads.W with another tensor: a network that " +
        "gathered grads.W before backward still holds the old one. Write " +
        "dW into the existing tensor (in place), as the book's " +
        "grads[0][...] = dW does",
    );
    // xᵀ·dout = [[1, 0], [2, 1]]ᵀ·[[1, 1], [0, 2]].
    assertClose(held, [[1, 5], [0, 2]], {
      msg: "the grads.W gathered before MatMul.backward, read after it",
    });
  },
);

Deno.test(
  "each backward overwrites grads.W, it does not add to it",
  timeLimit,
  () => {
    const layer = new MatMul(tensor([[1, 2], [3, 4]]));
    layer.forward(tensor([[1, 2]]));
    explain("MatMul.backward", () => layer.backward(tensor([[1, 1]])));
    explain("MatMul.backward", () => layer.backward(tensor([[1, -1]])));
    assertClose(layer.grads.W, [[1, -1], [2, -2]], {
      msg:
        "MatMul.backward([[1, -1]]) after forward([[1, 2]]) and backward([[1, 1]]): grads.W",
    });
  },
);

for (const n of [1, 5]) {
  Deno.test(
    `backward agrees with numerical gradients for dx and grads.W, for a batch of ${n}`,
    timeLimit,
    () => {
      const { rng, x, layer } = randomCase(n, 4, 3, 10 + n);
      assertLayerGradients({
        layer: "MatMul",
        forward: (x) => layer.forward(x),
        backward: (dout) =>
          explain("MatMul.backward", () => layer.backward(dout)),
        x,
        rng,
        params: { W: { value: layer.params.W, grad: () => layer.grads.W } },
        // The layer is linear, so the central difference is exact up to
        // rounding (about 1e-10 absolute): a correct backward scores about
        // 1e-9; a wrong formula scores 1e-2 or more.
        tolerance: 1e-7,
      });
    },
  );
}

Deno.test(
  "an update of params.W in place is seen by the next forward and backward",
  timeLimit,
  () => {
    const { x, W, layer } = randomCase(2, 3, 2, 3);
    const dout = tensor([[1, -2], [0.5, 3]]);
    layer.forward(x);
    explain("MatMul.backward", () => layer.backward(dout));
    // What an optimizer does with the two records: W -= lr * dW, in place.
    for (const key of Object.keys(layer.params)) {
      layer.params[key].subInPlace(layer.grads[key].mul(0.1));
    }
    assertClose(layer.forward(x), x.matmul(W), {
      msg: "MatMul.forward after params.W.subInPlace(...)",
    });
    const what = "MatMul.backward after params.W.subInPlace(...) and forward";
    assertClose(explain(what, () => layer.backward(dout)), dout.matmul(W.T), {
      msg: `${what}: dx, which must use the updated W`,
    });
  },
);

Deno.test(
  "backward uses W as it is when backward runs, also when it was updated in place after forward",
  timeLimit,
  () => {
    const { x, W, layer } = randomCase(2, 3, 2, 4);
    const dout = tensor([[1, -2], [0.5, 3]]);
    layer.forward(x);
    W.subInPlace(tensor([[1, 2], [3, 4], [5, 6]]));
    const what = "MatMul.backward after forward, then W.subInPlace(...)";
    assertClose(explain(what, () => layer.backward(dout)), dout.matmul(W.T), {
      msg: `${what}: dx, which must use the updated W`,
    });
  },
);

Deno.test(
  "backward uses the input of the most recent forward",
  timeLimit,
  () => {
    const layer = new MatMul(tensor([[1, 2], [3, 4]]));
    layer.forward(tensor([[1, 0], [0, 1]]));
    layer.forward(tensor([[2, 3], [5, 7]]));
    const what =
      "MatMul.backward([[1, 0], [0, 1]]) after forward([[1, 0], [0, 1]]) then forward([[2, 3], [5, 7]])";
    explain(what, () => layer.backward(tensor([[1, 0], [0, 1]])));
    // dW = xᵀ·dout = xᵀ for the second x.
    assertClose(layer.grads.W, [[2, 5], [3, 7]], { msg: `${what}: grads.W` });
  },
);

Deno.test(
  "forward rejects an x whose rows do not have as many values as W has rows, with an error naming both shapes",
  timeLimit,
  () => {
    const layer = new MatMul(Tensor.ones([4, 2]));
    for (const shape of [[2, 3], [3, 8]]) {
      assertClearError(
        () => layer.forward(Tensor.ones(shape)),
        `MatMul.forward(ones([${shape.join(", ")}])) with W of shape [4, 2]`,
        {
          includes: "[4, 2]",
          says: "name W's shape [4, 2]",
          fix: "let matmul check the shapes of x and W: never reshape x to fit",
        },
      );
    }
  },
);
