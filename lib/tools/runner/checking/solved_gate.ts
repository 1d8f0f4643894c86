/**
 * Whether a learner has earned a look at the answers of a kata (its worked
 * answer, its classic mistakes): their kata passes, with the earlier katas it
 * imports taken from `solutions/` if their own do not pass yet.
 *
 * @module
 */

import type { KataEntry } from "../../manifest.ts";
import type { Context } from "../state/context.ts";
import { checkOne } from "./check_one.ts";

/**
 * Checks `kata` (and records the verdict); returns undefined when it passes,
 * else why not, as a clause: "3 of 11 tests pass".
 *
 * @example
 * ```ts ignore
 * import { notYetSolved } from "./solved_gate.ts";
 * const why = await notYetSolved(ctx, kata);
 * if (why) console.log(`not yet: ${why}`);
 * ```
 */
export async function notYetSolved(
  ctx: Context,
  kata: KataEntry,
): Promise<string | undefined> {
  let { verdict } = await checkOne(ctx, kata, { useSolutions: false });
  if (verdict.status !== "solved" && kata.uses.length) {
    ({ verdict } = await checkOne(ctx, kata, { useSolutions: true }));
  }
  if (verdict.status === "solved") return undefined;
  return verdict.status === "missing"
    ? "it is not in your copy"
    : verdict.editedSpec
    ? "its spec is not the one shipped"
    : verdict.hunt && verdict.status === "not started"
    ? "your spec has no tests yet"
    : verdict.hunt && !verdict.hunt.specWrong && !verdict.problems.length
    ? `your spec catches ${verdict.hunt.caught.length} of ${verdict.hunt.total} wrong layers`
    : verdict.totalTests
    ? `${verdict.passedTests} of ${verdict.totalTests} tests pass`
    : "its spec does not run yet";
}
