/**
 * Reading a kata's hint levels from its README.
 *
 * @module
 */

import { type Hint, hintLevels, type KataEntry } from "../../manifest.ts";
import { inRoot, kataPaths } from "./paths.ts";

/**
 * The hint levels in a kata's README; none when there is no README.
 *
 * @example
 * ```ts ignore
 * import { readHints } from "./hints.ts";
 * const hints = await readHints(".", kata);
 * ```
 */
export async function readHints(
  root: string,
  kata: KataEntry,
): Promise<Hint[]> {
  try {
    return hintLevels(
      await Deno.readTextFile(inRoot(root, kataPaths(kata).readme)),
    );
  } catch {
    return [];
  }
}
