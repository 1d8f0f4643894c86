import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { Tensor } from "../../lib/tensor.ts";

/**
 * SGD with momentum (book 6.1.4): a velocity that remembers past steps,
 * v ← αv − η·∂L/∂W, then W ← W + v.
 */
export class Momentum implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The momentum α: how much of the last velocity survives each step. */
  readonly momentum: number;
  /** The velocity of each parameter, by name, created on its first update. */
  #v = new Map<string, Tensor>();

  /** Creates the optimizer; the book's defaults are lr 0.01, momentum 0.9. */
  constructor(lr = 0.01, momentum = 0.9) {
    this.lr = lr;
    this.momentum = momentum;
  }

  /** Moves every parameter by its velocity, in place. */
  update(params: Params, grads: Params): void {
    checkGradients("Momentum.update", params, grads);
    for (const key in params) {
      // A parameter starts at rest: the book's zeros_like(val).
      let v = this.#v.get(key);
      if (v === undefined) {
        v = Tensor.zeros(params[key].shape);
        this.#v.set(key, v);
      }
      v.mulInPlace(this.momentum).subInPlace(grads[key].mul(this.lr));
      // In place: the layers hold this same tensor and must see the new value.
      params[key].addInPlace(v);
    }
  }
}
