import { shapeToString, Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { Embedding } from "../embedding/embedding.ts";

/** The label that marks a position to leave out of the loss (padding, say). */
export const IGNORE_LABEL = -1;

/** An Embedding applied at every time step (second book, 5.4.1). */
export class TimeEmbedding {
  /** The parameters by name: `W`, `[V, D]`, the very tensor given. */
  readonly params: Params;
  /** Their gradients by name, written in place by every backward. */
  readonly grads: Params;
  /** One Embedding for all N·T positions at once. */
  readonly #embed: Embedding;
  /** The last forward's N and T. */
  #nt: [number, number] | undefined;

  /** Keeps `W` by reference. */
  constructor(W: Tensor) {
    this.#embed = new Embedding(W);
    this.params = { W };
    // The Embedding writes its gradient in place: that tensor is ours too.
    this.grads = { W: this.#embed.grads.W };
  }

  /** The vectors of the ids `xs` (N rows of T), shape `[N, T, D]`. */
  forward(xs: readonly (readonly number[])[]): Tensor {
    const flat = xs.flat();
    const N = xs.length;
    const T = flat.length / N;
    if (!xs.every((row) => row.length === T)) {
      throw new Error(
        `TimeEmbedding.forward: the rows of ids must be of one length, got ${
          xs.map((row) => row.length).join(", ")
        }`,
      );
    }
    this.#nt = [N, T];
    return this.#embed.forward(flat).reshape(N, T, -1);
  }

  /** Writes dW into `grads.W` in place: the sum over every position of its id. */
  backward(dout: Tensor): void {
    if (this.#nt === undefined) {
      throw new Error(
        "TimeEmbedding.backward was called before TimeEmbedding.forward",
      );
    }
    const [N, T] = this.#nt;
    const D = this.params.W.shape[1];
    if (shapeToString(dout.shape) !== shapeToString([N, T, D])) {
      throw new Error(
        `TimeEmbedding.backward: dout has shape ${
          shapeToString(dout.shape)
        }, but the output was ${shapeToString([N, T, D])}`,
      );
    }
    this.#embed.backward(dout.reshape(N * T, D));
  }
}

/** An affine layer `x·W + b` applied at every time step (second book, 5.4.1). */
export class TimeAffine {
  /** The parameters by name: `W` `[D, M]` and `b` `[M]`, the very tensors given. */
  readonly params: Params;
  /** Their gradients by name, written in place by every backward. */
  readonly grads: Params;
  /** The last forward's input. */
  #x: Tensor | undefined;

  /** Keeps `W` and `b` by reference and gradients of zeros in their shapes. */
  constructor(W: Tensor, b: Tensor) {
    this.params = { W, b };
    this.grads = { W: Tensor.zeros(W.shape), b: Tensor.zeros(b.shape) };
  }

  /** `x·W + b` for every step of `x` `[N, T, D]`: shape `[N, T, M]`. */
  forward(x: Tensor): Tensor {
    // An x without three axes fails in reshape, which names its shape.
    const [N, T, D] = x.shape;
    this.#x = x;
    // All N·T steps at once: one product of a [N·T, D] matrix.
    const { W, b } = this.params;
    return x.reshape(N * T, D).matmul(W).add(b).reshape(N, T, -1);
  }

  /** Writes dW and db into `grads` in place; returns dx, shape `[N, T, D]`. */
  backward(dout: Tensor): Tensor {
    if (this.#x === undefined) {
      throw new Error(
        "TimeAffine.backward was called before TimeAffine.forward",
      );
    }
    const [N, T, D] = this.#x.shape;
    const { W } = this.params;
    const M = W.shape[1];
    if (shapeToString(dout.shape) !== shapeToString([N, T, M])) {
      throw new Error(
        `TimeAffine.backward: dout has shape ${
          shapeToString(dout.shape)
        }, but the output was ${shapeToString([N, T, M])}`,
      );
    }
    const rows = dout.reshape(N * T, M);
    this.grads.b.assignInPlace(rows.sum(0));
    this.grads.W.assignInPlace(this.#x.reshape(N * T, D).T.matmul(rows));
    return rows.matmul(W.T).reshape(N, T, D);
  }
}

/**
 * Softmax and cross-entropy at every time step (second book, 5.4.1): the mean
 * loss over the positions whose label is not {@link IGNORE_LABEL}.
 */
export class TimeSoftmaxWithLoss {
  /** What backward needs from the last forward. */
  #cache:
    | { ys: Tensor; labels: number[]; mask: Tensor; shape: number[] }
    | undefined;

  /** The mean cross-entropy of `softmax(xs)` `[N, T, V]` against `ts` (N rows of T labels). */
  forward(xs: Tensor, ts: readonly (readonly number[])[]): number {
    const [N, T, V] = xs.shape;
    if (ts.length !== N || ts.some((row) => row.length !== T)) {
      throw new Error(
        `TimeSoftmaxWithLoss.forward: ts must be ${N} rows of ${T} labels for xs of shape ${
          shapeToString(xs.shape)
        }, got ${ts.length} rows of ${ts.map((row) => row.length).join(", ")}`,
      );
    }
    const flat = ts.flat();
    const mask = Tensor.from(flat.map((t) => (t === IGNORE_LABEL ? 0 : 1)));
    const valid = mask.sum();
    if (valid === 0) {
      throw new Error(
        `TimeSoftmaxWithLoss.forward: every label is ${IGNORE_LABEL} (ignored), so there is no loss to average`,
      );
    }
    // An ignored position may name any class: its loss is masked out below.
    const labels = flat.map((t) => (t === IGNORE_LABEL ? 0 : t));
    const x = xs.reshape(N * T, V);
    // log softmax as x - max - log Σ exp(x - max): finite even where the
    // softmax of a large score rounds to 0 and its log would be -Infinity.
    const shifted = x.sub(x.max(1, true));
    const logYs = shifted.sub(shifted.exp().sum(1, true).log());
    const ls = logYs.takePerRow(labels).mul(mask);
    this.#cache = { ys: logYs.exp(), labels, mask, shape: [N, T, V] };
    return -ls.sum() / valid;
  }

  /** ∂L/∂xs: `(softmax - one-hot) · dout / (valid labels)`, zero where the label is ignored. */
  backward(dout = 1): Tensor {
    if (this.#cache === undefined) {
      throw new Error(
        "TimeSoftmaxWithLoss.backward was called before TimeSoftmaxWithLoss.forward",
      );
    }
    const { ys, labels, mask, shape } = this.#cache;
    const dx = ys.clone().addPerRowInPlace(labels, -1);
    return dx.mul(dout / mask.sum()).mul(mask.reshape(-1, 1)).reshape(
      ...shape,
    );
  }
}
