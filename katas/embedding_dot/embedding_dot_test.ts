import { EmbeddingDot } from "./embedding_dot.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertEquals,
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

/** Three words of two values each, and a batch of three hidden rows. */
function handCase() {
  const W = tensor([[1, 0], [0, 1], [1, 1]]);
  const h = tensor([[2, 3], [4, 5], [1, -1]]);
  return { W, h, idx: [2, 0, 2], layer: new EmbeddingDot(W) };
}

Deno.test(
  "forward leaves h, W and the ids unchanged and returns a new tensor",
  timeLimit,
  () => {
    const { W, h, idx, layer } = handCase();
    const out = assertUnchanged(
      { h, W },
      () => layer.forward(h, idx),
      "EmbeddingDot.forward",
    );
    assertEquals(
      idx,
      [2, 0, 2],
      "EmbeddingDot.forward changed its list of ids",
    );
    assertFresh(out, { h, W }, "EmbeddingDot.forward");
  },
);

Deno.test(
  "backward leaves dout, h and W unchanged and returns a new tensor",
  timeLimit,
  () => {
    const { W, h, idx, layer } = handCase();
    layer.forward(h, idx);
    const dout = tensor([1, 2, -1]);
    const dh = assertUnchanged(
      { dout, h, W },
      () => explain("EmbeddingDot.backward", () => layer.backward(dout)),
      "EmbeddingDot.backward",
    );
    assertFresh(dh, { dout, h, W }, "EmbeddingDot.backward: dh");
    assertFresh(
      layer.grads.W,
      { dout, h, W },
      "EmbeddingDot.backward: grads.W",
    );
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => handCase().layer.backward(tensor([1, 2, 3])),
      "EmbeddingDot.backward([1, 2, 3]) before any forward",
    ),
);

Deno.test(
  "params holds W itself and grads a tensor of zeros in W's shape, both under the name W",
  timeLimit,
  () => {
    const { W, layer } = handCase();
    assert(
      layer.params.W === W,
      "new EmbeddingDot(W): params.W must be the very tensor W (no copy)",
    );
    assertClose(layer.grads.W, Tensor.zeros([3, 2]), {
      msg: "new EmbeddingDot(W).grads.W before any backward",
    });
    assertFresh(layer.grads.W, { W }, "new EmbeddingDot(W).grads.W");
  },
);

Deno.test(
  "forward is the dot product of each row of h with the row of W its id names",
  timeLimit,
  () => {
    const { h, idx, layer } = handCase();
    // Rows 2, 0, 2 of W are [1, 1], [1, 0], [1, 1]:
    // [2, 3]·[1, 1] = 5, [4, 5]·[1, 0] = 4, [1, -1]·[1, 1] = 0.
    assertClose(layer.forward(h, idx), [5, 4, 0], {
      msg:
        "EmbeddingDot.forward([[2, 3], [4, 5], [1, -1]], [2, 0, 2]) with W = [[1, 0], [0, 1], [1, 1]]",
    });
  },
);

Deno.test(
  "backward returns dout times the row of W for dh, and adds dout times h into that row of grads.W",
  timeLimit,
  () => {
    const { h, idx, layer } = handCase();
    layer.forward(h, idx);
    const what =
      "EmbeddingDot.backward([1, 2, -1]) after forward([[2, 3], [4, 5], [1, -1]], [2, 0, 2])";
    const dh = explain(what, () => layer.backward(tensor([1, 2, -1])));
    // dh[i] = dout[i] · W[idx[i]]: 1·[1, 1], 2·[1, 0], -1·[1, 1].
    assertClose(dh, [[1, 1], [2, 0], [-1, -1]], { msg: `${what}: dh` });
    // Row 0 gets 2·[4, 5]; row 2 gets 1·[2, 3] + (-1)·[1, -1]; row 1 nothing.
    assertClose(layer.grads.W, [[8, 10], [0, 0], [1, 4]], {
      msg: `${what}: grads.W`,
    });
  },
);

for (const idx of [[4], [1, 3, 1, 0, 1]]) {
  Deno.test(
    `backward agrees with numerical gradients for dh and grads.W, for the ids [${
      idx.join(", ")
    }]`,
    timeLimit,
    () => {
      const rng = new Rng(30 + idx.length);
      const layer = new EmbeddingDot(Tensor.randn([5, 3], rng));
      assertLayerGradients({
        layer: "EmbeddingDot",
        forward: (h) => layer.forward(h, idx),
        backward: (dout) =>
          explain("EmbeddingDot.backward", () => layer.backward(dout)),
        x: Tensor.randn([idx.length, 3], rng),
        rng,
        params: { W: { value: layer.params.W, grad: () => layer.grads.W } },
        // The output is linear in h and in W separately, so the central
        // difference is exact up to rounding: a correct backward scores
        // about 1e-10, a wrong one 1e-2 or more.
        tolerance: 1e-7,
      });
    },
  );
}

Deno.test(
  "backward uses the h and the ids of the most recent forward",
  timeLimit,
  () => {
    const { h, layer } = handCase();
    layer.forward(h, [2, 0, 2]);
    layer.forward(tensor([[1, 2]]), [1]);
    const what =
      "EmbeddingDot.backward([3]) after forward(h, [2, 0, 2]) then forward([[1, 2]], [1])";
    const dh = explain(what, () => layer.backward(tensor([3])));
    assertClose(dh, [[0, 3]], { msg: `${what}: dh` });
    assertClose(layer.grads.W, [[0, 0], [3, 6], [0, 0]], {
      msg: `${what}: grads.W`,
    });
  },
);

Deno.test(
  "forward refuses an h that does not have one row of W's width per id, naming its shape",
  timeLimit,
  () => {
    const { layer } = handCase();
    // [1, 2] and [3, 1] would broadcast against the rows of W unnoticed.
    for (const shape of [[1, 2], [3, 1], [2, 2], [3, 3]]) {
      assertClearError(
        () => layer.forward(Tensor.ones(shape), [2, 0, 2]),
        `EmbeddingDot.forward(h of shape [${
          shape.join(", ")
        }], [2, 0, 2]) with W of shape [3, 2]`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of h, [${shape.join(", ")}]`,
          fix: "compare h's shape with [3, 2] and throw an Error",
        },
      );
    }
  },
);

Deno.test(
  "backward refuses a dout that does not have one value per id, naming its shape",
  timeLimit,
  () => {
    const { h, layer } = handCase();
    layer.forward(h, [2, 0, 2]);
    // A dout of one value would broadcast over the batch unnoticed.
    for (const shape of [[1], [2], [3, 2]]) {
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `EmbeddingDot.backward(dout of shape [${
          shape.join(", ")
        }]) after a forward of 3 ids`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of dout, [${shape.join(", ")}]`,
          fix: "compare dout's shape with [3] and throw an Error",
        },
      );
    }
  },
);
