// Mutant of adam.ts: the moving averages and the bias correction use the book's
// 0.9 and 0.999 instead of the optimizer's beta1 and beta2.
import { shapeToString, Tensor } from "../../../lib/tensor.ts";

/**
 * Adam (book 6.1.6), in the book's form: moving averages of the gradient (m)
 * and of its square (v), and a step size lr_t that corrects their bias
 * towards the zeros they start from.
 */
export class Adam {
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
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    checkGradients("Adam.update", params, grads);
    this.#t += 1;
    // m and v start at 0, so early on they are too small by the factors
    // (1 - β₁^t) and √(1 - β₂^t); lr_t undoes both.
    const lrT = this.lr * Math.sqrt(1 - 0.999 ** this.#t) /
      (1 - 0.9 ** this.#t);
    for (const [key, param] of Object.entries(params)) {
      const grad = grads[key];
      const m = stateOf(this.#m, key, param);
      const v = stateOf(this.#v, key, param);
      m.addInPlace(grad.sub(m).mul(1 - 0.9));
      v.addInPlace(grad.mul(grad).sub(v).mul(1 - 0.999));
      // In place: the layers hold this same tensor and must see the new value.
      param.subInPlace(m.mul(lrT).div(v.sqrt().add(1e-7)));
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

/**
 * Throws unless every parameter has a gradient of its own shape. Checked
 * before any update, so a bad call changes nothing (not even t); a shape that
 * would merely broadcast is an error too, because it means the gradient is
 * not this parameter's.
 */
function checkGradients(
  who: string,
  params: Record<string, Tensor>,
  grads: Record<string, Tensor>,
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
}
