import { Affine } from "./affine.ts";
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

const shape = (t: Tensor) => `[${t.shape.join(", ")}]`;

/** A layer with random weights, and a random input, for the given shapes. */
function randomCase(xShape: number[], outputs: number, seed: number) {
  const rng = new Rng(seed);
  const d = xShape.slice(1).reduce((a, b) => a * b, 1);
  const W = Tensor.randn([d, outputs], rng);
  const b = Tensor.randn([outputs], rng);
  const x = Tensor.randn(xShape, rng);
  return { rng, W, b, x, affine: new Affine(W, b) };
}

Deno.test(
  "forward leaves x, W and b unchanged and returns a new tensor",
  timeLimit,
  () => {
    const { x, W, b, affine } = randomCase([3, 4], 2, 4);
    const y = assertUnchanged(
      { x, W, b },
      () => affine.forward(x),
      "Affine.forward",
    );
    assertFresh(y, { x, W, b }, "Affine.forward");
  },
);

Deno.test(
  "backward leaves dout, x, W and b unchanged and returns new tensors",
  timeLimit,
  () => {
    const { rng, x, W, b, affine } = randomCase([3, 4], 2, 5);
    affine.forward(x);
    const dout = Tensor.randn([3, 2], rng);
    const dx = assertUnchanged(
      { dout, x, W, b },
      () => explain("Affine.backward", () => affine.backward(dout)),
      "Affine.backward",
    );
    assertFresh(dx, { dout, x, W, b }, "Affine.backward: dx");
    assert(
      affine.dW instanceof Tensor,
      "Affine.backward did not set dW to a Tensor",
    );
    assert(
      affine.db instanceof Tensor,
      "Affine.backward did not set db to a Tensor",
    );
    assertFresh(affine.dW, { dout, x, W, b }, "Affine.backward: dW");
    assertFresh(affine.db, { dout, x, W, b }, "Affine.backward: db");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const affine = new Affine(Tensor.ones([2, 3]), Tensor.zeros([3]));
    assertForwardFirst(
      () => affine.backward(Tensor.ones([1, 3])),
      "Affine.backward(ones([1, 3])) before any forward",
    );
  },
);

Deno.test(
  "forward adds b to every row of x·W: the book's [[1, 2, 3], [11, 12, 13]] (book 5.6.2)",
  timeLimit,
  () => {
    // x·W is the book's [[0, 0, 0], [10, 10, 10]]; b is its [1, 2, 3].
    const affine = new Affine(Tensor.ones([2, 3]), tensor([1, 2, 3]));
    assertClose(affine.forward(tensor([[0, 0], [5, 5]])), [[1, 2, 3], [
      11,
      12,
      13,
    ]], {
      msg:
        "Affine.forward([[0, 0], [5, 5]]) with W = ones([2, 3]), b = [1, 2, 3]",
    });
  },
);

Deno.test(
  "backward sums dout over the batch for db: the book's [5, 7, 9] (book 5.6.2)",
  timeLimit,
  () => {
    const affine = new Affine(Tensor.ones([2, 3]), tensor([1, 2, 3]));
    affine.forward(tensor([[0, 0], [5, 5]]));
    const what =
      "Affine.backward([[1, 2, 3], [4, 5, 6]]) after forward([[0, 0], [5, 5]])";
    const dx = explain(
      what,
      () => affine.backward(tensor([[1, 2, 3], [4, 5, 6]])),
    );
    assertClose(affine.db, [5, 7, 9], { msg: `${what}: db` });
    assertClose(affine.dW, [[20, 25, 30], [20, 25, 30]], {
      msg: `${what}: dW`,
    });
    assertClose(dx, [[6, 6], [15, 15]], { msg: `${what}: dx` });
  },
);

