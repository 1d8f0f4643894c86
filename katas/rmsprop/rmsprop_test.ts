import { RMSprop } from "./rmsprop.ts";
import {
  assert,
  assertClose,
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

// The book's test function (6.1.1): f(x, y) = x²/20 + y², with gradient
// (x/10, 2y) and its minimum at (0, 0). Each coordinate is a parameter of its
// own, as in the book's `params['x']` and `params['y']`.
function f(x: number, y: number): number {
  return x ** 2 / 20 + y ** 2;
}

function gradientsOf(params: Record<string, Tensor>): Record<string, Tensor> {
  return { x: params.x.div(10), y: params.y.mul(2) };
}

/** Runs `steps` updates on f from the book's start (-7, 2); the positions. */
function descend(optimizer: RMSprop, steps: number): number[][] {
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

// Positions below are worked out without the 1e-7 in the denominator, which
// changes them by less than 1e-6 relative: hence rtol 2e-6. The test on a
// gradient of 1e-3 checks the 1e-7 itself.

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
  () => {
    const [x, y] = descend(new RMSprop(0.1), 30)[29];
    assert(
      Number.isFinite(x) && Number.isFinite(y) && f(x, y) < f(-7, 2) / 100,
      `RMSprop(0.1): after 30 steps f(${x}, ${y}) = ${
        f(x, y)
      }, expected below 1% of f(-7, 2) = ${f(-7, 2)}`,
    );
  },
);

Deno.test(
  "the 1e-7 is added after the square root: a gradient of 1e-3 moves w by 0.1/1.001",
  timeLimit,
  () => {
    const params = { w: tensor([0]) };
    new RMSprop(0.01).update(params, { w: tensor([1e-3]) });
    // h = 0.01 * 1e-6 = 1e-8, √h = 1e-4; the step is
    // 0.01 * 1e-3 / (1e-4 + 1e-7) = 0.1 / 1.001. With √(h + 1e-7) instead it
    // would be 0.01 * 1e-3 / 3.317e-4 = 0.0302.
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
  () => {
    const rng = new Rng(11);
    const W = Tensor.randn([2, 3], rng);
    const b = Tensor.randn([3], rng);
    const together = { W: W.clone(), b: b.clone() };
    const aloneW = { W: W.clone() };
    const aloneB = { b: b.clone() };
    const optimizer = new RMSprop(0.1);
    const optimizerW = new RMSprop(0.1);
    const optimizerB = new RMSprop(0.1);
    for (let step = 0; step < 3; step++) {
      const dW = Tensor.randn([2, 3], rng);
      const db = Tensor.randn([3], rng);
      optimizer.update(together, { W: dW, b: db });
      optimizerW.update(aloneW, { W: dW });
      optimizerB.update(aloneB, { b: db });
    }
    const msg = "RMSprop.update on {W, b} for 3 steps, compared with one " +
      "optimizer per parameter";
    assertClose(together.W, aloneW.W, { rtol: 1e-12, msg: `${msg}: W` });
    assertClose(together.b, aloneB.b, { rtol: 1e-12, msg: `${msg}: b` });
  },
);

Deno.test(
  "the average belongs to the parameter's name: it carries over when the name comes with a new tensor",
  timeLimit,
  () => {
    // A caller may rebuild its params record between updates (after loading
    // saved weights, say): the same name with the same values in a new
    // tensor is the same parameter, and keeps its h.
    const optimizer = new RMSprop(0.1, 0.9);
    let w = tensor([0]);
    for (let i = 0; i < 3; i++) {
      w = w.clone();
      optimizer.update({ w }, { w: tensor([2]) });
    }
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
    const first = new RMSprop(0.1);
    const used = { W: tensor([0, 0]) };
    for (let i = 0; i < 3; i++) first.update(used, { W: tensor([1, 1]) });
    const params = { W: tensor([0, 0]) };
    const fresh = { W: tensor([0, 0]) };
    new RMSprop(0.1).update(params, { W: tensor([1, -1]) });
    new RMSprop(0.1).update(fresh, { W: tensor([1, -1]) });
    assertClose(params.W, fresh.W, {
      rtol: 1e-12,
      msg:
        "the first update of a second RMSprop(0.1), after another made three",
    });
    assertClose(params.W, [-1, 1], {
      rtol: 1e-6,
      msg: "the first update of RMSprop(0.1) with dW = [1, -1] from [0, 0]",
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
    const before = W.clone();
    new RMSprop(0.5).update(params, { W: tensor([[2, 2], [2, 2]]) });
    assertStrictEquals(
      params.W,
      W,
      "RMSprop.update replaced params.W with a new tensor: the layer still " +
        "holds the old one. Update the tensor itself (subInPlace).",
    );
    assert(
      layer.W.data.every((v, i) => v < before.data[i]),
      `the layer's W did not move down after RMSprop(0.5).update with dW = 2: ` +
        `it was ${before} and is ${layer.W}`,
    );
  },
);

Deno.test("update leaves the gradients unchanged", timeLimit, () => {
  const params = { W: tensor([[1, 2], [3, 4]]), b: tensor([1, 1]) };
  const grads = { W: tensor([[0.5, -1], [2, 3]]), b: tensor([-1, 4]) };
  const optimizer = new RMSprop(0.1);
  for (let step = 1; step <= 2; step++) {
    assertUnchanged(
      grads,
      () => optimizer.update(params, grads),
      `RMSprop.update (step ${step})`,
    );
  }
});

Deno.test(
  "a missing gradient throws an Error that names the parameter",
  timeLimit,
  () => {
    const params = { W1: tensor([[1, 2]]), b2: tensor([3]) };
    assertNamesParameter(
      () => new RMSprop().update(params, { W1: tensor([[1, 1]]) }),
      "b2",
      "RMSprop.update with no gradient for b2",
    );
  },
);

Deno.test(
  "a gradient of the wrong shape throws an Error that names the parameter, even when it would broadcast",
  timeLimit,
  () => {
    const params = () => ({ W1: Tensor.ones([2, 3]) });
    assertNamesParameter(
      () => new RMSprop().update(params(), { W1: Tensor.ones([3, 2]) }),
      "W1",
      "RMSprop.update with W1 of shape [2, 3] and its gradient of shape [3, 2]",
    );
    assertNamesParameter(
      () => new RMSprop().update(params(), { W1: Tensor.ones([3]) }),
      "W1",
      "RMSprop.update with W1 of shape [2, 3] and its gradient of shape [3]",
    );
  },
);
