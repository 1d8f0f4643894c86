import { Adam } from "./adam.ts";
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
function descend(optimizer: Adam, steps: number): number[][] {
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

// Positions below are worked out without the 1e-7 in the denominator. While
// v is small (0.001 * dW² on the first step) it shifts them by up to a few
// 1e-6 relative: hence rtol 2e-6 on the book's function, where it is less
// than 1e-6, and 1e-5 elsewhere.

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
  () => {
    const [x, y] = descend(new Adam(0.3), 50)[49];
    assert(
      Number.isFinite(x) && Number.isFinite(y) && f(x, y) < f(-7, 2) / 100,
      `Adam(0.3): after 50 steps f(${x}, ${y}) = ${
        f(x, y)
      }, expected below 1% of f(-7, 2) = ${f(-7, 2)}`,
    );
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
  () => {
    const rng = new Rng(11);
    const W = Tensor.randn([2, 3], rng);
    const b = Tensor.randn([3], rng);
    const together = { W: W.clone(), b: b.clone() };
    const aloneW = { W: W.clone() };
    const aloneB = { b: b.clone() };
    const optimizer = new Adam(0.1);
    const optimizerW = new Adam(0.1);
    const optimizerB = new Adam(0.1);
    for (let step = 0; step < 3; step++) {
      const dW = Tensor.randn([2, 3], rng);
      const db = Tensor.randn([3], rng);
      optimizer.update(together, { W: dW, b: db });
      optimizerW.update(aloneW, { W: dW });
      optimizerB.update(aloneB, { b: db });
    }
    const msg = "Adam.update on {W, b} for 3 steps, compared with one " +
      "optimizer per parameter";
    assertClose(together.W, aloneW.W, { rtol: 1e-12, msg: `${msg}: W` });
    assertClose(together.b, aloneB.b, { rtol: 1e-12, msg: `${msg}: b` });
  },
);

Deno.test(
  "m and v belong to the parameter's name: they carry over when the name comes with a new tensor",
  timeLimit,
  () => {
    // A caller may rebuild its params record between updates (after loading
    // saved weights, say): the same name with the same values in a new
    // tensor is the same parameter, and keeps its m and v.
    const optimizer = new Adam();
    let W = tensor([0, 0]);
    for (const dW of [tensor([10, -20]), tensor([0, 0])]) {
      W = W.clone();
      optimizer.update({ W }, { W: dW });
    }
    // As in the test of the defaults: the second step moves W by
    // 0.0006700583 although its gradient is 0, because m remembers the first.
    const w = 0.001 +
      0.001 * Math.sqrt(0.001999) / 0.19 * 0.09 / Math.sqrt(0.000999);
    assertClose(W, [-w, w], {
      rtol: 1e-5,
      msg: "new Adam(): W after dW = [10, -20], then dW = [0, 0], from " +
        "[0, 0], each update given {W: a new tensor holding the current W}",
    });
  },
);

Deno.test(
  "a new optimizer starts afresh, whatever other optimizers did",
  timeLimit,
  () => {
    const first = new Adam(0.1);
    const used = { W: tensor([0, 0]) };
    for (let i = 0; i < 3; i++) first.update(used, { W: tensor([1, 1]) });
    const params = { W: tensor([0, 0]) };
    const fresh = { W: tensor([0, 0]) };
    new Adam(0.1).update(params, { W: tensor([1, -1]) });
    new Adam(0.1).update(fresh, { W: tensor([1, -1]) });
    assertClose(params.W, fresh.W, {
      rtol: 1e-12,
      msg: "the first update of a second Adam(0.1), after another made three",
    });
    assertClose(params.W, [-0.1, 0.1], {
      rtol: 1e-5,
      msg: "the first update of Adam(0.1) with dW = [1, -1] from [0, 0]",
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
    new Adam(0.5).update(params, { W: tensor([[2, 2], [2, 2]]) });
    assertStrictEquals(
      params.W,
      W,
      "Adam.update replaced params.W with a new tensor: the layer still " +
        "holds the old one. Update the tensor itself (subInPlace).",
    );
    assert(
      layer.W.data.every((v, i) => v < before.data[i]),
      `the layer's W did not move down after Adam(0.5).update with dW = 2: ` +
        `it was ${before} and is ${layer.W}`,
    );
  },
);

Deno.test("update leaves the gradients unchanged", timeLimit, () => {
  const params = { W: tensor([[1, 2], [3, 4]]), b: tensor([1, 1]) };
  const grads = { W: tensor([[0.5, -1], [2, 3]]), b: tensor([-1, 4]) };
  const optimizer = new Adam(0.1);
  for (let step = 1; step <= 2; step++) {
    assertUnchanged(
      grads,
      () => optimizer.update(params, grads),
      `Adam.update (step ${step})`,
    );
  }
});

Deno.test(
  "a missing gradient throws an Error that names the parameter",
  timeLimit,
  () => {
    const params = { W1: tensor([[1, 2]]), b2: tensor([3]) };
    assertNamesParameter(
      () => new Adam().update(params, { W1: tensor([[1, 1]]) }),
      "b2",
      "Adam.update with no gradient for b2",
    );
  },
);

Deno.test(
  "a gradient of the wrong shape throws an Error that names the parameter, even when it would broadcast",
  timeLimit,
  () => {
    const params = () => ({ W1: Tensor.ones([2, 3]) });
    assertNamesParameter(
      () => new Adam().update(params(), { W1: Tensor.ones([3, 2]) }),
      "W1",
      "Adam.update with W1 of shape [2, 3] and its gradient of shape [3, 2]",
    );
    assertNamesParameter(
      () => new Adam().update(params(), { W1: Tensor.ones([3]) }),
      "W1",
      "Adam.update with W1 of shape [2, 3] and its gradient of shape [3]",
    );
  },
);
