// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import { Relu } from "../relu_layer/relu.ts";
import { Affine } from "../affine_layer/affine.ts";
import { SoftmaxWithLoss } from "../softmax_with_loss/softmax_with_loss.ts";
import { Convolution } from "../convolution/convolution.ts";
import { Pooling } from "../max_pooling/pooling.ts";

/** The weights and biases of a {@link SimpleConvNet}, or their gradients. */
export interface ConvNetParams {
  /** The filters of the convolution, `[filterNum, C, filterSize, filterSize]`. */
  W1: Tensor;
  /** The convolution's biases, `[filterNum]`. */
  b1: Tensor;
  /** The hidden Affine layer's weights, `[filterNum * PH * PW, hiddenSize]`. */
  W2: Tensor;
  /** The hidden Affine layer's biases, `[hiddenSize]`. */
  b2: Tensor;
  /** The output Affine layer's weights, `[hiddenSize, outputSize]`. */
  W3: Tensor;
  /** The output Affine layer's biases, `[outputSize]`. */
  b3: Tensor;
}

/** The sizes of a {@link SimpleConvNet}; every one but `rng` has the book's default. */
export interface ConvNetOptions {
  /** One input image: `[channels, height, width]`. Default `[1, 28, 28]`. */
  inputDim?: [number, number, number];
  /** How many filters the convolution has. Default 30. */
  filterNum?: number;
  /** The filters' height and width. Default 5. */
  filterSize?: number;
  /** The convolution's padding. Default 0. */
  pad?: number;
  /** The convolution's stride. Default 1. */
  stride?: number;
  /** The hidden Affine layer's width. Default 100. */
  hiddenSize?: number;
  /** How many classes. Default 10. */
  outputSize?: number;
  /** The standard deviation of the initial weights. Default 0.01. */
  weightInitStd?: number;
  /** Where the initial weights come from. */
  rng: Rng;
}

/**
 * The book's simple CNN (7.5): Convolution, ReLU, 2x2 max pooling at stride 2,
 * Affine, ReLU, Affine, then Softmax-with-Loss. See README.md beside this file.
 */
export class SimpleConvNet {
  /** The parameters, shared with the layers: update them in place. */
  params!: ConvNetParams;

  /** Draws the weights from `rng` times `weightInitStd`; the biases are zeros. */
  constructor(options: ConvNetOptions) {
    notImplemented("simple_conv_net", "SimpleConvNet constructor");
  }

  /** The scores (before softmax) for images `x` `[N, C, H, W]`: `[N, outputSize]`. */
  predict(x: Tensor): Tensor {
    return notImplemented("simple_conv_net", "SimpleConvNet.predict");
  }

  /** The mean cross-entropy loss for `x` and targets `t` (labels `[N]` or one-hot). */
  loss(x: Tensor, t: Tensor): number {
    return notImplemented("simple_conv_net", "SimpleConvNet.loss");
  }

  /** The share of images whose highest score is the target, `batchSize` images at a time. */
  accuracy(x: Tensor, t: Tensor, batchSize = 100): number {
    return notImplemented("simple_conv_net", "SimpleConvNet.accuracy");
  }

  /** The gradients of the loss for `x` and `t` by backpropagation, one per parameter. */
  gradient(x: Tensor, t: Tensor): ConvNetParams {
    return notImplemented("simple_conv_net", "SimpleConvNet.gradient");
  }
}
