/**
 * "Did you mean ...?": the known name nearest to a mistyped one.
 *
 * @module
 */

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length];
}

/**
 * The name in `names` closest to `typed` (case ignored): one that starts with
 * or contains it, else the one fewest edits away, if that is at most a third
 * of its length (and at least 2); none when nothing is close.
 *
 * @example
 * ```ts
 * import { closestName } from "./closest.ts";
 * const katas = ["relu_layer", "sigmoid_layer", "affine_layer"];
 * console.assert(closestName("relu_layr", katas) === "relu_layer");
 * console.assert(closestName("sigmoid", katas) === "sigmoid_layer");
 * console.assert(closestName("tensorflow", katas) === undefined);
 * ```
 */
export function closestName(
  typed: string,
  names: readonly string[],
): string | undefined {
  const word = typed.toLowerCase();
  if (word === "") return undefined;
  const containing = names.filter((n) => n.toLowerCase().includes(word));
  if (containing.length) {
    return containing.find((n) => n.toLowerCase().startsWith(word)) ??
      containing[0];
  }
  let best: { name: string; edits: number } | undefined;
  for (const name of names) {
    const edits = distance(word, name.toLowerCase());
    if (!best || edits < best.edits) best = { name, edits };
  }
  return best && best.edits <= Math.max(2, Math.floor(best.name.length / 3))
    ? best.name
    : undefined;
}

/**
 * `; did you mean "<closest>"?` for a mistyped name, or nothing.
 *
 * @example
 * ```ts
 * import { didYouMean } from "./closest.ts";
 * console.assert(didYouMean("stale_msk", ["stale_mask"]) === '; did you mean "stale_mask"?');
 * console.assert(didYouMean("zzz", ["stale_mask"]) === "");
 * ```
 */
export function didYouMean(typed: string, names: readonly string[]): string {
  const near = closestName(typed, names);
  return near ? `; did you mean "${near}"?` : "";
}
