import { AdaGrad } from "./adagrad.ts";
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
// changes them by less than 3e-7 relative: hence rtol 1e-6. The test on a
// gradient of 1e-4 checks the 1e-7 itself.

Deno.test(
  "update changes the caller's tensors in place, so a layer holding them sees the new values",
  timeLimit,
  () => {
    assertUpdatesInPlace(new AdaGrad(0.5), "AdaGrad(0.5)");
  },
);

Deno.test("update leaves the gradients unchanged", timeLimit, () => {
  assertGradsUnchanged(new AdaGrad(0.1), "AdaGrad(0.1)");
});

Deno.test(
  "a missing gradient throws an Error that names the parameter",
  timeLimit,
  () => assertMissingGradientThrows(new AdaGrad(), "AdaGrad()"),
);

Deno.test(
  "a gradient of the wrong shape throws an Error that names the parameter, even when it would broadcast",
  timeLimit,
  () => assertWrongShapeThrows(() => new AdaGrad(), "AdaGrad()"),
);

Deno.test(
  "a gradient for a parameter that does not exist throws an Error that names it",
  timeLimit,
  () => assertExtraGradientThrows(new AdaGrad(), "AdaGrad()"),
);

Deno.test(
  "a rejected update names AdaGrad.update and changes nothing",
  timeLimit,
  () =>
    assertRejectedUpdateChangesNothing(
      () => new AdaGrad(0.1),
      "AdaGrad(0.1)",
      "AdaGrad.update",
    ),
);

Deno.test("the default learning rate is 0.01 (book 6.1.5)", timeLimit, () => {
  const optimizer = new AdaGrad();
  const params = { W: tensor([0, 0]) };
  const grads = { W: tensor([3, -4]) };
  // step 1: h = [9, 16];  W = -0.01 * [3/3, -4/4] = [-0.01, 0.01]
  optimizer.update(params, grads);
  assertClose(params.W, [-0.01, 0.01], {
    rtol: 1e-6,
    msg: "new AdaGrad(): W after one update with dW = [3, -4] from [0, 0]",
  });
  // step 2: h = [18, 32];  the step is 0.01 * [3/√18, -4/√32] = ±0.01/√2
  optimizer.update(params, grads);
  const w = 0.01 + 0.01 / Math.SQRT2;
  assertClose(params.W, [-w, w], {
    rtol: 1e-6,
    msg: "new AdaGrad(): W after two updates with dW = [3, -4] from [0, 0]",
  });
});

Deno.test(
  "with a constant gradient the steps shrink as 1/√t",
  timeLimit,
  () => {
    const optimizer = new AdaGrad(1);
    const params = { w: tensor([0]) };
    const positions: number[] = [];
    for (let i = 0; i < 3; i++) {
      optimizer.update(params, { w: tensor([1]) });
      positions.push(params.w.item());
    }
    // h = 1, 2, 3, so the steps are 1/√1, 1/√2, 1/√3
    assertClose(
      positions,
      [-1, -1 - 1 / Math.sqrt(2), -1 - 1 / Math.sqrt(2) - 1 / Math.sqrt(3)],
      {
        rtol: 1e-6,
        msg: "AdaGrad(1): w after 1, 2, 3 updates with dw = 1 from 0",
      },
    );
  },
);

Deno.test(
  "the first three steps on f(x, y) = x²/20 + y² from (-7, 2) match the hand-computed positions (book 6.1.5, lr 1.5)",
  timeLimit,
  () => {
    // lr = 1.5 is the book's choice for AdaGrad in its comparison of
    // optimizers; the gradient is (x/10, 2y).
    // step 1: grad = (-0.7, 4); h = (0.49, 16);
    //         (x, y) = (-7 + 1.5 * 0.7/0.7, 2 - 1.5 * 4/4) = (-5.5, 0.5)
    // step 2: grad = (-0.55, 1); h = (0.49 + 0.3025, 16 + 1) = (0.7925, 17);
    //         x = -5.5 + 1.5 * 0.55/√0.7925 = -5.5 + 0.9267323279 = -4.5732676721
    //         y = 0.5 - 1.5 * 1/√17 = 0.5 - 0.3638034376 = 0.1361965624
    // step 3: grad = (-0.45732676721, 0.2723931249);
    //         h = (0.7925 + 0.2091477720, 17 + 0.0741980145)
    //           = (1.0016477720, 17.0741980145);
    //         x = -4.5732676721 + 1.5 * 0.45732676721/√1.0016477720
    //           = -4.5732676721 + 0.6854256706 = -3.8878420015
    //         y = 0.1361965624 - 1.5 * 0.2723931249/√17.0741980145
    //           = 0.1361965624 - 0.0988820005 = 0.0373145619
    assertClose(
      descend(new AdaGrad(1.5), 3),
      [
        [-5.5, 0.5],
        [-4.5732676721, 0.1361965624],
        [-3.8878420015, 0.0373145619],
      ],
      {
        rtol: 1e-6,
        msg: "AdaGrad(1.5): positions [x, y] after steps 1, 2, 3",
      },
    );
  },
);

