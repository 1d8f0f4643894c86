import { relu, sigmoid, stepFunction } from "./activations.ts";
import {
  assert,
  assertClose,
  assertFresh,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

type Activation = (x: Tensor) => Tensor;

const activations: [string, Activation, (v: number) => number][] = [
  ["stepFunction", stepFunction, (v) => (v > 0 ? 1 : 0)],
  ["sigmoid", sigmoid, (v) => 1 / (1 + Math.exp(-v))],
  ["relu", relu, (v) => Math.max(0, v)],
];

// Protocol first: a function that writes into x or hands x back breaks
// every caller, whatever the values.
for (const [name, fn] of activations) {
  Deno.test(
    `${name} leaves its input x unchanged and returns a new tensor`,
    timeLimit,
    () => {
      const x = tensor([[1, -2, 0], [-0.5, 3, -4]]);
      const y = assertUnchanged({ x }, () => fn(x), name);
      assertFresh(y, { x }, name);
    },
  );

  Deno.test(
    `${name} returns a new tensor even when the input is all positive`,
    timeLimit,
    () => {
      const x = tensor([0.5, 1, 2]);
      const y = assertUnchanged({ x }, () => fn(x), name);
      assertFresh(y, { x }, name);
    },
  );
}

Deno.test(
  "stepFunction gives 1 where x > 0 and 0 elsewhere (book 3.2.2: [-1, 1, 2] -> [0, 1, 1])",
  timeLimit,
  () => {
    assertClose(stepFunction(tensor([-1.0, 1.0, 2.0])), [0, 1, 1], {
      msg: "stepFunction([-1, 1, 2])",
    });
    const batch = tensor([[0.5, -3], [100, -0.25]]);
    assertClose(stepFunction(batch), [[1, 0], [1, 0]], {
      msg: "stepFunction([[0.5, -3], [100, -0.25]])",
    });
  },
);

Deno.test(
  "stepFunction gives 0 at exactly 0: only x > 0 fires",
  timeLimit,
  () => {
    assertClose(stepFunction(tensor([0, -0, 1e-300, -1e-300])), [0, 0, 1, 0], {
      msg: "stepFunction([0, -0, 1e-300, -1e-300])",
    });
  },
);

Deno.test("sigmoid(0) is 0.5", timeLimit, () => {
  // 1 / (1 + e^0) is exactly 0.5 in float64; 1e-15 allows a rounding step.
  assertClose(sigmoid(tensor([0])), [0.5], {
    rtol: 1e-15,
    msg: "sigmoid([0])",
  });
});

Deno.test(
  "sigmoid([-1, 1, 2]) is [0.26894142, 0.73105858, 0.88079708] (book 3.2.4)",
  timeLimit,
  () => {
    const y = sigmoid(tensor([-1.0, 1.0, 2.0]));
    // The book prints 8 decimals, so it is within half a unit of the 8th.
    assertClose(y, [0.26894142, 0.73105858, 0.88079708], {
      rtol: 0,
      atol: 5e-9,
      msg: "sigmoid([-1, 1, 2]) against the book's printout",
    });
    // The same values to float64 precision, 1 / (1 + e^1) and so on: a few
    // roundings apart at most (about 1e-16 each), so 1e-12 still accepts an
    // equivalent formula, while e^x in place of e^-x is off by 0.5.
    assertClose(
      y,
      [0.2689414213699951, 0.7310585786300049, 0.8807970779778823],
      {
        rtol: 1e-12,
        msg: "sigmoid([-1, 1, 2]) to float64 precision",
      },
    );
  },
);

Deno.test(
  "sigmoid is symmetric around (0, 0.5): sigmoid(-x) = 1 - sigmoid(x)",
  timeLimit,
  () => {
    const x = Tensor.uniform([20], new Rng(3), -8, 8);
    // Both sides are float64 roundings of the same number (at least 3e-4
    // here): 1e-12 relative, plus 1e-15 absolute for the rounding of 1 - y.
    assertClose(sigmoid(x.neg()), sigmoid(x).neg().add(1), {
      rtol: 1e-12,
      atol: 1e-15,
      msg: "sigmoid(-x) against 1 - sigmoid(x) for x uniform in [-8, 8)",
    });
  },
);

Deno.test(
  "relu keeps positive inputs and gives 0 for the rest (book 3.2.7)",
  timeLimit,
  () => {
    assertClose(relu(tensor([-1.0, 0, 0.5, 2.0])), [0, 0, 0.5, 2], {
      msg: "relu([-1, 0, 0.5, 2])",
    });
  },
);

Deno.test(
  "inputs of ±1000 and ±Infinity give no NaN: sigmoid gives 0 and 1, stepFunction 0 and 1, relu 0 and the input",
  timeLimit,
  () => {
    const huge = () => tensor([-1000, 1000, -Infinity, Infinity]);
    const y = sigmoid(huge());
    // sigmoid(-1000) is about 5e-435, below the smallest float64: 0 is the
    // right answer and anything up to 1e-300 is accepted; 1 - sigmoid(1000)
    // is far below float64's resolution at 1, so that end must be exactly 1
    // up to one rounding.
    assertClose(y, [0, 1, 0, 1], {
      rtol: 1e-15,
      atol: 1e-300,
      msg: "sigmoid([-1000, 1000, -Infinity, Infinity])",
    });
    assert(
      y.get(0) >= 0,
      `sigmoid(-1000) should be 0 or a tiny positive number, got ${y.get(0)}`,
    );
    assertClose(stepFunction(huge()), [0, 1, 0, 1], {
      msg: "stepFunction([-1000, 1000, -Infinity, Infinity])",
    });
    assertClose(relu(huge()), [0, 1000, 0, Infinity], {
      msg: "relu([-1000, 1000, -Infinity, Infinity])",
    });
  },
);

Deno.test(
  "sigmoid stays finite and within [0, 1] across the whole float64 range",
  timeLimit,
  () => {
    const x = tensor([-1e308, -745, -710, -40, 40, 710, 745, 1e308]);
    const y = sigmoid(x);
    for (let i = 0; i < x.size; i++) {
      const v = y.data[i];
      assert(
        v >= 0 && v <= 1,
        `sigmoid(${x.data[i]}) should be within [0, 1], got ${v}`,
      );
    }
  },
);

for (const [name, fn, definition] of activations) {
  Deno.test(
    `${name} keeps the shape: a scalar, a batch of 1, a batch of 4 and a 3-D tensor`,
    timeLimit,
    () => {
      const rng = new Rng(7);
      for (const shape of [[], [1, 5], [4, 5], [2, 3, 4]]) {
        const x = Tensor.randn(shape, rng, 3);
        const expected = x.map(definition);
        // The same formula in float64: equal up to a few roundings.
        assertClose(fn(x), expected, {
          rtol: 1e-12,
          msg: `${name} on shape [${shape}]`,
        });
      }
    },
  );
}
