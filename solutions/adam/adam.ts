import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { Tensor } from "../../lib/tensor.ts";

/**
 * Adam (book 6.1.6), in the book's form: moving averages of the gradient (m)
 * and of its square (v), and a step size lr_t that corrects their bias
 * towards the zeros they start from.
 */
export class Adam implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The decay β₁ of the moving average of gradients. */
  readonly beta1: number;
  /** The decay β₂ of the moving average of squared gradients. */
  readonly beta2: number;
  /** How many updates have been made: one per call, for all parameters. */
  #t = 0;
  /** The moving average of gradients of each parameter, by name. */
  #m = new Map<string, Tensor>();
  /** The moving average of squared gradients of each parameter, by name. */
  #v = new Map<string, Tensor>();

  /** Creates the optimizer; the book's defaults are 0.001, 0.9, 0.999. */
  constructor(lr = 0.001, beta1 = 0.9, beta2 = 0.999) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  /** Moves every parameter by its corrected, scaled average gradient. */
  update(params: Params, grads: Params): void {
    checkGradients("Adam.update", params, grads);
    this.#t += 1;
    // m and v start at 0, so early on m is too small by the factor 1 - β₁^t
    // and √v by √(1 - β₂^t); lr_t undoes both.
    const lrT = this.lr * Math.sqrt(1 - this.beta2 ** this.#t) /
      (1 - this.beta1 ** this.#t);
    for (const key in params) {
      const m = stateOf(this.#m, key, params[key]);
      const v = stateOf(this.#v, key, params[key]);
      m.addInPlace(grads[key].sub(m).mul(1 - this.beta1));
      v.addInPlace(grads[key].pow(2).sub(v).mul(1 - this.beta2));
      // In place: the layers hold this same tensor and must see the new value.
      params[key].subInPlace(m.mul(lrT).div(v.sqrt().add(1e-7)));
    }
  }
}

/** The state of `key` in `states`, created as zeros of the parameter's shape. */
function stateOf(
  states: Map<string, Tensor>,
  key: string,
  param: Tensor,
): Tensor {
  let state = states.get(key);
  if (state === undefined) {
    state = Tensor.zeros(param.shape);
    states.set(key, state);
  }
  return state;
}
