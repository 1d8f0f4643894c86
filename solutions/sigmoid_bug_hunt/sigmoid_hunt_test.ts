import { Sigmoid } from "../sigmoid_layer/sigmoid.ts";
import {
  assertClose,
  assertForwardFirst,
  assertFresh,
  assertUnchanged,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4, and sigmoid(-x) = 1 - sigmoid(x):
// values a learner can check by hand, on both sides of 0.
const LN3 = Math.log(3);

Deno.test(
  "forward gives 1/2 at 0, 3/4 at ln 3 and 1/4 at -ln 3",
  timeLimit,
  () => {
    const y = new Sigmoid().forward(tensor([[0, LN3, -LN3]]));
    assertClose(y, [[0.5, 0.75, 0.25]]);
  },
);

Deno.test(
  "forward gives 0 and 1, not NaN, at -1000 and 1000",
  timeLimit,
  () => {
    const y = new Sigmoid().forward(tensor([-1000, 1000]));
    assertClose(y, [0, 1]);
  },
);

Deno.test(
  "backward multiplies dout by y(1 - y) on both sides of 0",
  timeLimit,
  () => {
    const sigmoid = new Sigmoid();
    sigmoid.forward(tensor([[0, LN3, -LN3]]));
    // y(1 - y) is 1/4 at 0 and 3/16 at ±ln 3.
    const dx = sigmoid.backward(tensor([[2, 4, -8]]));
    assertClose(dx, [[0.5, 0.75, -1.5]]);
  },
);

Deno.test("backward gives 0, not NaN, at -1000 and 1000", timeLimit, () => {
  const sigmoid = new Sigmoid();
  sigmoid.forward(tensor([-1000, 1000]));
  assertClose(sigmoid.backward(tensor([1, 1])), [0, 0]);
});

Deno.test(
  "backward leaves dout unchanged and returns a new tensor",
  timeLimit,
  () => {
    const sigmoid = new Sigmoid();
    sigmoid.forward(tensor([1, -2]));
    const dout = tensor([3, 5]);
    const dx = assertUnchanged(
      { dout },
      () => sigmoid.backward(dout),
      "backward",
    );
    assertFresh(dx, { dout }, "backward");
  },
);

Deno.test(
  "forward and backward use the most recent input",
  timeLimit,
  () => {
    const sigmoid = new Sigmoid();
    sigmoid.forward(tensor([5, -5]));
    assertClose(sigmoid.forward(tensor([0, 0])), [0.5, 0.5]);
    assertClose(sigmoid.backward(tensor([1, 1])), [0.25, 0.25]);
  },
);

Deno.test(
  "backward before any forward throws an error that says so",
  timeLimit,
  () => {
    assertForwardFirst(
      () => new Sigmoid().backward(tensor([1])),
      "backward before any forward",
    );
  },
);
