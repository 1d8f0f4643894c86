/**
 * `progress [--json]`: checks every kata, then prints how far the learner
 * is: katas solved, the current kata, hints used and when. With `--json` the
 * summary is machine-readable (for a workshop host to collect) and notes go
 * to stderr, so stdout stays valid JSON.
 *
 * @module
 */

import { checkAll } from "../checking/check_all.ts";
import type { Context } from "../state/context.ts";
import {
  PROGRESS_FILE,
  progressSummary,
  updateProgress,
} from "../state/progress.ts";
import { progressBar } from "../screen/report.ts";
import { rebuildNote } from "../screen/screens.ts";

/**
 * Prints the progress summary.
 *
 * @example
 * ```ts ignore
 * import { progressCommand } from "./progress.ts";
 * Deno.exit(await progressCommand(ctx, true, "Ada"));
 * ```
 */
export async function progressCommand(
  ctx: Context,
  json: boolean,
  name?: string,
): Promise<number> {
  const checked = await checkAll(ctx);
  const { before } = checked;
  const progress = name === undefined
    ? checked.progress
    : (await updateProgress(ctx.root, ctx.now(), (p) => {
      p.learner = name;
    })).progress;
  const note = rebuildNote(before);
  const summary = progressSummary(ctx.manifest, progress, ctx.now());
  if (json) {
    if (note) ctx.err(note);
    ctx.out(JSON.stringify(summary, null, 2));
    return 0;
  }
  if (note) ctx.out(ctx.style.dim(note) + "\n");
  const { style } = ctx;
  ctx.out(progressBar(ctx.manifest, progress, style));
  if (summary.learner) ctx.out(`Learner: ${summary.learner}`);
  ctx.out(
    summary.current
      ? `Current kata: ${summary.current.number}, ${summary.current.title}`
      : "Every kata in your copy passes.",
  );
  if (summary.current?.failingTest) {
    ctx.out(`Failing test: ${summary.current.failingTest}`);
  }
  const hunt = summary.katas.find((k) => k.name === summary.current?.name)
    ?.bugHunt;
  if (hunt) {
    ctx.out(`Wrong layers caught: ${hunt.caught} of ${hunt.total}`);
  }
  ctx.out(`Hints used: ${summary.hintsUsed}`);
  ctx.out(`Started ${summary.startedAt}; recorded in ${PROGRESS_FILE}.`);
  return 0;
}