Deno.test(
  "forward and backward on a small example you can check by hand",
  timeLimit,
  () => {
    const affine = new Affine(
      tensor([[1, 2, 3], [4, 5, 6]]),
      tensor([0.1, 0.2, 0.3]),
    );
    // x·W = [[1 + 8, 2 + 10, 3 + 12]] = [[9, 12, 15]], plus b.
    assertClose(affine.forward(tensor([[1, 2]])), [[9.1, 12.2, 15.3]], {
      msg:
        "Affine.forward([[1, 2]]) with W = [[1, 2, 3], [4, 5, 6]], b = [0.1, 0.2, 0.3]",
    });
    const what = "Affine.backward([[1, 2, -1]]) after forward([[1, 2]])";
    const dx = explain(what, () => affine.backward(tensor([[1, 2, -1]])));
    // dx = dout·Wᵀ, dW = xᵀ·dout, db = dout summed over the batch of 1.
    assertClose(dx, [[2, 8]], { msg: `${what}: dx` });
    assertClose(affine.dW, [[1, 2, -1], [2, 4, -2]], { msg: `${what}: dW` });
    assertClose(affine.db, [1, 2, -1], { msg: `${what}: db` });
  },
);

Deno.test(
  "forward rejects an input whose samples do not have as many values as W has rows",
  timeLimit,
  () => {
    // Flattening by W's row count instead of per sample would quietly turn
    // [4, 6] into [2, 12]: two outputs for four samples.
    const affine = new Affine(Tensor.ones([12, 3]), Tensor.zeros([3]));
    for (const xShape of [[4, 6], [4, 3], [2, 3, 2, 1]]) {
      assertClearError(
        () => affine.forward(Tensor.ones(xShape)),
        `Affine.forward(ones([${xShape.join(", ")}])) with W of shape [12, 3]`,
        {
          includes: "12",
          says: "say that W expects 12 values per sample",
          fix: "let the shapes of x and W meet in the matrix product, which " +
            "checks them",
        },
      );
    }
  },
);

for (const xShape of [[1, 5], [4, 5], [3, 5, 4], [2, 3, 2, 2]]) {
  const name = `[${xShape.join(", ")}]`;
  Deno.test(
    `backward agrees with numerical gradients for dx, dW and db, for x of shape ${name}`,
    timeLimit,
    () => {
      const { rng, x, affine } = randomCase(xShape, 3, 11);
      assertLayerGradients({
        layer: "Affine",
        forward: (x) => affine.forward(x),
        backward: (dout) =>
          explain(
            `Affine.backward (x of shape ${name}, W of shape ${
              shape(affine.W)
            })`,
            () => affine.backward(dout),
          ),
        x,
        rng,
        params: {
          W: { value: affine.W, grad: () => affine.dW },
          b: { value: affine.b, grad: () => affine.db },
        },
        // The layer is linear, so the central difference is exact up to
        // rounding, about 1e-16 |L| / h ≈ 1e-10 absolute: a correct backward
        // scores about 1e-9 (1e-7 only where a random dout is nearly 0; the
        // seed is fixed). A wrong formula scores 1e-2 or more.
        tolerance: 1e-7,
      });
    },
  );
}

Deno.test(
  "a 4-D input is flattened per sample and dx comes back in the input's shape",
  timeLimit,
  () => {
    const { rng, x, W, b, affine } = randomCase([2, 3, 2, 2], 4, 3);
    const flat = x.reshape(2, 12);
    assertClose(affine.forward(x), flat.matmul(W).add(b), {
      msg: "Affine.forward on x of shape [2, 3, 2, 2] with W of shape [12, 4]",
    });
    const dout = Tensor.randn([2, 4], rng);
    const what = "Affine.backward after forward on x of shape [2, 3, 2, 2]";
    const dx = explain(what, () => affine.backward(dout));
    assertClose(dx, dout.matmul(W.T).reshape(2, 3, 2, 2), {
      msg: `${what}: dx`,
    });
    assertClose(affine.dW, flat.T.matmul(dout), { msg: `${what}: dW` });
  },
);

