/**
 * `hint [kata]`: the next level of hint for the current kata (or the one
 * named), from the `## Hints` section of its README. Each level shown is
 * recorded in the progress file, so the next `hint` goes one level further.
 *
 * @module
 */

import type { KataEntry } from "../manifest.ts";
import type { Context } from "./context.ts";
import { findKata } from "./find_kata.ts";
import { kataPaths } from "./paths.ts";
import { kataProgress, loadProgress, updateProgress } from "./progress.ts";
import { readHints } from "./read_hints.ts";
import { kataTitle, TASK } from "./report.ts";
import { rebuildNote, recordPass, runPass } from "./start.ts";
import { wrap } from "./style.ts";

/**
 * Shows the next hint for `kata`, records it, and returns the exit code.
 * After the last level it shows the last one again and says so.
 *
 * @example
 * ```ts ignore
 * import { showNextHint } from "./hints.ts";
 * await showNextHint(ctx, ctx.manifest.katas[5]);
 * ```
 */
export async function showNextHint(
  ctx: Context,
  kata: KataEntry,
): Promise<number> {
  const { style } = ctx;
  const paths = kataPaths(kata);
  const hints = await readHints(ctx.root, kata);
  if (hints.length === 0) {
    ctx.out(
      `${paths.readme} has no hints (no "## Hints" section with "### Hint" headings).`,
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
      style.bold(hint.title.replace(/^Hint \d+:?\s*/i, "")),
  );
  ctx.out("");
  ctx.out(wrap(hint.body, style.width));
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

/**
 * `hint [kata]`: the next hint for the kata named, or else for the current
 * kata (the progress file's, or found by checking the katas in order).
 *
 * @example
 * ```ts ignore
 * import { hintCommand } from "./hints.ts";
 * Deno.exit(await hintCommand(ctx, "relu_layer"));
 * ```
 */
export async function hintCommand(
  ctx: Context,
  ref: string | undefined,
): Promise<number> {
  const named = ref === undefined ? undefined : findKata(ctx.manifest, ref);
  // An unknown current kata, or a progress file to rebuild: check in order.
  const loaded = await loadProgress(ctx.root, ctx.now());
  let current = ctx.manifest.katas.find((k) =>
    k.name === loaded.progress.current
  );
  if (loaded.problem || (!current && !named)) {
    const pass = await runPass(ctx);
    await recordPass(ctx, pass);
    current = pass.current?.kata;
    const note = rebuildNote(loaded);
    if (note) ctx.out(ctx.style.dim(wrap(note, ctx.style.width)) + "\n");
  }
  if (named) return await showNextHint(ctx, named);
  if (!current) {
    ctx.out(
      `Every kata passes: name one for its hints, e.g. \`${TASK} hint 1\`.`,
    );
    return 0;
  }
  return await showNextHint(ctx, current);
}
