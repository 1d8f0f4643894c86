import { Momentum } from "./momentum.ts";
import {
  assertClose,
  assertExtraGradientThrows,
  assertGradsUnchanged,
  assertMissingGradientThrows,
  assertNearMinimum,
  assertRejectedUpdateChangesNothing,
  assertStartsAfresh,
  assertStatePerParameter,
  assertUpdatesInPlace,
  assertWrongShapeThrows,
  descend,
  tensor,
  timeLimit,
  updateWithNewTensors,
} from "../../lib/testing/mod.ts";

// descend and assertNearMinimum walk the book's test function (6.1.1)
// f(x, y) = x²/20 + y², whose gradient is (x/10, 2y), from (-7, 2); the other
// helpers check the contract of update that every optimizer shares (see
// lib/testing/optimizer.ts).

Deno.test(
  "update changes the caller's tensors in place, so a layer holding them sees the new values",
  timeLimit,
  () => {
    const W = assertUpdatesInPlace(new Momentum(0.5), "Momentum(0.5)");
    // v = -0.5 * 2, so W - 1 everywhere
    assertClose(W, [[0, 1], [2, 3]], {
      rtol: 1e-12,
      msg: "the layer's W after Momentum(0.5).update with dW = 2",
    });
  },
);

Deno.test("update leaves the gradients unchanged", timeLimit, () => {
  assertGradsUnchanged(new Momentum(0.1), "Momentum(0.1)");
});

Deno.test(
  "a missing gradient throws an Error that names the parameter",
  timeLimit,
  () => assertMissingGradientThrows(new Momentum(), "Momentum()"),
);

Deno.test(
  "a gradient of the wrong shape throws an Error that names the parameter, even when it would broadcast",
  timeLimit,
  () => assertWrongShapeThrows(() => new Momentum(), "Momentum()"),
);

Deno.test(
  "a gradient for a parameter that does not exist throws an Error that names it",
  timeLimit,
  () => assertExtraGradientThrows(new Momentum(), "Momentum()"),
);

Deno.test(
  "a rejected update names Momentum.update and changes nothing",
  timeLimit,
  () =>
    assertRejectedUpdateChangesNothing(
      () => new Momentum(0.1, 0.9),
      "Momentum(0.1, 0.9)",
      "Momentum.update",
    ),
);

Deno.test(
  "the defaults are lr 0.01 and momentum 0.9 (book 6.1.4)",
  timeLimit,
  () => {
    const optimizer = new Momentum();
    const params = { W: tensor([0, 0]) };
    const grads = { W: tensor([1, -2]) };
    // step 1: v = -0.01 * [1, -2] = [-0.01, 0.02];  W = [-0.01, 0.02]
    optimizer.update(params, grads);
    assertClose(params.W, [-0.01, 0.02], {
      rtol: 1e-12,
      msg: "new Momentum(): W after one update with dW = [1, -2] from [0, 0]",
    });
    // step 2: v = 0.9 * [-0.01, 0.02] - 0.01 * [1, -2] = [-0.019, 0.038];
    //         W = [-0.01 - 0.019, 0.02 + 0.038] = [-0.029, 0.058]
    optimizer.update(params, grads);
    assertClose(params.W, [-0.029, 0.058], {
      rtol: 1e-12,
      msg: "new Momentum(): W after two updates with dW = [1, -2] from [0, 0]",
    });
  },
);

Deno.test(
  "with a constant gradient the velocity builds up from one step to the next",
  timeLimit,
  () => {
    const optimizer = new Momentum(0.1, 0.9);
    const params = { w: tensor([0]) };
    const positions: number[] = [];
    for (let i = 0; i < 3; i++) {
      optimizer.update(params, { w: tensor([1]) });
      positions.push(params.w.item());
    }
    // v = -0.1, then 0.9 * -0.1 - 0.1 = -0.19, then 0.9 * -0.19 - 0.1 = -0.271
    // w = -0.1, then -0.1 - 0.19 = -0.29, then -0.29 - 0.271 = -0.561
    assertClose(positions, [-0.1, -0.29, -0.561], {
      rtol: 1e-12,
      msg: "Momentum(0.1, 0.9): w after 1, 2, 3 updates with dw = 1 from 0",
    });
  },
);

