/**
 * `kata <name or number>`: checks one kata, in any order, so a learner stuck
 * on kata 5 can work on kata 9. With `--use-solutions` the earlier katas it
 * imports come from `solutions/` (through an import map; the learner's own
 * files stay as they are on disk).
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
  return options.watch && !options.once
    ? await watch(ctx, { kind: "kata", kata, useSolutions }, options)
    : await kataOnce(ctx, kata, useSolutions);
}
