// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import { col2im, convOutputSize, im2col } from "../im2col/im2col.ts";

/** The convolution layer (book 7.4.3): see README.md beside this file. */
export class Convolution {
  /** The filters [FN, C, FH, FW], shared with the caller (not copied). */
  W: Tensor;
  /** One bias per filter [FN], shared with the caller. */
  b: Tensor;
  /** How far the window moves each step. */
  stride: number;
  /** Zeros added on each side of the input. */
  pad: number;
  /** ∂L/∂W from the last backward. */
  dW: Tensor | undefined;
  /** ∂L/∂b from the last backward. */
  db: Tensor | undefined;

  /** Keeps `W` and `b` by reference, so an optimizer's updates are seen. */
  constructor(W: Tensor, b: Tensor, stride = 1, pad = 0) {
    this.W = W;
    this.b = b;
    this.stride = stride;
    this.pad = pad;
  }

  /** Convolves `x` [N, C, H, W] with every filter: [N, FN, OH, OW]. */
  forward(x: Tensor): Tensor {
    return notImplemented("convolution", "Convolution.forward");
  }

  /** Stores dW and db; returns ∂L/∂x of the last forward's input. */
  backward(dout: Tensor): Tensor {
    return notImplemented("convolution", "Convolution.backward");
  }
}
