// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** SGD with momentum (book 6.1.4): see README.md beside this file. */
export class Momentum {
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
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    return notImplemented("momentum", "Momentum.update");
  }
}
