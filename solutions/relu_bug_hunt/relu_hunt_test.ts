import { Relu } from "../relu_layer/relu.ts";
import {
  assertClose,
  assertForwardFirst,
  assertUnchanged,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

Deno.test(
  "forward keeps the positive inputs, zeroes the rest (0 included) and leaves x alone",
  timeLimit,
  () => {
    const x = tensor([[2, -1, 0], [-3, 0.5, 4]]);
    const y = assertUnchanged({ x }, () => new Relu().forward(x), "forward");
    assertClose(y, [[2, 0, 0], [0, 0.5, 4]], { msg: "forward" });
  },
);

Deno.test(
  "forward of ±Infinity gives Infinity and 0, no NaN",
  timeLimit,
  () => {
    assertClose(new Relu().forward(tensor([-Infinity, Infinity])), [
      0,
      Infinity,
    ], { msg: "forward([-Infinity, Infinity])" });
  },
);

Deno.test(
  "backward passes dout where x > 0, gives 0 where x <= 0, and leaves dout alone",
  timeLimit,
  () => {
    const relu = new Relu();
    relu.forward(tensor([[2, -1, 0], [-3, 0.5, 4]]));
    // Negative and positive gradients on both sides of the mask, and none is 1.
    const dout = tensor([[10, 20, 30], [-40, -50, 60]]);
    const dx = assertUnchanged({ dout }, () => relu.backward(dout), "backward");
    assertClose(dx, [[10, 0, 0], [0, -50, 60]], { msg: "backward" });
  },
);

Deno.test("backward uses the mask of the latest forward", timeLimit, () => {
  const relu = new Relu();
  relu.forward(tensor([1, -1]));
  relu.forward(tensor([-1, 1]));
  assertClose(relu.backward(tensor([5, 6])), [0, 6], {
    msg: "backward after forward([1, -1]) then forward([-1, 1])",
  });
});

Deno.test(
  "backward before any forward says forward comes first",
  timeLimit,
  () => {
    assertForwardFirst(
      () => new Relu().backward(tensor([1, 2])),
      "backward before any forward",
    );
  },
);
