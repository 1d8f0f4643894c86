/**
 * What every optimizer spec checks (book 6.1): a walk on the book's test
 * function, and the contract of `update(params, grads)` that the layers and
 * the training loop rely on. Each helper runs the optimizer it is given and
 * checks one property; none of them knows how any optimizer computes a step.
 *
 * The book's test function (6.1.1) is f(x, y) = x²/20 + y², with gradient
 * (x/10, 2y) and its minimum at (0, 0); each coordinate is a parameter of its
 * own, as in the book's `params['x']` and `params['y']`, and the walk starts
 * at the book's (-7, 2).
 *
 * @module
 */

import type { Optimizer } from "../layer.ts";
import { Rng } from "../random.ts";
import { Tensor, tensor } from "../tensor.ts";
import { AssertionError, assertThrows } from "./assert.ts";
import { assertClose } from "./close.ts";
import { assertUnchanged } from "./mutation.ts";
import { assertClearError } from "./protocol.ts";

/** The optimizer contract the helpers check, declared once in the toolkit. */
export type { Optimizer };

function f(x: number, y: number): number {
  return x ** 2 / 20 + y ** 2;
}

/**
 * Runs `steps` updates on f(x, y) = x²/20 + y² from the book's start (-7, 2),
 * giving the optimizer the gradient (x/10, 2y) at each position; returns the
 * position `[x, y]` after each step.
 *
 * @example
 * ```ts
 * import { descend } from "./optimizer.ts";
 * import type { Tensor } from "../tensor.ts";
 * // A toy that moves each coordinate by 1 against the sign of its gradient.
 * const signStep = {
 *   update(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
 *     for (const key in params) params[key].subInPlace(grads[key].map(Math.sign));
 *   },
 * };
 * const path = descend(signStep, 2);
 * console.assert(JSON.stringify(path) === "[[-6,1],[-5,0]]");
 * ```
 */
export function descend(optimizer: Optimizer, steps: number): number[][] {
  const params = { x: tensor(-7), y: tensor(2) };
  const path: number[][] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.update(params, { x: params.x.div(10), y: params.y.mul(2) });
    path.push([params.x.item(), params.y.item()]);
  }
  return path;
}

/**
 * Fails unless `position` is finite and f(x, y) = x²/20 + y² there is below
 * 1% of f(-7, 2) = 6.45, the value at the book's start. `what` says how the
 * position was reached, e.g. `"Momentum(0.1): after 30 steps"`.
 *
 * @example
 * ```ts
 * import { assertNearMinimum } from "./optimizer.ts";
 * assertNearMinimum([0.1, -0.05], "a position near (0, 0)");
 * ```
 */
export function assertNearMinimum(
  position: readonly number[],
  what: string,
): void {
  const [x, y] = position;
  const start = f(-7, 2);
  if (!(Number.isFinite(x) && Number.isFinite(y) && f(x, y) < start / 100)) {
    throw new AssertionError(
      `${what} f(${x}, ${y}) = ${
        f(x, y)
      }, expected below 1% of f(-7, 2) = ${start}`,
    );
  }
}

/**
 * Fails unless an optimizer made by `make` keeps its state per parameter:
 * three updates of `{W, b}` (random W [2, 3], b [3] and gradients) by one
 * optimizer must give what one optimizer per parameter gives. `what` names
 * the optimizer in messages, e.g. `"Momentum(0.1, 0.9)"`.
 *
 * @example
 * ```ts
 * import { assertStatePerParameter } from "./optimizer.ts";
 * import type { Tensor } from "../tensor.ts";
 * // A toy whose steps shrink with the number of updates each name has had.
 * class Shrinking {
 *   #count = new Map<string, number>();
 *   update(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
 *     for (const key in params) {
 *       const n = (this.#count.get(key) ?? 0) + 1;
 *       this.#count.set(key, n);
 *       params[key].subInPlace(grads[key].div(n));
 *     }
 *   }
 * }
 * assertStatePerParameter(() => new Shrinking(), "Shrinking");
 * ```
 */
