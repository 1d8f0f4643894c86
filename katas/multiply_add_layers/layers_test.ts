import { AddLayer, MulLayer } from "./layers.ts";
import {
  assertClose,
  assertForwardFirst,
  assertGradientsMatch,
  AssertionError,
  NotImplementedError,
  numericalGradient,
  Rng,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// Prices are compared with a relative tolerance: 100 * 2 * 1.1 is
// 220.00000000000003 in floating point, and 150 * 3 * 1.1 is not exactly 495.
const money = { rtol: 1e-12 };

Deno.test(
  "MulLayer.backward before any forward throws an error that says forward comes first",
  timeLimit,
  () =>
    assertForwardFirst(
      () => new MulLayer().backward(1),
      "MulLayer.backward(1) before any forward",
    ),
);

Deno.test(
  "MulLayer.backward works after a forward whose input was 0",
  timeLimit,
  () => {
    // 0 is a real input, not a missing one: a check such as `!this.x` would
    // take it for "no forward yet".
    for (
      const [x, y, expected] of [[0, 5, [10, 0]], [3, 0, [0, 6]]] as const
    ) {
      const mul = new MulLayer();
      mul.forward(x, y);
      const what = `MulLayer.backward(2) after forward(${x}, ${y})`;
      let grads: [number, number];
      try {
        grads = mul.backward(2);
      } catch (e) {
        if (e instanceof NotImplementedError) throw e;
        throw new AssertionError(
          `${what} threw ${e}: an input of 0 is an input, not a missing forward`,
        );
      }
      assertClose(grads, [...expected], { msg: `${what}, as [dx, dy]` });
    }
  },
);

Deno.test("MulLayer.forward returns the product x * y", timeLimit, () => {
  assertClose(new MulLayer().forward(3, -5), -15, {
    msg: "MulLayer.forward(3, -5)",
  });
});

Deno.test(
  "MulLayer.backward gives each input dout times the other input",
  timeLimit,
  () => {
    const mul = new MulLayer();
    mul.forward(3, -5);
    // d(xy)/dx = y = -5 and d(xy)/dy = x = 3, each times dout = 2.
    assertClose(mul.backward(2), [-10, 6], {
      msg: "MulLayer.backward(2) after forward(3, -5), as [dx, dy]",
    });
  },
);

Deno.test(
  "AddLayer.forward returns x + y and backward passes dout to both inputs",
  timeLimit,
  () => {
    const add = new AddLayer();
    assertClose(add.forward(3, -5), -2, { msg: "AddLayer.forward(3, -5)" });
    assertClose(add.backward(1.5), [1.5, 1.5], {
      msg: "AddLayer.backward(1.5) after forward(3, -5), as [dx, dy]",
    });
  },
);

Deno.test(
  "buying apples: price 220, gradients 2.2, 110 and 200 (book 5.4.1)",
  timeLimit,
  () => {
    const apple = 100;
    const appleNum = 2;
    const tax = 1.1;
    const mulApple = new MulLayer();
    const mulTax = new MulLayer();

    const applePrice = mulApple.forward(apple, appleNum);
    const price = mulTax.forward(applePrice, tax);
    assertClose(price, 220, { ...money, msg: "the price of 2 apples" });

    const [dApplePrice, dTax] = mulTax.backward(1);
    const [dApple, dAppleNum] = mulApple.backward(dApplePrice);
    assertClose([dApple, dAppleNum, dTax], [2.2, 110, 200], {
      ...money,
      msg: "[dApple, dAppleNum, dTax] after backward(1)",
    });
  },
);

Deno.test(
  "buying apples and oranges: price 715, gradients 2.2, 110, 3.3, 165 and 650 (book 5.4.2)",
  timeLimit,
  () => {
    const apple = 100;
    const appleNum = 2;
    const orange = 150;
    const orangeNum = 3;
    const tax = 1.1;
    const mulApple = new MulLayer();
    const mulOrange = new MulLayer();
    const addFruit = new AddLayer();
    const mulTax = new MulLayer();

    const applePrice = mulApple.forward(apple, appleNum);
    const orangePrice = mulOrange.forward(orange, orangeNum);
    const allPrice = addFruit.forward(applePrice, orangePrice);
    const price = mulTax.forward(allPrice, tax);
    assertClose(price, 715, { ...money, msg: "the price of the fruit" });

    const [dAllPrice, dTax] = mulTax.backward(1);
    const [dApplePrice, dOrangePrice] = addFruit.backward(dAllPrice);
    const [dOrange, dOrangeNum] = mulOrange.backward(dOrangePrice);
    const [dApple, dAppleNum] = mulApple.backward(dApplePrice);
    assertClose(
      [dApple, dAppleNum, dOrange, dOrangeNum, dTax],
      [2.2, 110, 3.3, 165, 650],
      {
        ...money,
        msg: "[dApple, dAppleNum, dOrange, dOrangeNum, dTax] after backward(1)",
      },
    );
  },
);

Deno.test(
  "backward through (a * b + c) * d agrees with the numerical derivatives",
  timeLimit,
  () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 5; trial++) {
      const inputs = tensor([0, 0, 0, 0].map(() => rng.uniform(-3, 3)));
      const [a, b, c, d] = inputs.data;
      const mulAB = new MulLayer();
      const addC = new AddLayer();
      const mulD = new MulLayer();
      mulD.forward(addC.forward(mulAB.forward(a, b), c), d);

      const [dSum, dd] = mulD.backward(1);
      const [dProduct, dc] = addC.backward(dSum);
      const [da, db] = mulAB.backward(dProduct);

      const f = (v: typeof inputs) => {
        const [va, vb, vc, vd] = v.data;
        return (va * vb + vc) * vd;
      };
      // The function is linear in each input on its own, so the central
      // difference is exact up to rounding.
      assertGradientsMatch(
        tensor([da, db, dc, dd]),
        numericalGradient(f, inputs),
        {
          tolerance: 1e-8,
          msg: `[da, db, dc, dd] for (a * b + c) * d at [${
            [a, b, c, d].map((v) => v.toFixed(3)).join(", ")
          }]`,
        },
      );
    }
  },
);

Deno.test(
  "MulLayer.backward uses the inputs of the most recent forward",
  timeLimit,
  () => {
    const mul = new MulLayer();
    mul.forward(2, 3);
    mul.forward(7, -4);
    assertClose(mul.backward(1), [-4, 7], {
      msg: "MulLayer.backward(1) after forward(2, 3) then forward(7, -4)",
    });
  },
);

Deno.test(
  "each MulLayer remembers its own inputs, not another layer's",
  timeLimit,
  () => {
    const first = new MulLayer();
    const second = new MulLayer();
    first.forward(2, 3);
    second.forward(5, 7);
    assertClose(first.backward(1), [3, 2], {
      msg: "first.backward(1) after first.forward(2, 3), second.forward(5, 7)",
    });
    assertClose(second.backward(1), [7, 5], {
      msg: "second.backward(1) after first.forward(2, 3), second.forward(5, 7)",
    });
  },
);