Deno.test(
  "30 steps on f from (-7, 2) approach the minimum at (0, 0)",
  timeLimit,
  () =>
    assertNearMinimum(
      descend(new AdaGrad(1.5), 30)[29],
      "AdaGrad(1.5): after 30 steps",
    ),
);

Deno.test(
  "the denominator is √h + 1e-7, exactly: a gradient of 1e-4 moves w by 0.01/1.001",
  timeLimit,
  () => {
    const params = { w: tensor([0]) };
    new AdaGrad(0.01).update(params, { w: tensor([1e-4]) });
    // h = 1e-8, √h = 1e-4; the step is 0.01 * 1e-4 / (1e-4 + 1e-7)
    // = 0.01 / 1.001. With √(h + 1e-7) instead it would be 0.003, and with
    // 1e-8 instead of 1e-7, 0.01 / 1.0001.
    assertClose(params.w, [-0.01 / 1.001], {
      rtol: 1e-9,
      msg: "AdaGrad(0.01): w after one update with dw = 1e-4 from 0",
    });
  },
);

Deno.test(
  "a zero gradient leaves the parameter where it is, with no NaN",
  timeLimit,
  () => {
    const optimizer = new AdaGrad(0.01);
    const params = { w: tensor([1, 2]) };
    // h = 0 and the gradient is 0: the step 0 / (0 + 1e-7) is 0, not 0/0.
    optimizer.update(params, { w: tensor([0, 0]) });
    assertClose(params.w, [1, 2], {
      msg: "AdaGrad(0.01): w = [1, 2] after one update with dw = [0, 0]",
    });
    // h = [4, 0]: the first element moves by 0.01 * 2/2, the second stays.
    optimizer.update(params, { w: tensor([2, 0]) });
    assertClose(params.w, [0.99, 2], {
      rtol: 1e-6,
      msg: "AdaGrad(0.01): w after dw = [0, 0], then dw = [2, 0]",
    });
  },
);

Deno.test(
  "each parameter keeps a sum of squared gradients of its own, with its own shape",
  timeLimit,
  () => assertStatePerParameter(() => new AdaGrad(0.1), "AdaGrad(0.1)"),
);

Deno.test(
  "the sum belongs to the parameter's name: it carries over when the name comes with a new tensor",
  timeLimit,
  () => {
    // A caller may rebuild its params record between updates (after loading
    // saved weights, say): the same name with the same values in a new
    // tensor is the same parameter, and keeps its h.
    const w = updateWithNewTensors(new AdaGrad(1), tensor([0]), [
      tensor([1]),
      tensor([1]),
      tensor([1]),
    ]);
    // As in the constant-gradient test: h = 1, 2, 3, so the steps are
    // 1/√1, 1/√2, 1/√3 (rtol 1e-6 for the 1e-7, as there).
    assertClose(w, [-1 - 1 / Math.sqrt(2) - 1 / Math.sqrt(3)], {
      rtol: 1e-6,
      msg: "AdaGrad(1): w after 3 updates with dw = 1 from 0, each update " +
        "given {w: a new tensor holding the current w}",
    });
  },
);

Deno.test(
  "a new optimizer starts afresh, whatever other optimizers did",
  timeLimit,
  () => {
    const W = assertStartsAfresh(() => new AdaGrad(0.1), "AdaGrad(0.1)");
    assertClose(W, [-0.1, 0.1], {
      rtol: 1e-6,
      msg: "the first update of AdaGrad(0.1) with dW = [1, -1] from [0, 0]",
    });
  },
);
