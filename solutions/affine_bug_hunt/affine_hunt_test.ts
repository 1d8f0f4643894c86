import { Affine } from "../affine_layer/affine.ts";
import {
  assertClose,
  assertForwardFirst,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// N = 2 samples of D = 3 values, M = 4 outputs: no two sizes are equal, so a
// formula with the wrong transpose cannot even multiply, and no row of dout
// sums like a column.
const x = () => tensor([[1, 2, 3], [4, 5, 6]]);
const layer = () =>
  new Affine(
    tensor([[1, 0, -1, 2], [0, 1, 1, -1], [2, -1, 0, 1]]),
    tensor([0.5, -0.5, 1, 0]),
  );
const dout = () => tensor([[1, 0, -1, 2], [3, 1, 2, -1]]);
// Worked out by hand from the three above.
const y = [[7.5, -1.5, 2, 3], [16.5, -1.5, 2, 9]];
const dx = [[6, -3, 4], [-1, 4, 4]];
const dW = [[13, 4, 7, -2], [17, 5, 8, -1], [21, 6, 9, 0]];
const db = [4, 1, 1, 1];

Deno.test("forward adds b to every row of x·W", timeLimit, () => {
  assertClose(layer().forward(x()), y, { msg: "forward" });
});

Deno.test(
  "backward gives dx = dout·Wᵀ, dW = xᵀ·dout and db = dout summed over the batch",
  timeLimit,
  () => {
    const affine = layer();
    affine.forward(x());
    assertClose(affine.backward(dout()), dx, { msg: "dx" });
    assertClose(affine.dW!, dW, { msg: "dW" });
    assertClose(affine.db!, db, { msg: "db" });
  },
);

Deno.test(
  "an image batch is flattened per sample and dx comes back in its shape",
  timeLimit,
  () => {
    const affine = layer();
    assertClose(affine.forward(x().reshape(2, 1, 3, 1)), y, {
      msg: "forward of [2, 1, 3, 1]",
    });
    assertClose(affine.backward(dout()), tensor(dx).reshape(2, 1, 3, 1), {
      msg: "dx for [2, 1, 3, 1]",
    });
  },
);

Deno.test(
  "forward sees W after the caller updates it in place, as an optimizer does",
  timeLimit,
  () => {
    const W = tensor([[1], [2], [3]]);
    const affine = new Affine(W, tensor([0]));
    W.mulInPlace(10);
    assertClose(affine.forward(x()), [[140], [320]], {
      msg: "forward after W.mulInPlace(10)",
    });
  },
);

Deno.test(
  "dW uses x as it was at forward, even when the caller reuses x afterwards",
  timeLimit,
  () => {
    const affine = layer();
    const input = x();
    affine.forward(input);
    input.mulInPlace(0);
    affine.backward(dout());
    assertClose(affine.dW!, dW, { msg: "dW after the caller zeroed x" });
  },
);

Deno.test(
  "backward before any forward says forward comes first",
  timeLimit,
  () => {
    assertForwardFirst(
      () => layer().backward(dout()),
      "backward before any forward",
    );
  },
);
