import { Embedding } from "./embedding.ts";
import {
  assert,
  assertClearError,
  assertClose,
  assertEquals,
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

/** The book's example: 7 words, 3 values each, W = arange(21).reshape(7, 3). */
function bookW(): Tensor {
  return Tensor.from(
    Array.from({ length: 7 }, (_, i) => [3 * i, 3 * i + 1, 3 * i + 2]),
  );
}

/** Row i is i + 1 repeated D times: easy to see where each row of dout went. */
function countingDout(n: number, d: number): Tensor {
  return Tensor.from(Array.from({ length: n }, (_, i) => Array(d).fill(i + 1)));
}

Deno.test(
  "forward leaves W and the ids unchanged and returns a new tensor",
  timeLimit,
  () => {
    const W = bookW();
    const idx = [1, 0, 3, 0];
    const layer = new Embedding(W);
    const out = assertUnchanged(
      { W },
      () => layer.forward(idx),
      "Embedding.forward([1, 0, 3, 0])",
    );
    assertEquals(
      idx,
      [1, 0, 3, 0],
      "Embedding.forward changed its list of ids",
    );
    assertFresh(out, { W }, "Embedding.forward([1, 0, 3, 0])");
  },
);

Deno.test(
  "backward leaves dout and W unchanged",
  timeLimit,
  () => {
    const W = bookW();
    const layer = new Embedding(W);
    layer.forward([1, 0, 3, 0]);
    const dout = countingDout(4, 3);
    assertUnchanged(
      { dout, W },
      () => explain("Embedding.backward", () => layer.backward(dout)),
      "Embedding.backward after forward([1, 0, 3, 0])",
    );
    assertFresh(layer.grads.W, { dout, W }, "Embedding.backward: grads.W");
  },
);

Deno.test(
  "backward before any forward throws an error that says forward comes first",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    assertForwardFirst(
      () => layer.backward(Tensor.ones([1, 3])),
      "Embedding.backward(ones([1, 3])) before any forward",
    );
  },
);

Deno.test(
  "params holds W itself and grads a tensor of zeros in W's shape, both under the name W",
  timeLimit,
  () => {
    const W = bookW();
    const layer = new Embedding(W);
    assert(
      layer.params.W === W,
      "new Embedding(W): params.W must be the very tensor W (no copy), so " +
        "that an optimizer's update in place reaches the layer",
    );
    assertClose(layer.grads.W, Tensor.zeros([7, 3]), {
      msg: "new Embedding(W).grads.W before any backward",
    });
    assertFresh(layer.grads.W, { W }, "new Embedding(W).grads.W");
  },
);

Deno.test(
  "forward picks the rows of W named by the ids, in their order and with repeats: the book's W[[1, 0, 3, 0]] (book 4.1)",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    assertClose(layer.forward([2]), [[6, 7, 8]], {
      msg: "Embedding.forward([2]) with W = arange(21).reshape(7, 3)",
    });
    assertClose(
      layer.forward([1, 0, 3, 0]),
      [[3, 4, 5], [0, 1, 2], [9, 10, 11], [0, 1, 2]],
      {
        msg:
          "Embedding.forward([1, 0, 3, 0]) with W = arange(21).reshape(7, 3)",
      },
    );
  },
);

Deno.test(
  "backward puts row i of dout into row idx[i] of grads.W and zeros in the rows of words not seen",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    layer.forward([4, 1, 6]);
    explain("Embedding.backward", () => layer.backward(countingDout(3, 3)));
    assertClose(
      layer.grads.W,
      [[0, 0, 0], [2, 2, 2], [0, 0, 0], [0, 0, 0], [1, 1, 1], [0, 0, 0], [
        3,
        3,
        3,
      ]],
      {
        msg:
          "Embedding.backward([[1, 1, 1], [2, 2, 2], [3, 3, 3]]) after forward([4, 1, 6]): grads.W",
      },
    );
  },
);

Deno.test(
  "a word that occurs several times in the batch gets the sum of its rows of dout, not the last one (np.add.at, not dW[idx] = dout)",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    layer.forward([1, 0, 3, 0]);
    explain("Embedding.backward", () => layer.backward(countingDout(4, 3)));
    // Word 0 is at positions 1 and 3: rows 2 and 4 of dout, which add to 6.
    // An assignment per row would leave 4, the last one, and lose the 2.
    assertClose(
      layer.grads.W,
      [[6, 6, 6], [1, 1, 1], [0, 0, 0], [3, 3, 3], [0, 0, 0], [0, 0, 0], [
        0,
        0,
        0,
      ]],
      {
        msg:
          "Embedding.backward([[1, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 4]]) after forward([1, 0, 3, 0]): grads.W",
      },
    );
  },
);

