// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import { sigmoid } from "../activation_functions/activations.ts";
import {
  crossEntropyError,
  softmax,
} from "../softmax_cross_entropy/softmax_cross_entropy.ts";
import { numericalGradient } from "../numerical_gradient/numerical_gradient.ts";

/** The weights and biases of a {@link NumericalTwoLayerNet}, or their gradients. */
export interface NumericalNetParams {
  /** First layer's weights, `[inputSize, hiddenSize]`. */
  W1: Tensor;
  /** First layer's biases, `[hiddenSize]`. */
  b1: Tensor;
  /** Second layer's weights, `[hiddenSize, outputSize]`. */
  W2: Tensor;
  /** Second layer's biases, `[outputSize]`. */
  b2: Tensor;
}

/** The two-layer network of book 4.5, learning by numerical gradients: see README.md beside this file. */
export class NumericalTwoLayerNet {
  /** The parameters: the gradient perturbs these very tensors. */
  params!: NumericalNetParams;

  /** Draws W1 and W2 as `weightInitStd` times normal draws from `rng`; b1 and b2 are zeros. */
  constructor(
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    rng: Rng,
    weightInitStd = 0.01,
  ) {
    notImplemented("numerical_learning", "NumericalTwoLayerNet constructor");
  }

  /** The class probabilities for a batch `x` `[N, inputSize]`: `[N, outputSize]`. */
  predict(x: Tensor): Tensor {
    return notImplemented("numerical_learning", "NumericalTwoLayerNet.predict");
  }

  /** The mean cross-entropy error for `x` and targets `t` (labels `[N]` or one-hot `[N, outputSize]`). */
  loss(x: Tensor, t: Tensor): number {
    return notImplemented("numerical_learning", "NumericalTwoLayerNet.loss");
  }

  /** The share of rows of `x` whose highest probability is at the target class. */
  accuracy(x: Tensor, t: Tensor): number {
    return notImplemented(
      "numerical_learning",
      "NumericalTwoLayerNet.accuracy",
    );
  }

  /** The gradients of the loss for `x` and `t` by central differences, one per parameter. */
  numericalGradient(x: Tensor, t: Tensor): NumericalNetParams {
    return notImplemented(
      "numerical_learning",
      "NumericalTwoLayerNet.numericalGradient",
    );
  }
}