export function assertStatePerParameter(
  make: () => Optimizer,
  what: string,
): void {
  const rng = new Rng(11);
  const W = Tensor.randn([2, 3], rng);
  const b = Tensor.randn([3], rng);
  const together = { W: W.clone(), b: b.clone() };
  const aloneW = { W: W.clone() };
  const aloneB = { b: b.clone() };
  const optimizer = make();
  const optimizerW = make();
  const optimizerB = make();
  for (let step = 0; step < 3; step++) {
    const dW = Tensor.randn([2, 3], rng);
    const db = Tensor.randn([3], rng);
    optimizer.update(together, { W: dW, b: db });
    optimizerW.update(aloneW, { W: dW });
    optimizerB.update(aloneB, { b: db });
  }
  const msg = `${what}.update on {W, b} for 3 steps, compared with one ` +
    "optimizer per parameter";
  assertClose(together.W, aloneW.W, { rtol: 1e-12, msg: `${msg}: W` });
  assertClose(together.b, aloneB.b, { rtol: 1e-12, msg: `${msg}: b` });
}

/**
 * Updates the parameter `w` from `start` once per gradient in `gradients`,
 * each time given `{ w: a new tensor holding the current w }`, as a caller
 * that rebuilds its params record between updates does; returns the tensor
 * of the last update. An optimizer that keeps its state by name carries it
 * over; one that keys it by tensor starts afresh every time.
 *
 * @example
 * ```ts
 * import { updateWithNewTensors } from "./optimizer.ts";
 * import { type Tensor, tensor } from "../tensor.ts";
 * const halfStep = {
 *   update(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
 *     for (const key in params) params[key].subInPlace(grads[key].mul(0.5));
 *   },
 * };
 * const w = updateWithNewTensors(halfStep, tensor([0]), [tensor([1]), tensor([1])]);
 * console.assert(w.item() === -1);
 * ```
 */
export function updateWithNewTensors(
  optimizer: Optimizer,
  start: Tensor,
  gradients: readonly Tensor[],
): Tensor {
  let w = start;
  for (const gradient of gradients) {
    w = w.clone();
    optimizer.update({ w }, { w: gradient });
  }
  return w;
}

/**
 * Fails unless a new optimizer made by `make` starts afresh after another
 * one made three updates of the same parameter name `W`: its first update of
 * W = [0, 0] with dW = [1, -1] must equal that of a third, untouched one.
 * Returns W after that first update, for the spec to check its value.
 *
 * @example
 * ```ts
 * import { assertStartsAfresh } from "./optimizer.ts";
 * import type { Tensor } from "../tensor.ts";
 * class Shrinking {
 *   #count = new Map<string, number>();
 *   update(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
 *     for (const key in params) {
 *       const n = (this.#count.get(key) ?? 0) + 1;
 *       this.#count.set(key, n);
 *       params[key].subInPlace(grads[key].div(n));
 *     }
 *   }
 * }
 * const W = assertStartsAfresh(() => new Shrinking(), "Shrinking");
 * console.assert(W.get(0) === -1 && W.get(1) === 1);
 * ```
 */
export function assertStartsAfresh(
  make: () => Optimizer,
  what: string,
): Tensor {
  const first = make();
  const used = { W: tensor([0, 0]) };
  for (let i = 0; i < 3; i++) first.update(used, { W: tensor([1, 1]) });
  const params = { W: tensor([0, 0]) };
  const fresh = { W: tensor([0, 0]) };
  make().update(params, { W: tensor([1, -1]) });
  make().update(fresh, { W: tensor([1, -1]) });
  assertClose(params.W, fresh.W, {
    rtol: 1e-12,
    msg: `the first update of a second ${what}, after another made three`,
  });
  return params.W;
}

/**
 * Fails unless `optimizer.update` changes the caller's tensor itself, so that
 * a layer holding it sees the new values: after an update of
 * `W = [[1, 2], [3, 4]]` with `dW = 2` everywhere, `params.W` must still be
 * that tensor and every element must have moved down. Returns the tensor, for
 * the spec to check its values.
 *
 * @example
 * ```ts
 * import { assertUpdatesInPlace } from "./optimizer.ts";
 * import type { Tensor } from "../tensor.ts";
 * const halfStep = {
 *   update(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
 *     for (const key in params) params[key].subInPlace(grads[key].mul(0.5));
 *   },
 * };
 * const W = assertUpdatesInPlace(halfStep, "halfStep");
 * console.assert(W.get(0, 0) === 0);
 * ```
 */
