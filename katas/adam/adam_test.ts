import { Adam } from "./adam.ts";
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

// Positions below are worked out without the 1e-7 in the denominator. While
// v is small (0.001 * dW² on the first step) it shifts them by up to a few
// 1e-6 relative: hence rtol 2e-6 on the book's function, where it is less
// than 1e-6, and 1e-5 elsewhere.

Deno.test(
  "update changes the caller's tensors in place, so a layer holding them sees the new values",
  timeLimit,
  () => {
    assertUpdatesInPlace(new Adam(0.5), "Adam(0.5)");
  },
);

Deno.test("update leaves the gradients unchanged", timeLimit, () => {
  assertGradsUnchanged(new Adam(0.1), "Adam(0.1)");
});

Deno.test(
  "a missing gradient throws an Error that names the parameter",
  timeLimit,
  () => assertMissingGradientThrows(new Adam(), "Adam()"),
);

Deno.test(
  "a gradient of the wrong shape throws an Error that names the parameter, even when it would broadcast",
  timeLimit,
  () => assertWrongShapeThrows(() => new Adam(), "Adam()"),
);

Deno.test(
  "a gradient for a parameter that does not exist throws an Error that names it",
  timeLimit,
  () => assertExtraGradientThrows(new Adam(), "Adam()"),
);

Deno.test(
  "a rejected update names Adam.update and changes nothing",
  timeLimit,
  () =>
    assertRejectedUpdateChangesNothing(
      () => new Adam(0.1),
      "Adam(0.1)",
      "Adam.update",
    ),
);

Deno.test(
  "the defaults are lr 0.001, beta1 0.9 and beta2 0.999 (book 6.1.6)",
  timeLimit,
  () => {
    const optimizer = new Adam();
    const params = { W: tensor([0, 0]) };
    // step 1 (t = 1): m = 0.1 dW, v = 0.001 dW², lr_t = 0.001 √0.001 / 0.1,
    //         so the step is 0.001 * √0.001/0.1 * 0.1/√0.001 * sign(dW)
    //         = 0.001 * sign(dW): W = [-0.001, 0.001]
    optimizer.update(params, { W: tensor([10, -20]) });
    assertClose(params.W, [-0.001, 0.001], {
      rtol: 1e-5,
      msg: "new Adam(): W after one update with dW = [10, -20] from [0, 0]",
    });
    // step 2 (t = 2), the gradient is now 0: m = 0.9 * 0.1 dW = 0.09 dW,
    //         v = 0.999 * 0.001 dW² = 0.000999 dW²,
    //         lr_t = 0.001 √(1 - 0.999²) / (1 - 0.9²) = 0.001 √0.001999 / 0.19;
    //         the step is lr_t * 0.09 / √0.000999 = 0.0006700583 * sign(dW)
    optimizer.update(params, { W: tensor([0, 0]) });
    const w = 0.001 +
      0.001 * Math.sqrt(0.001999) / 0.19 * 0.09 / Math.sqrt(0.000999);
    assertClose(params.W, [-w, w], {
      rtol: 1e-5,
      msg: "new Adam(): W after dW = [10, -20], then dW = [0, 0], from [0, 0]",
    });
  },
);

Deno.test(
  "with a constant gradient every step is lr: the bias correction undoes the zero start",
  timeLimit,
  () => {
    const optimizer = new Adam(0.1);
    const params = { w: tensor([0]) };
    const positions: number[] = [];
    for (let i = 0; i < 3; i++) {
      optimizer.update(params, { w: tensor([5]) });
      positions.push(params.w.item());
    }
    // After t steps of the gradient g, m = (1 - 0.9^t) g and
    // v = (1 - 0.999^t) g², so lr_t * m / √v = lr * g / |g| = lr.
    assertClose(positions, [-0.1, -0.2, -0.3], {
      rtol: 1e-5,
      msg: "Adam(0.1): w after 1, 2, 3 updates with dw = 5 from 0",
    });
  },
);

