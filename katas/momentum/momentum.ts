import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** SGD with momentum (book 6.1.4): see README.md beside this file. */
export class Momentum implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The momentum α: how much of the last velocity survives each step. */
  readonly momentum: number;

  /** Creates the optimizer; the book's defaults are lr 0.01, momentum 0.9. */
  constructor(lr = 0.01, momentum = 0.9) {
    this.lr = lr;
    this.momentum = momentum;
  }

  /** Moves every parameter by its velocity, in place. */
  update(params: Params, grads: Params): void {
    // Given: throws, naming the parameter, unless every parameter has a
    // gradient of its own shape. Keep it first, before anything changes.
    checkGradients("Momentum.update", params, grads);
    return notImplemented("momentum", "Momentum.update");
  }
}
