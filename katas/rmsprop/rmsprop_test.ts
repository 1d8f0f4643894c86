import { RMSprop } from "./rmsprop.ts";
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

// Positions below are worked out without the 1e-7 in the denominator, which
// changes them by less than 1e-6 relative: hence rtol 2e-6. The test on a
// gradient of 1e-3 checks the 1e-7 itself.

Deno.test(
  "update changes the caller's tensors in place, so a layer holding them sees the new values",
  timeLimit,
  () => {
    assertUpdatesInPlace(new RMSprop(0.5), "RMSprop(0.5)");
  },
);

Deno.test("update leaves the gradients unchanged", timeLimit, () => {
  assertGradsUnchanged(new RMSprop(0.1), "RMSprop(0.1)");
});

Deno.test(
  "a missing gradient throws an Error that names the parameter",
  timeLimit,
  () => assertMissingGradientThrows(new RMSprop(), "RMSprop()"),
);

Deno.test(
  "a gradient of the wrong shape throws an Error that names the parameter, even when it would broadcast",
  timeLimit,
  () => assertWrongShapeThrows(() => new RMSprop(), "RMSprop()"),
);

Deno.test(
  "a gradient for a parameter that does not exist throws an Error that names it",
  timeLimit,
  () => assertExtraGradientThrows(new RMSprop(), "RMSprop()"),
);

Deno.test(
  "a rejected update names RMSprop.update and changes nothing",
  timeLimit,
  () =>
    assertRejectedUpdateChangesNothing(
      () => new RMSprop(0.1, 0.9),
      "RMSprop(0.1, 0.9)",
      "RMSprop.update",
    ),
);

Deno.test(
  "the defaults are lr 0.01 and decay rate 0.99 (book's common/optimizer.py)",
  timeLimit,
  () => {
    const optimizer = new RMSprop();
    const params = { W: tensor([0, 0]) };
    const grads = { W: tensor([3, -4]) };
    // step 1: h = 0.01 * [9, 16] = [0.09, 0.16], √h = [0.3, 0.4];
    //         W = -0.01 * [3/0.3, -4/0.4] = [-0.1, 0.1]
    optimizer.update(params, grads);
    assertClose(params.W, [-0.1, 0.1], {
      rtol: 2e-6,
      msg: "new RMSprop(): W after one update with dW = [3, -4] from [0, 0]",
    });
    // step 2: h = 0.99 * 0.01 * dW² + 0.01 * dW² = 0.0199 * dW², so the step
    //         is 0.01 / √0.0199 = 0.0708881205 for both elements
    optimizer.update(params, grads);
    const w = 0.1 + 0.01 / Math.sqrt(0.0199);
    assertClose(params.W, [-w, w], {
      rtol: 2e-6,
      msg: "new RMSprop(): W after two updates with dW = [3, -4] from [0, 0]",
    });
  },
);

Deno.test(
  "with a constant gradient the steps are lr/√(1 − decay^t), tending to lr",
  timeLimit,
  () => {
    const optimizer = new RMSprop(0.1, 0.9);
    const params = { w: tensor([0]) };
    const positions: number[] = [];
    for (let t = 1; t <= 50; t++) {
      optimizer.update(params, { w: tensor([2]) });
      positions.push(params.w.item());
    }
    // After t steps of the gradient g, h = (1 - 0.9^t) g², so step t is
    // 0.1 / √(1 - 0.9^t): 0.3162277660, 0.2294157339, 0.1920946876, ...
    const step = (t: number) => 0.1 / Math.sqrt(1 - 0.9 ** t);
    assertClose(
      positions.slice(0, 3),
      [-step(1), -step(1) - step(2), -step(1) - step(2) - step(3)],
      {
        rtol: 2e-6,
        msg: "RMSprop(0.1, 0.9): w after 1, 2, 3 updates with dw = 2 from 0",
      },
    );
    // By step 50 the decay has forgotten the zeros h started from.
    assertClose(positions[48] - positions[49], step(50), {
      rtol: 2e-6,
      msg: "RMSprop(0.1, 0.9): the 50th step with dw = 2 (≈ lr)",
    });
  },
);

