// Mutant of momentum.ts: the velocity decays by a hard-coded 0.9 instead of the
// optimizer's momentum.
import { shapeToString, Tensor } from "../../../lib/tensor.ts";

/**
 * SGD with momentum (book 6.1.4): a velocity that remembers past steps,
 * v ← αv − η·∂L/∂W, then W ← W + v.
 */
export class Momentum {
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
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    checkGradients("Momentum.update", params, grads);
    for (const [key, param] of Object.entries(params)) {
      // A parameter starts at rest: the book's zeros_like(val).
      let v = this.#v.get(key);
      if (v === undefined) {
        v = Tensor.zeros(param.shape);
        this.#v.set(key, v);
      }
      v.mulInPlace(0.9).subInPlace(grads[key].mul(this.lr));
      // In place: the layers hold this same tensor and must see the new value.
      param.addInPlace(v);
    }
  }
}

/**
 * Throws unless every parameter has a gradient of its own shape. Checked
 * before any update, so a bad call changes nothing; a shape that would merely
 * broadcast is an error too, because it means the gradient is not this
 * parameter's.
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