Deno.test(
  "the betas given to the constructor set the moving averages and the bias correction",
  timeLimit,
  () => {
    const optimizer = new Adam(0.1, 0.5, 0.75);
    const params = { w: tensor([0]) };
    // step 1 (t = 1): m = 0.5, v = 0.25, lr_t = 0.1 √0.25 / 0.5 = 0.1;
    //         the step is 0.1 * 0.5/√0.25 = 0.1, as for any betas
    optimizer.update(params, { w: tensor([1]) });
    // step 2 (t = 2), the gradient is now 0: m = 0.5 * 0.5 = 0.25,
    //         v = 0.75 * 0.25 = 0.1875 = 3/16,
    //         lr_t = 0.1 √(1 - 0.75²) / (1 - 0.5²) = 0.1 (√7/4) / 0.75;
    //         the step is lr_t * 0.25 / (√3/4) = 0.1 √(7/27) = 0.0509175077
    optimizer.update(params, { w: tensor([0]) });
    assertClose(params.w, [-0.1 - 0.1 * Math.sqrt(7 / 27)], {
      rtol: 1e-5,
      msg: "Adam(0.1, 0.5, 0.75): w after dw = 1, then dw = 0, from 0",
    });
  },
);

Deno.test(
  "t counts update calls, not parameters: three parameters in one call all take the first step",
  timeLimit,
  () => {
    const optimizer = new Adam(0.1);
    const params = { a: tensor([0]), b: tensor([0]), c: tensor([0]) };
    const grads = { a: tensor([5]), b: tensor([5]), c: tensor([5]) };
    optimizer.update(params, grads);
    const after = [params.a.item(), params.b.item(), params.c.item()];
    // One call is one step (t = 1) for every parameter: each moves by lr.
    assertClose(after, [-0.1, -0.1, -0.1], {
      rtol: 1e-5,
      msg: "Adam(0.1): [a, b, c] after one update with dw = 5 for each, from 0",
    });
  },
);

Deno.test(
  "the first three steps on f(x, y) = x²/20 + y² from (-7, 2) match the hand-computed positions (book 6.1.6, lr 0.3)",
  timeLimit,
  () => {
    // lr = 0.3 is the book's choice for Adam in its comparison of optimizers;
    // the gradient is (x/10, 2y). m += 0.1 (grad - m), v += 0.001 (grad² - v).
    // step 1: grad = (-0.7, 4); m = (-0.07, 0.4); v = (0.00049, 0.016);
    //         lr_t = 0.3 √0.001 / 0.1 = 0.0948683298;
    //         step = lr_t * m/√v = 0.0948683298 * (-0.07/0.0221359436,
    //         0.4/0.1264911064) = (-0.3, 0.3); (x, y) = (-6.7, 1.7)
    // step 2: grad = (-0.67, 3.4);
    //         m = (-0.07 - 0.06, 0.4 + 0.3) = (-0.13, 0.7);
    //         v = (0.00049 + 0.00044841, 0.016 + 0.011544)
    //           = (0.00093841, 0.027544), √v = (0.0306334784, 0.1659638515);
    //         lr_t = 0.3 √0.001999 / 0.19 = 0.0705950176;
    //         x = -6.7 + 0.0705950176 * 0.13/0.0306334784 = -6.4004142931
    //         y = 1.7 - 0.0705950176 * 0.7/0.1659638515 = 1.4022453271
    // step 3: grad = (-0.6400414293, 2.8044906541);
    //         m = (-0.13 - 0.0510041429, 0.7 + 0.2104490654)
    //           = (-0.1810041429, 0.9104490654);
    //         v = (0.00093841 + 0.0004087146, 0.027544 + 0.0078376238)
    //           = (0.0013471246, 0.0353816238), √v = (0.0367031963, 0.1881000368);
    //         lr_t = 0.3 √(1 - 0.999³) / (1 - 0.9³) = 0.0606031792;
    //         x = -6.4004142931 + 0.0606031792 * 0.1810041429/0.0367031963
    //           = -6.1015458671
    //         y = 1.4022453271 - 0.0606031792 * 0.9104490654/0.1881000368
    //           = 1.1089114775
    const expected = [
      [-6.7, 1.7],
      [-6.4004142931, 1.4022453271],
      [-6.1015458671, 1.1089114775],
    ];
    assertClose(descend(new Adam(0.3), 3), expected, {
      rtol: 2e-6,
      msg: "Adam(0.3): positions [x, y] after steps 1, 2, 3",
    });
  },
);

