/**
 * Finding the kata a learner names on the command line: by its number, its
 * folder name, or a path into its folder (as a shell completes it).
 *
 * @module
 */

import type { KataEntry, Manifest } from "../../manifest.ts";
import { UsageError } from "../cli/args.ts";
import { didYouMean } from "../cli/closest.ts";

/**
 * The kata `ref` names; a {@link UsageError} naming `ref` when there is none.
 *
 * @example
 * ```ts
 * import { findKata } from "./find_kata.ts";
 * const entry = (name: string) =>
 *   ({ name, title: name, book: "5", file: "f.ts", spec: "f_test.ts", uses: [] });
 * const manifest = { katas: [entry("relu_layer"), entry("sigmoid_layer")] };
 * console.assert(findKata(manifest, "2").name === "sigmoid_layer");
 * console.assert(findKata(manifest, "relu_layer").name === "relu_layer");
 * console.assert(findKata(manifest, "katas\\relu_layer\\").name === "relu_layer");
 * let said = "";
 * try {
 *   findKata(manifest, "relu_layr");
 * } catch (e) {
 *   said = (e as Error).message;
 * }
 * console.assert(said === 'no kata "relu_layr"; did you mean "relu_layer"?');
 * ```
 */
export function findKata(manifest: Manifest, ref: string): KataEntry {
  const { katas } = manifest;
  if (/^\d+$/.test(ref)) {
    const kata = katas[Number(ref) - 1];
    if (kata) return kata;
    throw new UsageError(
      `no kata number ${ref}: the katas are numbered 1 to ${katas.length}`,
    );
  }
  const name =
    ref.replace(/\\/g, "/").replace(/^(\.\/)?(katas|solutions)\//, "")
      .split("/")[0];
  const kata = katas.find((k) => k.name === name);
  if (kata) return kata;
  const near = didYouMean(name, katas.map((k) => k.name));
  throw new UsageError(
    near
      ? `no kata "${ref}"${near}`
      : `no kata "${ref}": give its number (1 to ${katas.length}) or its name, as \`list\` shows`,
  );
}
