import { SGD } from "./sgd.ts";
import {
  assert,
  assertClose,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
  assertUnchanged,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// The book's test function (6.1.1): f(x, y) = x²/20 + y², with gradient
// (x/10, 2y) and its minimum at (0, 0). Each coordinate is a parameter of its
// own, as in the book's `params['x']` and `params['y']`.
function f(params: Record<string, Tensor>): number {
  return params.x.item() ** 2 / 20 + params.y.item() ** 2;
}

function gradientsOf(params: Record<string, Tensor>): Record<string, Tensor> {
  return { x: params.x.div(10), y: params.y.mul(2) };
}

/** Runs `steps` updates on f from the book's start (-7, 2); the positions. */
function descend(optimizer: SGD, steps: number): number[][] {
  const params = { x: tensor(-7), y: tensor(2) };
  const path: number[][] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.update(params, gradientsOf(params));
    path.push([params.x.item(), params.y.item()]);
  }
  return path;
}

/** `call` must throw an Error (not a TypeError) whose message names `key`. */
function assertNamesParameter(call: () => void, key: string, what: string) {
  const error = assertThrows(call, Error, undefined, what);
  assert(
    !(error instanceof TypeError),
    `${what} threw a TypeError ("${error.message}"): check grads yourself ` +
      `and throw an Error that names the parameter "${key}"`,
  );
  assertStringIncludes(
    error.message,
    key,
    `${what}: the error should name the parameter "${key}", but it says "${error.message}"`,
  );
}

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
    const path = descend(new SGD(0.95), 30);
    // After n steps x = -7 * 0.905^n and y = 2 * (-0.9)^n (see the test above).
    assertClose(path[29], [-7 * 0.905 ** 30, 2 * 0.9 ** 30], {
      rtol: 1e-9,
      msg: "SGD(0.95): position [x, y] after 30 steps",
    });
    const [x, y] = path[29];
    const start = f({ x: tensor(-7), y: tensor(2) });
    const end = f({ x: tensor(x), y: tensor(y) });
    assert(
      end < start / 100,
      `SGD(0.95): after 30 steps f(${x}, ${y}) = ${end}, expected below 1% of f(-7, 2) = ${start}`,
    );
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

Deno.test(
  "update changes the caller's tensors in place, so a layer holding them sees the new values",
  timeLimit,
  () => {
    const W = tensor([[1, 2], [3, 4]]);
    const layer = { W }; // a layer keeps the very tensor that params lists
    const params = { W };
    new SGD(0.5).update(params, { W: tensor([[2, 2], [2, 2]]) });
    assertStrictEquals(
      params.W,
      W,
      "SGD.update replaced params.W with a new tensor: the layer still holds " +
        "the old one. Update the tensor itself (subInPlace).",
    );
    assertClose(layer.W, [[0, 1], [2, 3]], {
      rtol: 1e-12,
      msg: "the layer's W after SGD(0.5).update",
    });
  },
);

Deno.test("update leaves the gradients unchanged", timeLimit, () => {
  const params = { W: tensor([[1, 2], [3, 4]]), b: tensor([1, 1]) };
  const grads = { W: tensor([[0.5, -1], [2, 3]]), b: tensor([-1, 4]) };
  const optimizer = new SGD(0.1);
  for (let step = 1; step <= 2; step++) {
    assertUnchanged(
      grads,
      () => optimizer.update(params, grads),
      `SGD.update (step ${step})`,
    );
  }
});

Deno.test(
  "a missing gradient throws an Error that names the parameter",
  timeLimit,
  () => {
    const params = { W1: tensor([[1, 2]]), b2: tensor([3]) };
    assertNamesParameter(
      () => new SGD().update(params, { W1: tensor([[1, 1]]) }),
      "b2",
      "SGD.update with no gradient for b2",
    );
  },
);

Deno.test(
  "a gradient of the wrong shape throws an Error that names the parameter, even when it would broadcast",
  timeLimit,
  () => {
    const params = () => ({ W1: Tensor.ones([2, 3]) });
    assertNamesParameter(
      () => new SGD().update(params(), { W1: Tensor.ones([3, 2]) }),
      "W1",
      "SGD.update with W1 of shape [2, 3] and its gradient of shape [3, 2]",
    );
    assertNamesParameter(
      () => new SGD().update(params(), { W1: Tensor.ones([3]) }),
      "W1",
      "SGD.update with W1 of shape [2, 3] and its gradient of shape [3]",
    );
  },
);