export function assertUpdatesInPlace(
  optimizer: Optimizer,
  what: string,
): Tensor {
  const W = tensor([[1, 2], [3, 4]]);
  const layer = { W }; // a layer keeps the very tensor that params lists
  const params = { W };
  const before = W.clone();
  optimizer.update(params, { W: tensor([[2, 2], [2, 2]]) });
  if (params.W !== W) {
    throw new AssertionError(
      `${what}.update replaced params.W with a new tensor: the layer still ` +
        "holds the old one. Update the tensor itself (subInPlace, addInPlace).",
    );
  }
  if (!layer.W.data.every((v, i) => v < before.data[i])) {
    throw new AssertionError(
      `the layer's W did not move down after ${what}.update with dW = 2: ` +
        `it was ${before} and is ${layer.W}`,
    );
  }
  return layer.W;
}

/**
 * Fails if two updates of `{W, b}` by `optimizer` change the gradients they
 * are given.
 *
 * @example
 * ```ts
 * import { assertGradsUnchanged } from "./optimizer.ts";
 * import type { Tensor } from "../tensor.ts";
 * const halfStep = {
 *   update(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
 *     for (const key in params) params[key].subInPlace(grads[key].mul(0.5));
 *   },
 * };
 * assertGradsUnchanged(halfStep, "halfStep");
 * ```
 */
export function assertGradsUnchanged(optimizer: Optimizer, what: string): void {
  const params = { W: tensor([[1, 2], [3, 4]]), b: tensor([1, 1]) };
  const grads = { W: tensor([[0.5, -1], [2, 3]]), b: tensor([-1, 4]) };
  for (let step = 1; step <= 2; step++) {
    assertUnchanged(
      grads,
      () => optimizer.update(params, grads),
      `${what}.update (step ${step})`,
    );
  }
}

/** `call` must throw an Error (not a TypeError) whose message names `key`. */
function assertNamesParameter(call: () => void, key: string, what: string) {
  assertClearError(call, what, {
    includes: key,
    says: `name the parameter "${key}"`,
    fix:
      `keep the given checkGradients call first in update: its Error names the parameter "${key}"`,
  });
}

/**
 * Fails unless `optimizer.update` of `{W1, b2}` given a gradient for W1 only
 * throws an Error, not a TypeError, whose message names `b2`.
 *
 * @example
 * ```ts
 * import { assertMissingGradientThrows } from "./optimizer.ts";
 * import type { Tensor } from "../tensor.ts";
 * const checked = {
 *   update(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
 *     for (const key in params) {
 *       if (!grads[key]) throw new Error(`no gradient for "${key}"`);
 *     }
 *   },
 * };
 * assertMissingGradientThrows(checked, "checked");
 * ```
 */
export function assertMissingGradientThrows(
  optimizer: Optimizer,
  what: string,
): void {
  const params = { W1: tensor([[1, 2]]), b2: tensor([3]) };
  assertNamesParameter(
    () => optimizer.update(params, { W1: tensor([[1, 1]]) }),
    "b2",
    `${what}.update with no gradient for b2`,
  );
}

/**
 * Fails unless `optimizer.update` of `{W1}` given gradients for W1 and W3
 * throws an Error, not a TypeError, whose message names `W3`: a gradient
 * without a parameter means the caller mixed up two records.
 *
 * @example
 * ```ts
 * import { assertExtraGradientThrows } from "./optimizer.ts";
 * import { checkGradients, type Params } from "../layer.ts";
 * const checked = {
 *   update(params: Params, grads: Params) {
 *     checkGradients("checked.update", params, grads);
 *   },
 * };
 * assertExtraGradientThrows(checked, "checked");
 * ```
 */
