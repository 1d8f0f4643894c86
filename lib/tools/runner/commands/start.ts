/**
 * `start`: walk through the katas in manifest order, show the first that does
 * not pass (or the closing message when every kata passes), and in a terminal
 * keep watching the learner's files.
 *
 * @module
 */

import type { Options } from "../cli/args.ts";
import { LazyLsp } from "../checking/lsp_check.ts";
import { recordPass, runPass } from "../checking/pass.ts";
import { watch } from "../checking/watch.ts";
import type { Context } from "../state/context.ts";
import { loadProgress } from "../state/progress.ts";
import { chooseStart, fromNote } from "../state/start_at.ts";
import { passScreen, rebuildNote } from "../screen/screens.ts";
import { wrap } from "../screen/style.ts";

/**
 * `start --once`: one walk, its screen, and exit code 0 when every kata
 * passes, 1 otherwise.
 *
 * @example
 * ```ts ignore
 * import { startOnce } from "./start.ts";
 * Deno.exit(await startOnce(ctx, "11"));
 * ```
 */
export async function startOnce(
  ctx: Context,
  fromRef?: string,
): Promise<number> {
  const note = rebuildNote(await loadProgress(ctx.root, ctx.now()));
  const from = await chooseStart(ctx, fromRef);
  const lsp = new LazyLsp(ctx.root);
  const pass = await runPass(ctx, { lsp, from, solutionsBefore: from })
    .finally(() => lsp.close());
  const progress = await recordPass(ctx, pass);
  for (const text of [note, fromNote(from)]) {
    if (text) ctx.out(ctx.style.dim(wrap(text, ctx.style.width)) + "\n");
  }
  ctx.out(await passScreen(ctx, pass, progress, false));
  return pass.current ? 1 : 0;
}

/**
 * `start`: watches in a terminal (or with `--watch`), checks once otherwise
 * (or with `--once`); returns the exit code.
 *
 * @example
 * ```ts ignore
 * import { startCommand } from "./start.ts";
 * Deno.exit(await startCommand(ctx, options));
 * ```
 */
export async function startCommand(
  ctx: Context,
  options: Options,
): Promise<number> {
  const watching = !options.once &&
    (options.watch || (ctx.interactive && ctx.style.terminal));
  return watching
    ? await watch(ctx, { kind: "start", fromRef: options.from }, options)
    : await startOnce(ctx, options.from);
}
