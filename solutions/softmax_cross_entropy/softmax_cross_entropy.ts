/**
 * The softmax output function (book 3.5) and the cross-entropy error
 * (book 4.2.2 and 4.2.4), for one sample or a batch.
 *
 * @module
 */

import { shapeToString, type Tensor } from "../../lib/tensor.ts";

/** Added to every probability before the log, as in the book. */
const DELTA = 1e-7;

/**
 * The softmax of a 1-D vector, or of each row of a 2-D batch (in general,
 * along the last axis): exp(a_k) over the sum of exp(a_i) of its row.
 */
export function softmax(a: Tensor): Tensor {
  // Subtracting each row's maximum leaves the result unchanged (the factor
  // exp(-c) cancels) and makes every exponent <= 0, so exp cannot overflow
  // and the largest term of each row is exactly 1 (book 3.5.2).
  const c = a.max(-1, true);
  const expA = a.sub(c).exp();
  return expA.div(expA.sum(-1, true));
}

/**
 * The cross-entropy error averaged over the batch, for targets given as
 * class labels (shape [N]) or one-hot rows (the shape of y). A 1-D y is one
 * sample, i.e. a batch of one.
 */
export function crossEntropyError(y: Tensor, t: Tensor): number {
  const oneHot = t.ndim === y.ndim && t.shape.every((d, i) => d === y.shape[i]);
  if (y.ndim === 1) {
    y = y.reshape(1, y.size);
    t = oneHot ? t.reshape(1, t.size) : t.reshape(-1);
  }
  if (y.ndim !== 2) {
    throw new RangeError(
      `crossEntropyError: y must be 1-D or 2-D, got shape ${
        shapeToString(y.shape)
      }`,
    );
  }
  const [batchSize, classes] = y.shape;
  if (oneHot) {
    // -sum(t * log(y + delta)) / N: only the correct class has t = 1.
    return -t.mul(y.add(DELTA).log()).sum() / batchSize;
  }
  if (t.ndim !== 1 || t.size !== batchSize) {
    throw new RangeError(
      `crossEntropyError: t must be labels of shape [${batchSize}] or one-hot ` +
        `of shape ${shapeToString(y.shape)}, got shape ${
          shapeToString(t.shape)
        }`,
    );
  }
  const labels = t.toArray() as number[];
  const bad = labels.findIndex((k) =>
    !Number.isInteger(k) || k < 0 || k >= classes
  );
  if (bad >= 0) {
    throw new RangeError(
      `crossEntropyError: label ${labels[bad]} of sample ${bad} is not a ` +
        `class index 0..${classes - 1}`,
    );
  }
  // y[arange(N), t]: the probability of the correct class in each row.
  return -y.takePerRow(t).add(DELTA).log().sum() / batchSize;
}