export function assertExtraGradientThrows(
  optimizer: Optimizer,
  what: string,
): void {
  assertClearError(
    () =>
      optimizer.update({ W1: tensor([1]) }, {
        W1: tensor([1]),
        W3: tensor([1]),
      }),
    `${what}.update of {W1} with gradients for W1 and W3`,
    {
      includes: "W3",
      says: 'name the gradient "W3"',
      fix: "keep the given checkGradients call first in update",
    },
  );
}

/**
 * Fails unless an update of W1 [2, 3] by a new optimizer from `make` throws
 * an Error, not a TypeError, naming `W1` when the gradient has shape [3, 2],
 * and again when it has shape [3], which would broadcast.
 *
 * @example
 * ```ts
 * import { assertWrongShapeThrows } from "./optimizer.ts";
 * import type { Tensor } from "../tensor.ts";
 * const checked = {
 *   update(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
 *     for (const key in params) {
 *       if (grads[key].shape.join() !== params[key].shape.join()) {
 *         throw new Error(`the gradient of "${key}" has the wrong shape`);
 *       }
 *     }
 *   },
 * };
 * assertWrongShapeThrows(() => checked, "checked");
 * ```
 */
export function assertWrongShapeThrows(
  make: () => Optimizer,
  what: string,
): void {
  for (const shape of [[3, 2], [3]]) {
    assertNamesParameter(
      () =>
        make().update({ W1: Tensor.ones([2, 3]) }, { W1: Tensor.ones(shape) }),
      "W1",
      `${what}.update with W1 of shape [2, 3] and its gradient of shape [${
        shape.join(", ")
      }]`,
    );
  }
}

/**
 * Updates {W, b} once, then gives `update` two gradient records it must
 * reject: b's gradient of shape [1] (which would broadcast) and no gradient
 * for b. Each must throw an Error naming `who` and change nothing: the
 * parameters stay where they were, and a good update afterwards gives what
 * it gives to a twin optimizer that never saw the rejected calls.
 *
 * @example
 * ```ts
 * import { assertRejectedUpdateChangesNothing } from "./optimizer.ts";
 * import { checkGradients, type Params } from "../layer.ts";
 * class HalfStep {
 *   update(params: Params, grads: Params) {
 *     checkGradients("HalfStep.update", params, grads);
 *     for (const key in params) params[key].subInPlace(grads[key].mul(0.5));
 *   }
 * }
 * assertRejectedUpdateChangesNothing(() => new HalfStep(), "HalfStep", "HalfStep.update");
 * ```
 */
export function assertRejectedUpdateChangesNothing(
  make: () => Optimizer,
  what: string,
  who: string,
): void {
  const optimizer = make();
  const twin = make();
  const params = { W: tensor([1, 2]), b: tensor([3, 4]) };
  const twinParams = { W: tensor([1, 2]), b: tensor([3, 4]) };
  optimizer.update(params, { W: tensor([1, -1]), b: tensor([2, 2]) });
  twin.update(twinParams, { W: tensor([1, -1]), b: tensor([2, 2]) });
  const rejected: [string, Record<string, Tensor>][] = [
    ["{W: [1, 1], b: [5]}", { W: tensor([1, 1]), b: tensor([5]) }],
    ["{W: [1, 1]}", { W: tensor([1, 1]) }],
  ];
  for (const [text, grads] of rejected) {
    const call = `${what}.update({W: [·, ·], b: [·, ·]}, ${text})`;
    assertThrows(() => optimizer.update(params, grads), Error, who, call);
    for (const key of ["W", "b"] as const) {
      assertClose(params[key], twinParams[key], {
        rtol: 0,
        msg: `${key} after the rejected ${call}: it must not move`,
      });
    }
  }
  optimizer.update(params, { W: tensor([0.5, 3]), b: tensor([-1, 0]) });
  twin.update(twinParams, { W: tensor([0.5, 3]), b: tensor([-1, 0]) });
  for (const key of ["W", "b"] as const) {
    assertClose(params[key], twinParams[key], {
      rtol: 1e-12,
      msg: `${key} after a good update that follows the rejected ones, ` +
        `compared with another ${what} given only the good updates ` +
        "(a rejected update must leave the optimizer's state as it was)",
    });
  }
}
