/**
 * The contracts every network in the katas relies on: what a layer is and
 * what an optimizer is (book 5.4 and 6.1), declared once here so that a net,
 * a spec and a training loop all speak of the same thing.
 *
 * @module
 */

import { shapeToString, type Tensor } from "./tensor.ts";

/**
 * A layer of the book: `forward` computes the output and remembers what
 * `backward` will need; `backward` takes ∂L/∂out and returns ∂L/∂x.
 *
 * `train` tells the layers that behave differently in training and in
 * inference (Dropout, BatchNorm) which one this call is; the others ignore it.
 *
 * @example
 * ```ts
 * import type { Layer } from "./layer.ts";
 * import { tensor, type Tensor } from "./tensor.ts";
 * class Double implements Layer {
 *   forward(x: Tensor): Tensor { return x.mul(2); }
 *   backward(dout: Tensor): Tensor { return dout.mul(2); }
 * }
 * const layers: Layer[] = [new Double(), new Double()];
 * let out = tensor([1, 2]);
 * for (const layer of layers) out = layer.forward(out, true);
 * console.assert(out.toString() === "[4 8]");
 * ```
 */
export interface Layer {
  /** The layer's output for `x`. */
  forward(x: Tensor, train?: boolean): Tensor;
  /** ∂L/∂x from ∂L/∂out, for the most recent forward. */
  backward(dout: Tensor): Tensor;
}

/** Parameters or their gradients, by name (the book's `params` dictionary). */
export type Params = Record<string, Tensor>;

/**
 * An optimizer of book 6.1: `update` moves every parameter, in place, by a
 * step computed from its gradient.
 *
 * @example
 * ```ts
 * import type { Optimizer, Params } from "./layer.ts";
 * import { tensor } from "./tensor.ts";
 * const halfStep: Optimizer = {
 *   update(params: Params, grads: Params) {
 *     for (const key in params) params[key].subInPlace(grads[key].mul(0.5));
 *   },
 * };
 * const params = { w: tensor([1, 1]) };
 * halfStep.update(params, { w: tensor([2, -2]) });
 * console.assert(params.w.toString() === "[0 2]");
 * ```
 */
export interface Optimizer {
  /** Moves every parameter by a step computed from its gradient, in place. */
  update(params: Params, grads: Params): void;
}

/**
 * Throws unless every parameter has a gradient of its own shape and no
 * gradient names a parameter that does not exist. An optimizer calls it before
 * it changes anything, so a rejected update leaves every parameter and every
 * piece of the optimizer's state as it was. A shape that would merely
 * broadcast is an error too: it means the gradient is not this parameter's.
 *
 * @param who The method to name in the error, e.g. `"SGD.update"`.
 * @throws {Error} naming `who`, the parameter and both shapes.
 *
 * @example
 * ```ts
 * import { checkGradients } from "./layer.ts";
 * import { tensor } from "./tensor.ts";
 * const params = { W: tensor([[1, 2]]) };
 * checkGradients("SGD.update", params, { W: tensor([[0, 0]]) });
 * try {
 *   checkGradients("SGD.update", params, { W: tensor([0, 0]) });
 *   throw new Error("not reached");
 * } catch (e) {
 *   console.assert(String(e).includes('SGD.update: the gradient of "W"'));
 * }
 * ```
 */
export function checkGradients(
  who: string,
  params: Params,
  grads: Params,
): void {
  for (const [key, param] of Object.entries(params)) {
    const grad = grads[key];
    if (grad === undefined) {
      throw new Error(`${who}: grads has no entry for the parameter "${key}"`);
    }
    if (shapeToString(grad.shape) !== shapeToString(param.shape)) {
      throw new Error(
        `${who}: the gradient of "${key}" has shape ${
          shapeToString(grad.shape)
        }, but the parameter has shape ${shapeToString(param.shape)}`,
      );
    }
  }
  for (const key of Object.keys(grads)) {
    if (!(key in params)) {
      throw new Error(
        `${who}: grads has an entry "${key}" for which there is no parameter`,
      );
    }
  }
}
