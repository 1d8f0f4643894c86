/**
 * The next level of hint for a kata, from its `HINTS.md`: shown by `hint`
 * and by the `h` key in watch mode. Each level shown is recorded in the
 * progress file, so the next one goes one level further.
 *
 * @module
 */

import type { KataEntry } from "../../manifest.ts";
import { hintsPath, readHints } from "../../hints.ts";
import type { Context } from "../state/context.ts";
import { kataProgress, updateProgress } from "../state/progress.ts";
import { kataTitle, TASK } from "./report.ts";
import { wrap, wrapMarkdown } from "./style.ts";

/**
 * Shows the next hint for `kata`, records it, and returns the exit code.
 * After the last level it shows the last one again and says so.
 *
 * @example
 * ```ts ignore
 * import { showNextHint } from "./hint_screen.ts";
 * await showNextHint(ctx, ctx.manifest.katas[5]);
 * ```
 */
export async function showNextHint(
  ctx: Context,
  kata: KataEntry,
): Promise<number> {
  const { style } = ctx;
  const hints = await readHints(ctx.root, kata.name);
  if (hints.length === 0) {
    ctx.out(
      `${
        hintsPath(kata.name)
      } is not in your copy, or has no "## Hint 1: ..." level.`,
    );
    return 1;
  }
  let level = 0;
  let shownBefore = 0;
  await updateProgress(ctx.root, ctx.now(), (p) => {
    const k = kataProgress(p, kata.name);
    shownBefore = k.hintsShown;
    level = Math.min(k.hintsShown + 1, hints.length);
    k.hintsShown = Math.max(k.hintsShown, level);
  });
  const hint = hints[level - 1];
  const number = ctx.manifest.katas.indexOf(kata) + 1;
  ctx.out(style.dim(kataTitle(kata, number, ctx.manifest.katas.length)));
  ctx.out(
    style.yellow(style.bold(`Hint ${level} of ${hints.length}: `)) +
      style.bold(hint.title),
  );
  ctx.out("");
  ctx.out(wrapMarkdown(hint.body, style.width));
  ctx.out("");
  ctx.out(style.dim(wrap(
    level < hints.length
      ? `Run \`${TASK} hint ${kata.name}\` again for hint ${level + 1}.`
      : `${
        shownBefore >= hints.length ? "That is still" : "That was"
      } the last hint. ` +
        `The worked answer: \`${TASK} solution ${kata.name}\` once your kata ` +
        `passes, or with --force before.`,
    style.width,
  )));
  return 0;
}
