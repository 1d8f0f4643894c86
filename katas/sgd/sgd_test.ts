import { SGD } from "./sgd.ts";
import {
  assertClose,
  assertExtraGradientThrows,
  assertGradsUnchanged,
  assertMissingGradientThrows,
  assertNearMinimum,
  assertRejectedUpdateChangesNothing,
  assertUpdatesInPlace,
  assertWrongShapeThrows,
  descend,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// descend and assertNearMinimum walk the book's test function (6.1.1)
// f(x, y) = x²/20 + y², whose gradient is (x/10, 2y), from (-7, 2); the other
// helpers check the contract of update that every optimizer shares (see
// lib/testing/optimizer.ts).

Deno.test(
  "update changes the caller's tensors in place, so a layer holding them sees the new values",
  timeLimit,
  () => {
    const W = assertUpdatesInPlace(new SGD(0.5), "SGD(0.5)");
    // W - 0.5 * 2 everywhere
    assertClose(W, [[0, 1], [2, 3]], {
      rtol: 1e-12,
      msg: "the layer's W after SGD(0.5).update with dW = 2",
    });
  },
);

Deno.test("update leaves the gradients unchanged", timeLimit, () => {
  assertGradsUnchanged(new SGD(0.1), "SGD(0.1)");
});

Deno.test(
  "a missing gradient throws an Error that names the parameter",
  timeLimit,
  () => assertMissingGradientThrows(new SGD(), "SGD()"),
);

Deno.test(
  "a gradient of the wrong shape throws an Error that names the parameter, even when it would broadcast",
  timeLimit,
  () => assertWrongShapeThrows(() => new SGD(), "SGD()"),
);

Deno.test(
  "a gradient for a parameter that does not exist throws an Error that names it",
  timeLimit,
  () => assertExtraGradientThrows(new SGD(), "SGD()"),
);

Deno.test(
  "a rejected update names SGD.update and moves no parameter",
  timeLimit,
  () =>
    assertRejectedUpdateChangesNothing(
      () => new SGD(0.1),
      "SGD(0.1)",
      "SGD.update",
    ),
);

Deno.test("the default learning rate is 0.01 (book 6.1.2)", timeLimit, () => {
  const params = { W: tensor([1, 2]) };
  new SGD().update(params, { W: tensor([10, -20]) });
  // W - 0.01 * dW = [1 - 0.1, 2 + 0.2]
  assertClose(params.W, [0.9, 2.2], {
    rtol: 1e-12,
    msg: "new SGD().update({W: [1, 2]}, {W: [10, -20]})",
  });
});

Deno.test(
  "the first three steps on f(x, y) = x²/20 + y² from (-7, 2) match the hand-computed positions (book 6.1.1, lr 0.95)",
  timeLimit,
  () => {
    // lr = 0.95 is the book's choice for SGD in its comparison of optimizers.
    // Each step is x -= 0.95 * x/10 and y -= 0.95 * 2y, that is
    // x *= 0.905 and y *= -0.9:
    //   step 1: x = -7 * 0.905 = -6.335,          y = 2 * -0.9 = -1.8
    //   step 2: x = -6.335 * 0.905 = -5.733175,   y = -1.8 * -0.9 = 1.62
    //   step 3: x = -5.733175 * 0.905 = -5.188523375, y = 1.62 * -0.9 = -1.458
    assertClose(
      descend(new SGD(0.95), 3),
      [[-6.335, -1.8], [-5.733175, 1.62], [-5.188523375, -1.458]],
      { rtol: 1e-12, msg: "SGD(0.95): positions [x, y] after steps 1, 2, 3" },
    );
  },
);

Deno.test(
  "30 steps on f from (-7, 2) approach the minimum at (0, 0)",
  timeLimit,
  () => {
    const end = descend(new SGD(0.95), 30)[29];
    // After n steps x = -7 * 0.905^n and y = 2 * (-0.9)^n (see the test above).
    assertClose(end, [-7 * 0.905 ** 30, 2 * 0.9 ** 30], {
      rtol: 1e-9,
      msg: "SGD(0.95): position [x, y] after 30 steps",
    });
    assertNearMinimum(end, "SGD(0.95): after 30 steps");
  },
);

Deno.test(
  "each parameter moves against its own gradient, whatever its shape",
  timeLimit,
  () => {
    const params = {
      W1: tensor([[1, 2, 3], [4, 5, 6]]),
      b1: tensor([0.5, -0.5, 0]),
      W2: tensor([[[[1, -1], [2, -2]]]]),
    };
    new SGD(0.1).update(params, {
      W1: tensor([[1, 0, -1], [10, 20, 30]]),
      b1: tensor([5, 5, -5]),
      W2: tensor([[[[0, 1], [-1, 0]]]]),
    });
    assertClose(params.W1, [[0.9, 2, 3.1], [3, 3, 3]], {
      rtol: 1e-12,
      msg: "SGD(0.1).update: W1",
    });
    assertClose(params.b1, [0, -1, 0.5], {
      rtol: 1e-12,
      msg: "SGD(0.1).update: b1",
    });
    assertClose(params.W2, [[[[1, -1.1], [2.1, -2]]]], {
      rtol: 1e-12,
      msg: "SGD(0.1).update: W2 (a 4-D filter)",
    });
  },
);
