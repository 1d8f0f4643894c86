import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** RMSprop (book 6.1.5): see README.md beside this file. */
export class RMSprop implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The decay rate ρ: how much of the old h survives each step. */
  readonly decayRate: number;

  /** Creates the optimizer; the book's defaults are lr 0.01, decay 0.99. */
  constructor(lr = 0.01, decayRate = 0.99) {
    this.lr = lr;
    this.decayRate = decayRate;
  }

  /** Moves every parameter by its scaled gradient, in place. */
  update(params: Params, grads: Params): void {
    // Given: throws, naming the parameter, unless every parameter has a
    // gradient of its own shape. Keep it first, before anything changes.
    checkGradients("RMSprop.update", params, grads);
    return notImplemented("rmsprop", "RMSprop.update");
  }
}