Deno.test(
  "the momentum given to the constructor sets how much velocity survives each step",
  timeLimit,
  () => {
    const optimizer = new Momentum(0.1, 0.5);
    const params = { w: tensor([0]) };
    const positions: number[] = [];
    for (let i = 0; i < 3; i++) {
      optimizer.update(params, { w: tensor([1]) });
      positions.push(params.w.item());
    }
    // v = -0.1, then 0.5 * -0.1 - 0.1 = -0.15, then 0.5 * -0.15 - 0.1 = -0.175
    // w = -0.1, then -0.1 - 0.15 = -0.25, then -0.25 - 0.175 = -0.425
    assertClose(positions, [-0.1, -0.25, -0.425], {
      rtol: 1e-12,
      msg: "Momentum(0.1, 0.5): w after 1, 2, 3 updates with dw = 1 from 0",
    });
  },
);

Deno.test(
  "the first three steps on f(x, y) = x²/20 + y² from (-7, 2) match the hand-computed positions (book 6.1.4, lr 0.1)",
  timeLimit,
  () => {
    // lr = 0.1 is the book's choice for Momentum in its comparison of
    // optimizers; the gradient is (x/10, 2y).
    // step 1: grad = (-0.7, 4); v = -0.1 * grad = (0.07, -0.4);
    //         (x, y) = (-7 + 0.07, 2 - 0.4) = (-6.93, 1.6)
    // step 2: grad = (-0.693, 3.2);
    //         v = 0.9 * (0.07, -0.4) - 0.1 * (-0.693, 3.2)
    //           = (0.063 + 0.0693, -0.36 - 0.32) = (0.1323, -0.68);
    //         (x, y) = (-6.93 + 0.1323, 1.6 - 0.68) = (-6.7977, 0.92)
    // step 3: grad = (-0.67977, 1.84);
    //         v = 0.9 * (0.1323, -0.68) - 0.1 * (-0.67977, 1.84)
    //           = (0.11907 + 0.067977, -0.612 - 0.184) = (0.187047, -0.796);
    //         (x, y) = (-6.7977 + 0.187047, 0.92 - 0.796) = (-6.610653, 0.124)
    assertClose(
      descend(new Momentum(0.1), 3),
      [[-6.93, 1.6], [-6.7977, 0.92], [-6.610653, 0.124]],
      {
        rtol: 1e-12,
        msg: "Momentum(0.1): positions [x, y] after steps 1, 2, 3",
      },
    );
  },
);

Deno.test(
  "30 steps on f from (-7, 2) approach the minimum at (0, 0)",
  timeLimit,
  () =>
    assertNearMinimum(
      descend(new Momentum(0.1), 30)[29],
      "Momentum(0.1): after 30 steps",
    ),
);

Deno.test(
  "each parameter keeps a velocity of its own, with its own shape",
  timeLimit,
  () =>
    assertStatePerParameter(() => new Momentum(0.1, 0.9), "Momentum(0.1, 0.9)"),
);

Deno.test(
  "the velocity belongs to the parameter's name: it carries over when the name comes with a new tensor",
  timeLimit,
  () => {
    // A caller may rebuild its params record between updates (after loading
    // saved weights, say): the same name with the same values in a new
    // tensor is the same parameter, and keeps its velocity.
    const w = updateWithNewTensors(new Momentum(0.1, 0.9), tensor([0]), [
      tensor([1]),
      tensor([1]),
      tensor([1]),
    ]);
    // As in the constant-gradient test: w = -0.1, -0.29, then -0.561.
    assertClose(w, [-0.561], {
      rtol: 1e-12,
      msg: "Momentum(0.1, 0.9): w after 3 updates with dw = 1 from 0, " +
        "each update given {w: a new tensor holding the current w}",
    });
  },
);

Deno.test(
  "a new optimizer starts at rest, whatever other optimizers did",
  timeLimit,
  () => {
    const W = assertStartsAfresh(
      () => new Momentum(0.1, 0.9),
      "Momentum(0.1, 0.9)",
    );
    assertClose(W, [-0.1, 0.1], {
      rtol: 1e-12,
      msg: "the first update of a second Momentum(0.1, 0.9) with dW = [1, -1]",
    });
  },
);