Deno.test(
  "the layer keeps W and b themselves: in-place updates of them are seen by the next forward and backward",
  timeLimit,
  () => {
    const { x, W, b, affine } = randomCase([2, 3], 2, 6);
    const dout = tensor([[1, -2], [0.5, 3]]);
    // A first step, so that anything derived from W is already in use.
    affine.forward(x);
    explain("Affine.backward", () => affine.backward(dout));
    // What an optimizer does: W -= lr * dW, b -= lr * db, in place.
    W.subInPlace(Tensor.ones([3, 2]));
    b.subInPlace(tensor([0.5, -0.5]));
    assertClose(affine.forward(x), x.matmul(W).add(b), {
      msg: "Affine.forward after W.subInPlace(...) and b.subInPlace(...)",
    });
    const what = "Affine.backward after W.subInPlace(...) and a new forward";
    assertClose(explain(what, () => affine.backward(dout)), dout.matmul(W.T), {
      msg: `${what}: dx, which must use the updated W`,
    });
    assert(
      affine.W === W && affine.b === b,
      "Affine: layer.W and layer.b must be the very tensors given to the " +
        "constructor (no copies), so that an optimizer can update them in place",
    );
  },
);

Deno.test(
  "backward uses W as it is when backward runs, also when it was updated in place after forward",
  timeLimit,
  () => {
    // Anything derived from W and kept from forward (Wᵀ, say) is stale once an
    // optimizer or a gradient check changes W in place before backward.
    const { x, W, affine } = randomCase([2, 3], 2, 8);
    const dout = tensor([[1, -2], [0.5, 3]]);
    affine.forward(x);
    W.subInPlace(tensor([[1, 2], [3, 4], [5, 6]]));
    const what =
      "Affine.backward([[1, -2], [0.5, 3]]) after forward, then W.subInPlace(...)";
    assertClose(explain(what, () => affine.backward(dout)), dout.matmul(W.T), {
      msg: `${what}: dx, which must use the updated W`,
    });
    assertClose(affine.dW, x.T.matmul(dout), { msg: `${what}: dW` });
  },
);

Deno.test(
  "backward uses the input of the most recent forward",
  timeLimit,
  () => {
    const affine = new Affine(tensor([[1, 2], [3, 4]]), tensor([0, 0]));
    affine.forward(tensor([[1, 0], [0, 1]]));
    affine.forward(tensor([[2, 3], [5, 7]]));
    const what =
      "Affine.backward([[1, 0], [0, 1]]) after forward([[1, 0], [0, 1]]) then forward([[2, 3], [5, 7]])";
    explain(what, () => affine.backward(tensor([[1, 0], [0, 1]])));
    // dW = xᵀ·dout = xᵀ for the second x.
    assertClose(affine.dW, [[2, 5], [3, 7]], { msg: `${what}: dW` });
  },
);

Deno.test(
  "dx takes the shape of the most recent forward's input",
  timeLimit,
  () => {
    const { rng, x, affine } = randomCase([2, 3, 2, 2], 4, 7);
    const flat = x.reshape(2, 12);
    const dout = Tensor.randn([2, 4], rng);
    for (
      const [input, what] of [[x, "[2, 3, 2, 2]"], [flat, "[2, 12]"], [
        x,
        "[2, 3, 2, 2]",
      ]] as const
    ) {
      affine.forward(input);
      const call = `Affine.backward after forward on x of shape ${what} ` +
        "(with other shapes before it)";
      const dx = explain(call, () => affine.backward(dout));
      assertClose(dx, dout.matmul(affine.W.T).reshape(...input.shape), {
        msg: `${call}: dx`,
      });
    }
  },
);

Deno.test(
  "each backward replaces dW and db, it does not add to them",
  timeLimit,
  () => {
    const affine = new Affine(tensor([[1, 2], [3, 4]]), tensor([0, 0]));
    affine.forward(tensor([[1, 2]]));
    explain("Affine.backward", () => affine.backward(tensor([[1, 1]])));
    explain("Affine.backward", () => affine.backward(tensor([[1, -1]])));
    const what =
      "Affine.backward([[1, -1]]) after forward([[1, 2]]) and backward([[1, 1]])";
    assertClose(affine.dW, [[1, -1], [2, -2]], { msg: `${what}: dW` });
    assertClose(affine.db, [1, -1], { msg: `${what}: db` });
  },
);
