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
import { loadProgress, updateProgress } from "../state/progress.ts";
import { HostLink } from "../state/host_link.ts";
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
 * Deno.exit(await startOnce(ctx, "11", undefined));
 * ```
 */
export async function startOnce(
  ctx: Context,
  fromRef?: string,
  host?: HostLink,
): Promise<number> {
  const note = rebuildNote(await loadProgress(ctx.root, ctx.now()));
  const from = await chooseStart(ctx, fromRef);
  const lsp = new LazyLsp(ctx.root);
  const pass = await runPass(ctx, { lsp, from, solutionsBefore: from })
    .finally(() => lsp.close());
  const progress = await recordPass(ctx, pass);
  host?.report(progress);
  for (const text of [note, fromNote(from)]) {
    if (text) ctx.out(ctx.style.dim(wrap(text, ctx.style.width)) + "\n");
  }
  ctx.out(await passScreen(ctx, pass, progress, false));
  await host?.close();
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
  const host = await joinHost(ctx, options);
  return watching
    ? await watch(ctx, { kind: "start", fromRef: options.from }, {
      ...options,
      host,
    })
    : await startOnce(ctx, options.from, host);
}

/**
 * Remembers `--name`, and with `--join` opens the line to the host (with
 * the name given now or remembered).
 */
async function joinHost(
  ctx: Context,
  options: Options,
): Promise<HostLink | undefined> {
  let name = options.name;
  if (name !== undefined) {
    await updateProgress(ctx.root, ctx.now(), (p) => {
      p.learner = name;
    });
  } else if (options.join !== undefined) {
    name = (await loadProgress(ctx.root, ctx.now())).progress.learner;
  }
  if (options.join === undefined) return undefined;
  return HostLink.open({
    address: options.join,
    code: options.code,
    name,
    manifest: ctx.manifest,
    now: ctx.now,
  });
}