Deno.test(
  "the first three steps on f(x, y) = x²/20 + y² from (-7, 2) match the hand-computed positions (lr 0.1)",
  timeLimit,
  () => {
    // The gradient is (x/10, 2y); decay rate 0.99, so h = 0.99 h + 0.01 grad².
    // step 1: grad = (-0.7, 4); h = 0.01 * (0.49, 16) = (0.0049, 0.16);
    //         √h = (0.07, 0.4); (x, y) = (-7 + 0.1 * 0.7/0.07, 2 - 0.1 * 4/0.4)
    //         = (-6, 1)
    // step 2: grad = (-0.6, 2);
    //         h = (0.99 * 0.0049 + 0.01 * 0.36, 0.99 * 0.16 + 0.01 * 4)
    //           = (0.008451, 0.1984);
    //         x = -6 + 0.1 * 0.6/√0.008451 = -6 + 0.6526753332 = -5.3473246668
    //         y = 1 - 0.1 * 2/√0.1984 = 1 - 0.4490132551 = 0.5509867449
    // step 3: grad = (-0.5347324667, 1.1019734898);
    //         h = (0.99 * 0.008451 + 0.01 * 0.2859388109,
    //              0.99 * 0.1984 + 0.01 * 1.2143455722)
    //           = (0.0112258781, 0.2085594557);
    //         x = -5.3473246668 + 0.1 * 0.5347324667/√0.0112258781
    //           = -5.3473246668 + 0.5046919670 = -4.8426326999
    //         y = 0.5509867449 - 0.1 * 1.1019734898/√0.2085594557
    //           = 0.5509867449 - 0.2412993791 = 0.3096873658
    assertClose(
      descend(new RMSprop(0.1), 3),
      [[-6, 1], [-5.3473246668, 0.5509867449], [-4.8426326999, 0.3096873658]],
      {
        rtol: 2e-6,
        msg: "RMSprop(0.1): positions [x, y] after steps 1, 2, 3",
      },
    );
  },
);

Deno.test(
  "30 steps on f from (-7, 2) approach the minimum at (0, 0)",
  timeLimit,
  () =>
    assertNearMinimum(
      descend(new RMSprop(0.1), 30)[29],
      "RMSprop(0.1): after 30 steps",
    ),
);

Deno.test(
  "the denominator is √h + 1e-7, exactly: a gradient of 1e-3 moves w by 0.1/1.001",
  timeLimit,
  () => {
    const params = { w: tensor([0]) };
    new RMSprop(0.01).update(params, { w: tensor([1e-3]) });
    // h = 0.01 * 1e-6 = 1e-8, √h = 1e-4; the step is
    // 0.01 * 1e-3 / (1e-4 + 1e-7) = 0.1 / 1.001. With √(h + 1e-7) instead it
    // would be 0.01 * 1e-3 / 3.317e-4 = 0.0302, and with 1e-8 instead of
    // 1e-7, 0.1 / 1.0001.
    assertClose(params.w, [-0.1 / 1.001], {
      rtol: 1e-9,
      msg: "RMSprop(0.01): w after one update with dw = 1e-3 from 0",
    });
  },
);

Deno.test(
  "a zero gradient leaves the parameter where it is, with no NaN",
  timeLimit,
  () => {
    const optimizer = new RMSprop(0.01);
    const params = { w: tensor([1, 2]) };
    // h = 0 and the gradient is 0: the step 0 / (0 + 1e-7) is 0, not 0/0.
    optimizer.update(params, { w: tensor([0, 0]) });
    assertClose(params.w, [1, 2], {
      msg: "RMSprop(0.01): w = [1, 2] after one update with dw = [0, 0]",
    });
    // h = [0.01 * 4, 0]: the first element moves by 0.01 * 2/0.2 = 0.1.
    optimizer.update(params, { w: tensor([2, 0]) });
    assertClose(params.w, [0.9, 2], {
      rtol: 2e-6,
      msg: "RMSprop(0.01): w after dw = [0, 0], then dw = [2, 0]",
    });
  },
);

Deno.test(
  "each parameter keeps a moving average of squared gradients of its own, with its own shape",
  timeLimit,
  () => assertStatePerParameter(() => new RMSprop(0.1), "RMSprop(0.1)"),
);

Deno.test(
  "the average belongs to the parameter's name: it carries over when the name comes with a new tensor",
  timeLimit,
  () => {
    // A caller may rebuild its params record between updates (after loading
    // saved weights, say): the same name with the same values in a new
    // tensor is the same parameter, and keeps its h.
    const w = updateWithNewTensors(new RMSprop(0.1, 0.9), tensor([0]), [
      tensor([2]),
      tensor([2]),
      tensor([2]),
    ]);
    // As in the constant-gradient test: step t is 0.1 / √(1 - 0.9^t).
    const step = (t: number) => 0.1 / Math.sqrt(1 - 0.9 ** t);
    assertClose(w, [-step(1) - step(2) - step(3)], {
      rtol: 2e-6,
      msg: "RMSprop(0.1, 0.9): w after 3 updates with dw = 2 from 0, each " +
        "update given {w: a new tensor holding the current w}",
    });
  },
);

Deno.test(
  "a new optimizer starts afresh, whatever other optimizers did",
  timeLimit,
  () => {
    const W = assertStartsAfresh(() => new RMSprop(0.1), "RMSprop(0.1)");
    assertClose(W, [-1, 1], {
      rtol: 1e-6,
      msg: "the first update of RMSprop(0.1) with dW = [1, -1] from [0, 0]",
    });
  },
);
