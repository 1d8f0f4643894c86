// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import type { Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import { Relu } from "../relu_layer/relu.ts";
import { Affine } from "../affine_layer/affine.ts";
import { SoftmaxWithLoss } from "../softmax_with_loss/softmax_with_loss.ts";
import { Convolution } from "../convolution/convolution.ts";
import { Pooling } from "../max_pooling/pooling.ts";
import { Dropout } from "../dropout/dropout.ts";

/** One convolution of a {@link DeepConvNet}. */
export interface ConvParam {
  /** How many filters, hence output channels. */
  filterNum: number;
  /** The filters' height and width. */
  filterSize: number;
  /** Zeros added on each side of the input. */
  pad: number;
  /** How far the window moves each step. */
  stride: number;
}

/** The book's six convolutions: 3x3 filters, 16, 16, 32, 32, 64, 64 of them. */
export const BOOK_CONV_PARAMS: readonly ConvParam[] = [
  { filterNum: 16, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 16, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 32, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 32, filterSize: 3, pad: 2, stride: 1 },
  { filterNum: 64, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 64, filterSize: 3, pad: 1, stride: 1 },
];

/** The sizes of a {@link DeepConvNet}; every one but `rng` has the book's default. */
export interface DeepConvNetOptions {
  /** One input image: `[channels, height, width]`. Default `[1, 28, 28]`. */
  inputDim?: [number, number, number];
  /** The six convolutions, first to last. Default {@link BOOK_CONV_PARAMS}. */
  convParams?: readonly ConvParam[];
  /** The hidden Affine layer's width. Default 50. */
  hiddenSize?: number;
  /** How many classes. Default 10. */
  outputSize?: number;
  /** The share of values each Dropout layer drops in training. Default 0.5. */
  dropoutRatio?: number;
  /** Where the initial weights, then the dropout masks, come from. */
  rng: Rng;
}

/**
 * The book's deeper CNN (8.1): three blocks of (Convolution, ReLU,
 * Convolution, ReLU, 2x2 max pooling), then Affine, ReLU, Dropout, Affine,
 * Dropout and Softmax-with-Loss. See README.md beside this file.
 */
export class DeepConvNet {
  /** W1..W8 and b1..b8: the very tensors the layers use. */
  params!: Params;

  /** He-scaled normal weights drawn from `rng` in the order W1..W8; zero biases. */
  constructor(options: DeepConvNetOptions) {
    notImplemented("deep_conv_net", "DeepConvNet constructor");
  }

  /** The scores `[N, outputSize]` for images `x` `[N, C, H, W]`; Dropout drops only when `train`. */
  predict(x: Tensor, train = false): Tensor {
    return notImplemented("deep_conv_net", "DeepConvNet.predict");
  }

  /** The mean cross-entropy loss for `x` and targets `t` (labels `[N]` or one-hot). */
  loss(x: Tensor, t: Tensor, train = false): number {
    return notImplemented("deep_conv_net", "DeepConvNet.loss");
  }

  /** The share of images whose highest inference-mode score is the target, `batchSize` images at a time. */
  accuracy(x: Tensor, t: Tensor, batchSize = 100): number {
    return notImplemented("deep_conv_net", "DeepConvNet.accuracy");
  }

  /** The gradients of the training-mode loss by backpropagation: W1..W8, b1..b8. */
  gradient(x: Tensor, t: Tensor): Params {
    return notImplemented("deep_conv_net", "DeepConvNet.gradient");
  }
}
