/**
 * Where the browser tests find Chromium: `CHROMIUM_PATH`, else Debian's
 * usual paths. Shared by the dashboard's browser test and the reports'.
 *
 * @example
 * ```ts
 * import { CHROMIUM_CANDIDATES } from "./chromium.ts";
 * console.assert(CHROMIUM_CANDIDATES.includes("/usr/bin/chromium"));
 * ```
 *
 * @module
 */

/** The paths tried, in order. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  Deno.env.get("CHROMIUM_PATH"),
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
].filter((p): p is string => Boolean(p));

/**
 * The first of {@link CHROMIUM_CANDIDATES} that is a file, or undefined.
 *
 * @example
 * ```ts
 * import { findChromium } from "./chromium.ts";
 * const path = await findChromium();
 * console.assert(path === undefined || path.length > 0);
 * ```
 */
export async function findChromium(): Promise<string | undefined> {
  for (const path of CHROMIUM_CANDIDATES) {
    try {
      if ((await Deno.stat(path)).isFile) return path;
    } catch {
      // Not there: try the next one.
    }
  }
}
