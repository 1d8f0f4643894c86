// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The label that marks a position to leave out of the loss (padding, say). */
export const IGNORE_LABEL = -1;

/** An Embedding applied at every time step (second book, 5.4.1): see README.md. */
export class TimeEmbedding {
  /** The parameters by name: `W`, `[V, D]`, the very tensor given. */
  readonly params!: Params;
  /** Their gradients by name, written in place by every backward. */
  readonly grads!: Params;

  /** Keeps `W` by reference. */
  constructor(W: Tensor) {
    notImplemented("time_layers", "TimeEmbedding constructor");
  }

  /** The vectors of the ids `xs` (N rows of T), shape `[N, T, D]`. */
  forward(xs: readonly (readonly number[])[]): Tensor {
    return notImplemented("time_layers", "TimeEmbedding.forward");
  }

  /** Writes dW into `grads.W` in place: the sum over every position of its id. */
  backward(dout: Tensor): void {
    notImplemented("time_layers", "TimeEmbedding.backward");
  }
}

/** An affine layer `x·W + b` applied at every time step (second book, 5.4.1): see README.md. */
export class TimeAffine {
  /** The parameters by name: `W` `[D, M]` and `b` `[M]`, the very tensors given. */
  readonly params!: Params;
  /** Their gradients by name, written in place by every backward. */
  readonly grads!: Params;

  /** Keeps `W` and `b` by reference and gradients of zeros in their shapes. */
  constructor(W: Tensor, b: Tensor) {
    notImplemented("time_layers", "TimeAffine constructor");
  }

  /** `x·W + b` for every step of `x` `[N, T, D]`: shape `[N, T, M]`. */
  forward(x: Tensor): Tensor {
    return notImplemented("time_layers", "TimeAffine.forward");
  }

  /** Writes dW and db into `grads` in place; returns dx, shape `[N, T, D]`. */
  backward(dout: Tensor): Tensor {
    return notImplemented("time_layers", "TimeAffine.backward");
  }
}

/**
 * Softmax and cross-entropy at every time step (second book, 5.4.1): the mean
 * loss over the positions whose label is not {@link IGNORE_LABEL}. See README.md.
 */
export class TimeSoftmaxWithLoss {
  /** The mean cross-entropy of `softmax(xs)` `[N, T, V]` against `ts` (N rows of T labels). */
  forward(xs: Tensor, ts: readonly (readonly number[])[]): number {
    return notImplemented("time_layers", "TimeSoftmaxWithLoss.forward");
  }

  /** ∂L/∂xs: `(softmax - one-hot) · dout / (valid labels)`, zero where the label is ignored. */
  backward(dout = 1): Tensor {
    return notImplemented("time_layers", "TimeSoftmaxWithLoss.backward");
  }
}
