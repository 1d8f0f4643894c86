/**
 * `solution <kata> [--force]`: the worked answer, `solutions/<kata>/<file>`,
 * shown only once the learner's kata passes (with the earlier katas it
 * imports taken from `solutions/` if the learner's own do not pass yet), or
 * with `--force`.
 *
 * @module
 */

import type { KataEntry } from "../../manifest.ts";
import type { Context } from "../state/context.ts";
import { notYetSolved } from "../checking/solved_gate.ts";
import { inRoot, kataPaths } from "../state/paths.ts";
import { kataProgress, updateProgress } from "../state/progress.ts";
import { kataTitle, TASK } from "../screen/report.ts";
import { wrap } from "../screen/style.ts";

/**
 * Shows the worked answer, or says why not; returns the exit code.
 *
 * @example
 * ```ts ignore
 * import { solutionCommand } from "./solution.ts";
 * Deno.exit(await solutionCommand(ctx, kata, false));
 * ```
 */
export async function solutionCommand(
  ctx: Context,
  kata: KataEntry,
  force: boolean,
): Promise<number> {
  const { style } = ctx;
  const paths = kataPaths(kata);
  const number = ctx.manifest.katas.indexOf(kata) + 1;
  const title = kataTitle(kata, number, ctx.manifest.katas.length);
  let text: string;
  try {
    text = await Deno.readTextFile(inRoot(ctx.root, paths.solution));
  } catch {
    ctx.out(
      `${paths.solution} is not in your copy, so there is no worked answer to show.`,
    );
    return 1;
  }
  const how = force ? undefined : await notYetSolved(ctx, kata);
  if (how) {
    ctx.out(wrap(
      `The worked answer to kata ${number} (${kata.title}) is shown once ` +
        `your kata passes, and it does not yet: ${how}. ` +
        `\`${TASK} hint ${kata.name}\` gives a hint; add --force to see ` +
        `the answer anyway.`,
      style.width,
    ));
    return 1;
  }
  const now = ctx.now();
  await updateProgress(ctx.root, now, (p) => {
    kataProgress(p, kata.name).solutionShownAt = now.toISOString();
  });
  ctx.out(style.bold(`The worked answer to ${title}`));
  ctx.out(style.dim(paths.solution));
  ctx.out("");
  ctx.out(text.trimEnd());
  return 0;
}
