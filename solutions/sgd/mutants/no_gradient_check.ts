// Mutant of sgd.ts: grads are not checked, so a missing gradient fails with a
// TypeError and a mis-shaped one is broadcast silently.
import type { Tensor } from "../../../lib/tensor.ts";

/** Stochastic gradient descent (book 6.1.2): W ← W − η·∂L/∂W. */
export class SGD {
  /** The learning rate η. */
  readonly lr: number;

  /** Creates the optimizer; the book's default learning rate is 0.01. */
  constructor(lr = 0.01) {
    this.lr = lr;
  }

  /** Moves every parameter one step against its gradient, in place. */
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    for (const [key, param] of Object.entries(params)) {
      // In place: the layers hold this same tensor and must see the new value.
      param.subInPlace(grads[key].mul(this.lr));
    }
  }
}
