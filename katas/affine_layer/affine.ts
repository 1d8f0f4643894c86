// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The Affine layer `y = x·W + b` (book 5.6): see README.md beside this file. */
export class Affine {
  /** The weights, shape `[D, M]`: the very tensor given to the constructor. */
  W!: Tensor;
  /** The bias, shape `[M]`: the very tensor given to the constructor. */
  b!: Tensor;
  /** ∂L/∂W from the last backward (shape of `W`); undefined before it. */
  dW: Tensor | undefined;
  /** ∂L/∂b from the last backward (shape of `b`); undefined before it. */
  db: Tensor | undefined;

  /** Keeps `W` and `b` by reference, so in-place updates are seen. */
  constructor(W: Tensor, b: Tensor) {
    notImplemented("affine_layer", "Affine constructor");
  }

  /** Returns `x·W + b`, each sample of `x` flattened to a row of D values. */
  forward(x: Tensor): Tensor {
    return notImplemented("affine_layer", "Affine.forward");
  }

  /** Sets `dW` and `db`; returns `dx` in the shape of forward's `x`. */
  backward(dout: Tensor): Tensor {
    return notImplemented("affine_layer", "Affine.backward");
  }
}
