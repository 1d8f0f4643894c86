// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The MatMul layer `y = x·W` (second book, 1.3.4): see README.md beside this file. */
export class MatMul {
  /** The parameters by name: `W`, the very tensor given to the constructor. */
  readonly params!: Params;
  /** Their gradients by name: one tensor each, made once, overwritten by every backward. */
  readonly grads!: Params;

  /** Keeps `W` by reference and a gradient of zeros in its shape. */
  constructor(W: Tensor) {
    notImplemented("matmul_layer", "MatMul constructor");
  }

  /** Returns `x·W`. */
  forward(x: Tensor): Tensor {
    return notImplemented("matmul_layer", "MatMul.forward");
  }

  /** Writes dW into `grads.W` in place; returns dx. */
  backward(dout: Tensor): Tensor {
    return notImplemented("matmul_layer", "MatMul.backward");
  }
}
