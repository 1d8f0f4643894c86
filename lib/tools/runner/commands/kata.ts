/**
 * `kata <name or number>`: checks one kata, in any order, so a learner stuck
 * on kata 5 can work on kata 9. With `--use-solutions` the earlier katas it
 * imports come from `solutions/` (through an import map; the learner's own
 * files stay as they are on disk), and the learner is taken to have started
 * at this kata, as with `start --from`: `start`, `list` and `progress` walk on
 * from it, and with `--watch` the runner moves on when it passes.
 *
 * @module
 */

import type { KataEntry } from "../../manifest.ts";
import type { Options } from "../cli/args.ts";
import { checkOne } from "../checking/check_one.ts";
import { watch } from "../checking/watch.ts";
import { findKata } from "../state/find_kata.ts";
import type { Context } from "../state/context.ts";
import { loadProgress } from "../state/progress.ts";
import { chooseStart } from "../state/start_at.ts";
import { oneKataScreen, rebuildNote } from "../screen/screens.ts";
import { wrap } from "../screen/style.ts";

/**
 * `kata <ref> [--use-solutions]` once: prints the screen and returns 0 when
 * the kata passes, 1 otherwise.
 *
 * @example
 * ```ts ignore
 * import { kataOnce } from "./kata.ts";
 * Deno.exit(await kataOnce(ctx, kata, true));
 * ```
 */
export async function kataOnce(
  ctx: Context,
  kata: KataEntry,
  useSolutions: boolean,
): Promise<number> {
  const note = rebuildNote(await loadProgress(ctx.root, ctx.now()));
  if (useSolutions) await chooseStart(ctx, kata.name);
  const { verdict, progress } = await checkOne(ctx, kata, { useSolutions });
  if (note) ctx.out(ctx.style.dim(wrap(note, ctx.style.width)) + "\n");
  if (useSolutions && verdict.usedSolutions.length === 0) {
    ctx.out(ctx.style.dim(
      `(Kata ${verdict.number} imports no earlier kata: --use-solutions changes nothing.)\n`,
    ));
  }
  ctx.out(await oneKataScreen(ctx, verdict, progress, false));
  return verdict.status === "solved" ? 0 : 1;
}

/**
 * `kata <ref>`: checks once, or with `--watch` keeps checking on every save;
 * returns the exit code.
 *
 * @example
 * ```ts ignore
 * import { kataCommand } from "./kata.ts";
 * Deno.exit(await kataCommand(ctx, { ...options, kata: "relu_layer" }));
 * ```
 */
export async function kataCommand(
  ctx: Context,
  options: Options,
): Promise<number> {
  const kata = findKata(ctx.manifest, options.kata!);
  const { useSolutions } = options;
  if (!options.watch || options.once) {
    return await kataOnce(ctx, kata, useSolutions);
  }
  return await watch(
    ctx,
    useSolutions
      ? { kind: "start", fromRef: kata.name }
      : { kind: "kata", kata, useSolutions },
    options,
  );
}