Deno.test(
  "50 steps on f from (-7, 2) approach the minimum at (0, 0)",
  timeLimit,
  () =>
    assertNearMinimum(
      descend(new Adam(0.3), 50)[49],
      "Adam(0.3): after 50 steps",
    ),
);

Deno.test(
  "the denominator is √v + 1e-7, exactly: a gradient of 1e-4 moves w by 0.1/(1 + 1e-7/√1e-11)",
  timeLimit,
  () => {
    const params = { w: tensor([0]) };
    new Adam(0.1).update(params, { w: tensor([1e-4]) });
    // t = 1: m = 0.1 * 1e-4, v = 0.001 * 1e-8 = 1e-11, √v = 3.1623e-6, and
    // lr_t = 0.1 √0.001 / 0.1; the step is lr_t * m / (√v + 1e-7)
    // = 0.1 √v / (√v + 1e-7) = 0.1 / 1.0316228. With √(v + 1e-7) instead it
    // would be about 0.001, and with 1e-8 instead of 1e-7, 0.1 / 1.0031623.
    assertClose(params.w, [-0.1 / (1 + 1e-7 / Math.sqrt(1e-11))], {
      rtol: 1e-9,
      msg: "Adam(0.1): w after one update with dw = 1e-4 from 0",
    });
  },
);

Deno.test(
  "a zero gradient leaves the parameter where it is, with no NaN",
  timeLimit,
  () => {
    const optimizer = new Adam(0.01);
    const params = { w: tensor([1, 2]) };
    // m = v = 0 and the gradient is 0: the step 0 / (0 + 1e-7) is 0, not 0/0.
    optimizer.update(params, { w: tensor([0, 0]) });
    assertClose(params.w, [1, 2], {
      msg: "Adam(0.01): w = [1, 2] after one update with dw = [0, 0]",
    });
    // t = 2 now: m = [0.1 * 2, 0], v = [0.001 * 4, 0],
    // lr_t = 0.01 √(1 - 0.999²) / (1 - 0.9²); the first element moves by
    // lr_t * 0.2/√0.004 = 0.0074413682, the second stays.
    optimizer.update(params, { w: tensor([2, 0]) });
    const step = 0.01 * Math.sqrt(1 - 0.999 ** 2) / (1 - 0.9 ** 2) * 0.2 /
      Math.sqrt(0.004);
    assertClose(params.w, [1 - step, 2], {
      rtol: 1e-5,
      msg: "Adam(0.01): w after dw = [0, 0], then dw = [2, 0]",
    });
  },
);

Deno.test(
  "each parameter keeps moving averages of its own, with its own shape",
  timeLimit,
  () => assertStatePerParameter(() => new Adam(0.1), "Adam(0.1)"),
);

Deno.test(
  "m and v belong to the parameter's name: they carry over when the name comes with a new tensor",
  timeLimit,
  () => {
    // A caller may rebuild its params record between updates (after loading
    // saved weights, say): the same name with the same values in a new
    // tensor is the same parameter, and keeps its m and v.
    const w = updateWithNewTensors(new Adam(), tensor([0, 0]), [
      tensor([10, -20]),
      tensor([0, 0]),
    ]);
    // As in the test of the defaults: the second step moves w by
    // 0.0006700583 although its gradient is 0, because m remembers the first.
    const moved = 0.001 +
      0.001 * Math.sqrt(0.001999) / 0.19 * 0.09 / Math.sqrt(0.000999);
    assertClose(w, [-moved, moved], {
      rtol: 1e-5,
      msg: "new Adam(): w after dw = [10, -20], then dw = [0, 0], from " +
        "[0, 0], each update given {w: a new tensor holding the current w}",
    });
  },
);

Deno.test(
  "a new optimizer starts afresh, whatever other optimizers did",
  timeLimit,
  () => {
    const W = assertStartsAfresh(() => new Adam(0.1), "Adam(0.1)");
    assertClose(W, [-0.1, 0.1], {
      rtol: 1e-5,
      msg: "the first update of Adam(0.1) with dW = [1, -1] from [0, 0]",
    });
  },
);