for (const idx of [[3], [2, 5, 2, 2, 0, 5]]) {
  Deno.test(
    `backward agrees with the numerical gradient of W, for the ids [${
      idx.join(", ")
    }]`,
    timeLimit,
    () => {
      const rng = new Rng(idx.length);
      const W = Tensor.randn([6, 4], rng);
      const layer = new Embedding(W);
      const dout = Tensor.randn([idx.length, 4], rng);
      const loss = () => layer.forward(idx).mul(dout).sum();
      const numeric = numericalGradient(loss, W);
      const what = `Embedding.backward after forward([${idx.join(", ")}])`;
      layer.forward(idx);
      assertUnchanged(
        { dout },
        () => explain(what, () => layer.backward(dout)),
        what,
      );
      assertGradientsMatch(layer.grads.W, numeric, {
        // The layer is linear in W: the central difference is exact up to
        // rounding, so a correct backward scores about 1e-10.
        tolerance: 1e-7,
        msg: `${what}: grads.W`,
      });
    },
  );
}

Deno.test(
  "each backward starts grads.W from zero: it does not add to the gradient of the backward before",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    layer.forward([0, 2]);
    explain("Embedding.backward", () => layer.backward(countingDout(2, 3)));
    layer.forward([2, 5]);
    explain("Embedding.backward", () => layer.backward(countingDout(2, 3)));
    assertClose(
      layer.grads.W,
      [[0, 0, 0], [0, 0, 0], [1, 1, 1], [0, 0, 0], [0, 0, 0], [2, 2, 2], [
        0,
        0,
        0,
      ]],
      {
        msg:
          "Embedding.backward([[1, 1, 1], [2, 2, 2]]) after forward([2, 5]), with a forward([0, 2]) and backward before it: grads.W",
      },
    );
  },
);

Deno.test(
  "backward writes into the grads.W tensor the layer already has",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    // A network gathers its layers' gradients once and reads them after
    // each backward: it holds this very tensor.
    const held = layer.grads.W;
    layer.forward([3]);
    explain("Embedding.backward", () => layer.backward(tensor([[1, 2, 3]])));
    assert(
      layer.grads.W === held,
      "Embedding.backward replaced grads.W with another tensor: a network " +
        "that gathered grads.W before backward still holds the old one. " +
        "Write into the existing tensor (in place)",
    );
    assertClose(held.rows([3]), [[1, 2, 3]], {
      msg:
        "row 3 of the grads.W gathered before Embedding.backward, read after it",
    });
  },
);

Deno.test(
  "backward uses the ids of the most recent forward",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    layer.forward([0, 1]);
    layer.forward([5, 6]);
    explain("Embedding.backward", () => layer.backward(countingDout(2, 3)));
    assertClose(layer.grads.W.rows([5, 6, 0, 1]), [[1, 1, 1], [2, 2, 2], [
      0,
      0,
      0,
    ], [0, 0, 0]], {
      msg:
        "Embedding.backward after forward([0, 1]) then forward([5, 6]): rows 5, 6, 0 and 1 of grads.W",
    });
  },
);

Deno.test(
  "an update of params.W in place is seen by the next forward",
  timeLimit,
  () => {
    const W = bookW();
    const layer = new Embedding(W);
    layer.forward([1]);
    W.subInPlace(1);
    assertClose(layer.forward([1]), [[2, 3, 4]], {
      msg: "Embedding.forward([1]) after W.subInPlace(1)",
    });
  },
);

Deno.test(
  "forward rejects a word id that is not a row of W, with an error that names it",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    for (const id of [7, -1, 1.5]) {
      assertClearError(
        () => layer.forward([0, id]),
        `Embedding.forward([0, ${id}]) with W of 7 rows`,
        {
          includes: String(id),
          says: `name the id ${id}`,
          fix: "let a row lookup check the ids, or check them yourself",
        },
      );
    }
  },
);

Deno.test(
  "backward rejects a dout without one row of W's width per id, with an error that names its shape",
  timeLimit,
  () => {
    const layer = new Embedding(bookW());
    layer.forward([1, 0, 3, 0]);
    for (const shape of [[3, 3], [5, 3], [4, 2]]) {
      assertClearError(
        () => layer.backward(Tensor.ones(shape)),
        `Embedding.backward(ones([${
          shape.join(", ")
        }])) after forward([1, 0, 3, 0]) with W of shape [7, 3]`,
        {
          includes: `[${shape.join(", ")}]`,
          says: `name the shape of dout, [${shape.join(", ")}]`,
          fix: "compare dout's shape with [4, 3] and throw an Error",
        },
      );
    }
  },
);
