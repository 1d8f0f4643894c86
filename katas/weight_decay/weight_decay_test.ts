import { addWeightDecay, weightDecayLoss } from "./weight_decay.ts";
import {
  assert,
  assertAlmostEquals,
  assertClearError,
  assertClose,
  assertEquals,
  assertFresh,
  assertGradientsMatch,
  assertUnchanged,
  numericalGradient,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** The parameters of a small two-layer net with Batch Normalization. */
function smallNet(): Record<string, Tensor> {
  return {
    W1: tensor([[1, 2], [3, 4]]),
    b1: tensor([10, 10]),
    gamma1: tensor([5, 5]),
    beta1: tensor([7, 7]),
    W2: tensor([[-1], [2]]),
    b2: tensor([5]),
  };
}

/** Every tensor of a record, as the argument list of assertUnchanged. */
function tensorsOf(
  records: Record<string, Record<string, Tensor>>,
): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(records).flatMap(([record, tensors]) =>
      Object.entries(tensors).map(([name, t]) => [`${record}.${name}`, t])
    ),
  );
}

Deno.test(
  "addWeightDecay returns a new record of new weight gradients and changes neither grads nor params",
  timeLimit,
  () => {
    const params = smallNet();
    const grads = onesLike(params);
    const before = Object.keys(grads).join();
    const result = assertUnchanged(
      tensorsOf({ grads, params }),
      () => addWeightDecay(grads, params, 0.1),
      "addWeightDecay(grads, params, 0.1)",
    );
    assert(
      result !== grads,
      "addWeightDecay returned grads itself: return a new record",
    );
    assertEquals(
      Object.keys(grads).join(),
      before,
      "addWeightDecay changed the names in grads",
    );
    for (const name of ["W1", "W2"]) {
      assertFresh(
        result[name],
        { [`grads.${name}`]: grads[name], [`params.${name}`]: params[name] },
        `addWeightDecay(...).${name}`,
      );
    }
  },
);

Deno.test("weightDecayLoss leaves params unchanged", timeLimit, () => {
  const params = smallNet();
  assertUnchanged(
    tensorsOf({ params }),
    () => weightDecayLoss(params, 0.1),
    "weightDecayLoss(params, 0.1)",
  );
});

Deno.test(
  "addWeightDecay returns a gradient for exactly the names in grads",
  timeLimit,
  () => {
    const params = smallNet();
    const g = onesLike(params);
    assertEquals(
      Object.keys(addWeightDecay(g, params, 0.1)).sort(),
      Object.keys(g).sort(),
      "the names in addWeightDecay(grads, params, 0.1)",
    );
  },
);

Deno.test(
  "addWeightDecay rejects a weight's gradient of another shape, even one that would broadcast, naming itself and the weight",
  timeLimit,
  () => {
    const params = smallNet();
    const grads = onesLike(params);
    grads.W1 = Tensor.ones([2]);
    const call =
      "addWeightDecay(grads, params, 0.1) with W1 [2, 2] and its gradient [2]";
    const error = assertClearError(
      () => addWeightDecay(grads, params, 0.1),
      call,
      {
        includes: "W1",
        says: 'name the weight "W1"',
        fix: "keep the given checkGradients call first in addWeightDecay",
      },
    );
    assert(
      error.message.includes("addWeightDecay"),
      `${call} threw "${error.message}", which does not name addWeightDecay`,
    );
  },
);

Deno.test(
  "addWeightDecay rejects grads without a gradient for a weight, naming the weight",
  timeLimit,
  () => {
    const params = smallNet();
    const { W2: _, ...grads } = onesLike(params);
    assertClearError(
      () => addWeightDecay(grads, params, 0.1),
      "addWeightDecay(grads, params, 0.1) with no gradient for W2",
      {
        includes: "W2",
        says: 'name the weight "W2"',
        fix: "keep the given checkGradients call first in addWeightDecay",
      },
    );
  },
);

