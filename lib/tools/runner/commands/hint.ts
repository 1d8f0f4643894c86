/**
 * `hint [kata]`: the next level of hint for the current kata (or the one
 * named).
 *
 * @module
 */

import { recordPass, runPass } from "../checking/pass.ts";
import type { Context } from "../state/context.ts";
import { findKata } from "../state/find_kata.ts";
import { loadProgress } from "../state/progress.ts";
import { showNextHint } from "../screen/hint_screen.ts";
import { TASK } from "../screen/report.ts";
import { rebuildNote } from "../screen/screens.ts";
import { wrap } from "../screen/style.ts";

/**
 * `hint [kata]`: the next hint for the kata named, or else for the current
 * kata (the progress file's, or found by checking the katas in order).
 *
 * @example
 * ```ts ignore
 * import { hintCommand } from "./hint.ts";
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
