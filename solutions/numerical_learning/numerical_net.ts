import { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
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

/**
 * The two-layer network of book 4.5: Affine, sigmoid, Affine, softmax, with
 * its gradient taken by central differences rather than by backpropagation.
 */
export class NumericalTwoLayerNet {
  /** The parameters: the gradient perturbs these very tensors. */
  params: NumericalNetParams;

  /** Draws W1 and W2 as `weightInitStd` times normal draws from `rng`; b1 and b2 are zeros. */
  constructor(
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    rng: Rng,
    weightInitStd = 0.01,
  ) {
    this.params = {
      W1: Tensor.randn([inputSize, hiddenSize], rng, weightInitStd),
      b1: Tensor.zeros([hiddenSize]),
      W2: Tensor.randn([hiddenSize, outputSize], rng, weightInitStd),
      b2: Tensor.zeros([outputSize]),
    };
  }

  /** The class probabilities for a batch `x` `[N, inputSize]`: `[N, outputSize]`. */
  predict(x: Tensor): Tensor {
    const { W1, b1, W2, b2 } = this.params;
    const a1 = x.matmul(W1).add(b1);
    const z1 = sigmoid(a1);
    const a2 = z1.matmul(W2).add(b2);
    return softmax(a2);
  }

  /** The mean cross-entropy error for `x` and targets `t` (labels `[N]` or one-hot `[N, outputSize]`). */
  loss(x: Tensor, t: Tensor): number {
    const y = this.predict(x);
    return crossEntropyError(y, t);
  }

  /** The share of rows of `x` whose highest probability is at the target class. */
  accuracy(x: Tensor, t: Tensor): number {
    const y = this.predict(x).argmax(1);
    const labels = t.ndim === 1 ? t : t.argmax(1);
    return y.eq(labels).sum() / x.shape[0];
  }

  /** The gradients of the loss for `x` and `t` by central differences, one per parameter. */
  numericalGradient(x: Tensor, t: Tensor): NumericalNetParams {
    // The argument is ignored: numericalGradient perturbs the parameter in
    // place, and the loss reads that very tensor through this.params.
    const lossW = (_W: Tensor) => this.loss(x, t);
    const { W1, b1, W2, b2 } = this.params;
    return {
      W1: numericalGradient(lossW, W1),
      b1: numericalGradient(lossW, b1),
      W2: numericalGradient(lossW, W2),
      b2: numericalGradient(lossW, b2),
    };
  }
}