Deno.test(
  "weightDecayLoss is 0.5 * lambda * the sum of the squares of every weight",
  timeLimit,
  () => {
    // W1: 1 + 4 + 9 + 16 = 30; W2: 1 + 4 = 5; 0.5 * 0.1 * 35 = 1.75.
    assertAlmostEquals(
      weightDecayLoss(smallNet(), 0.1),
      1.75,
      1e-12,
      "weightDecayLoss({W1: [[1, 2], [3, 4]], W2: [[-1], [2]], b1, b2, gamma1, beta1}, 0.1)",
    );
  },
);

Deno.test(
  "weightDecayLoss ignores biases and Batch Normalization's gamma and beta",
  timeLimit,
  () => {
    const { b1, gamma1, beta1, b2 } = smallNet();
    assertAlmostEquals(
      weightDecayLoss({ b1, gamma1, beta1, b2 }, 0.1),
      0,
      1e-12,
      "weightDecayLoss({b1, gamma1, beta1, b2}, 0.1): no weights, no penalty",
    );
  },
);

Deno.test(
  "weightDecayLoss is 0 for lambda 0 and grows in proportion to lambda",
  timeLimit,
  () => {
    const params = smallNet();
    assertAlmostEquals(
      weightDecayLoss(params, 0),
      0,
      1e-12,
      "weightDecayLoss(smallNet(), 0)",
    );
    assertAlmostEquals(
      weightDecayLoss(params, 0.5),
      5 * weightDecayLoss(params, 0.1),
      1e-12,
      "weightDecayLoss(params, 0.5) versus 5 * weightDecayLoss(params, 0.1)",
    );
  },
);

Deno.test(
  "addWeightDecay adds lambda * W to each weight's gradient",
  timeLimit,
  () => {
    const params = smallNet();
    const grads = addWeightDecay(
      {
        ...onesLike(params),
        W1: tensor([[1, 1], [1, 1]]),
        W2: tensor([[0.5], [-0.5]]),
      },
      params,
      0.1,
    );
    assertClose(grads.W1, [[1.1, 1.2], [1.3, 1.4]], {
      msg: "W1's gradient: ones + 0.1 * [[1, 2], [3, 4]]",
    });
    assertClose(grads.W2, [[0.4], [-0.3]], {
      msg: "W2's gradient: [[0.5], [-0.5]] + 0.1 * [[-1], [2]]",
    });
  },
);

Deno.test(
  "addWeightDecay leaves the gradients of biases, gamma and beta as they were",
  timeLimit,
  () => {
    const g = {
      W1: tensor([[0, 0], [0, 0]]),
      W2: tensor([[0], [0]]),
      b1: tensor([1, 2]),
      gamma1: tensor([3, 4]),
      beta1: tensor([5, 6]),
      b2: tensor([7]),
    };
    const grads = addWeightDecay(g, smallNet(), 0.1);
    for (const name of ["b1", "gamma1", "beta1", "b2"]) {
      assertClose(grads[name], g[name as keyof typeof g], {
        msg: `addWeightDecay: the gradient of ${name}`,
      });
    }
  },
);

Deno.test(
  "the gradient addWeightDecay adds is the derivative of weightDecayLoss",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const params: Record<string, Tensor> = {
      W1: Tensor.randn([3, 4], rng),
      b1: Tensor.randn([4], rng),
      W2: Tensor.randn([4, 2], rng),
      b2: Tensor.randn([2], rng),
    };
    const zeros = Object.fromEntries(
      Object.entries(params).map(([name, p]) => [name, Tensor.zeros(p.shape)]),
    );
    const lambda = 0.3;
    const grads = addWeightDecay(zeros, params, lambda);
    for (const name of Object.keys(params)) {
      const numeric = numericalGradient(
        () => weightDecayLoss(params, lambda),
        params[name],
      );
      // The penalty is quadratic: central differences are exact up to
      // rounding.
      assertGradientsMatch(grads[name], numeric, {
        tolerance: 1e-7,
        msg: `addWeightDecay(zeros, params, 0.3).${name} versus the ` +
          `numerical gradient of weightDecayLoss(params, 0.3)`,
      });
    }
  },
);

/** A gradient of ones for every parameter, of its shape. */
function onesLike(params: Record<string, Tensor>): Record<string, Tensor> {
  return Object.fromEntries(
    Object.entries(params).map(([name, p]) => [name, Tensor.ones(p.shape)]),
  );
}
