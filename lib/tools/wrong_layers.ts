/**
 * Writing a bug hunt's wrong layers into a scratch folder: each section of
 * `solutions/<hunt>/WRONG_LAYERS.md` applied to the hunted kata's worked
 * answer. Apart from `hunt.ts` because it needs the diff library (an npm
 * package), which the runner loads only when a hunt is checked.
 *
 * @module
 */

import { join } from "node:path";
import type { HuntEntry, Manifest } from "./manifest.ts";
import { correctLayer, targetOf, type WrongLayer } from "./hunt.ts";
import { applyMistakes, readMistakes, WRONG_LAYERS } from "./mistakes.ts";

/**
 * Applies each wrong layer of `hunt` to the hunted kata's worked answer and
 * writes it as `<scratch>/<target>/<name>.wrong.ts` (beside where the
 * learner file's scratch twin would be, so its relative imports resolve as
 * the worked answer's do). Throws a `MistakeError` for a malformed page or a
 * diff that no longer applies; none when the page is missing.
 *
 * @example
 * ```ts ignore
 * import { writeWrongLayers } from "./wrong_layers.ts";
 * const layers = await writeWrongLayers(".", manifest, hunt, ".selfcheck-1");
 * ```
 */
export async function writeWrongLayers(
  root: string,
  manifest: Manifest,
  hunt: HuntEntry,
  scratch: string,
): Promise<WrongLayer[]> {
  const target = targetOf(manifest, hunt);
  const wrongs = await readMistakes(root, hunt, WRONG_LAYERS);
  if (wrongs.length === 0) return [];
  const answer = await Deno.readTextFile(join(root, correctLayer(target)));
  await Deno.mkdir(join(root, scratch, target.name), { recursive: true });
  // One diff process for the whole page.
  const texts = await applyMistakes(hunt.name, answer, wrongs);
  const layers: WrongLayer[] = [];
  for (const [i, wrong] of wrongs.entries()) {
    const path = `${scratch}/${target.name}/${wrong.name}.wrong.ts`;
    await Deno.writeTextFile(join(root, path), texts[i]);
    layers.push({ name: wrong.name, title: wrong.title, path });
  }
  return layers;
}
