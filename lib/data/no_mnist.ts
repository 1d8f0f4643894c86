/**
 * What `#mnist-digits` means under the project's config: no digits. Only the
 * config of `lib/data/mnist/`, which the training tasks run with, maps it to
 * the npm package, so that no other task or check ever puts the 41 MB
 * package in the project's lockfile or downloads it.
 *
 * @module
 */

import type { MnistDigits } from "./mnist.ts";

/**
 * Undefined: the digits are only there under `--config
 * lib/data/mnist/deno.json`.
 *
 * @example
 * ```ts
 * import { digits } from "./no_mnist.ts";
 * console.assert(digits === undefined);
 * ```
 */
export const digits: MnistDigits | undefined = undefined;
