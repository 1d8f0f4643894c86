// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** What a {@link MultiLayerNet} is built from. */
interface MultiLayerNetOptions {
  /** Features per sample, e.g. 784 for MNIST. */
  inputSize: number;
  /** The width of each hidden layer, first to last; may be empty. */
  hiddenSizes: number[];
  /** Classes, e.g. 10. */
  outputSize: number;
  /** Draws the initial weights and the dropout masks. */
  rng: Rng;
  /** "he" (the default, for ReLU), "xavier", or the std itself. */
  weightInit?: "he" | "xavier" | number;
  /** A Batch Normalization layer between each hidden Affine and its ReLU. */
  useBatchNorm?: boolean;
  /** A Dropout layer after each hidden ReLU; 0 or undefined: none. */
  dropoutRatio?: number;
  /** The weight decay strength lambda; 0 or undefined: none. */
  weightDecayLambda?: number;
}

/**
 * A fully connected net for classification (the book's MultiLayerNetExtend,
 * 6.3-6.4): see README.md beside this file.
 */
export class MultiLayerNet {
  /** W1, b1, [gamma1, beta1], W2, ...: the very tensors the layers use. */
  params: Record<string, Tensor> = {};

  /** Initialises the weights and builds the layers around them. */
  constructor(options: MultiLayerNetOptions) {
    notImplemented("multi_layer_net", "new MultiLayerNet");
  }

  /** The scores (before softmax), shape [N, outputSize]. */
  predict(x: Tensor, train = false): Tensor {
    return notImplemented("multi_layer_net", "MultiLayerNet.predict");
  }

  /** The cross-entropy loss plus the weight decay penalty. */
  loss(x: Tensor, t: Tensor, train = false): number {
    return notImplemented("multi_layer_net", "MultiLayerNet.loss");
  }

  /** The fraction of samples whose highest score is the target class. */
  accuracy(x: Tensor, t: Tensor): number {
    return notImplemented("multi_layer_net", "MultiLayerNet.accuracy");
  }

  /** The gradient of the training-mode loss for every parameter, by name. */
  gradient(x: Tensor, t: Tensor): Record<string, Tensor> {
    return notImplemented("multi_layer_net", "MultiLayerNet.gradient");
  }
}
