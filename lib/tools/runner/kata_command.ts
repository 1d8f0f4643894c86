/**
 * `kata <name or number>`: checks one kata, in any order, so a learner stuck
 * on kata 5 can work on kata 9. With `--use-solutions` the earlier katas it
 * imports come from `solutions/` (through an import map; the learner's own
 * files stay as they are on disk).
 *
 * @module
 */

import type { KataEntry } from "../manifest.ts";
import type { Context } from "./context.ts";
import type { LspChecker } from "./lsp_check.ts";
import {
  loadProgress,
  type Progress,
  recordVerdict,
  updateProgress,
} from "./progress.ts";
import { readHints } from "./read_hints.ts";
import { kataScreen } from "./report.ts";
import { rebuildNote } from "./start.ts";
import { wrap } from "./style.ts";
import { checkKata, type Verdict } from "./verdict.ts";

/** How to check the one kata. */
export interface OneKataOptions {
  /** Take the katas it imports from `solutions/`. */
  useSolutions: boolean;
  /** Type-check through this language server. */
  lsp?: LspChecker;
  /** Abandon the check. */
  signal?: AbortSignal;
}

/**
 * Checks one kata and records the verdict.
 *
 * @example
 * ```ts ignore
 * import { checkOne } from "./kata_command.ts";
 * const { verdict } = await checkOne(ctx, kata, { useSolutions: false });
 * ```
 */
export async function checkOne(
  ctx: Context,
  kata: KataEntry,
  options: OneKataOptions,
): Promise<{ verdict: Verdict; progress: Progress }> {
  const verdict = await checkKata(kata, {
    root: ctx.root,
    manifest: ctx.manifest,
    timeoutMs: ctx.timeoutMs,
    ...options,
  });
  const now = ctx.now();
  const { progress } = await updateProgress(
    ctx.root,
    now,
    (p) => recordVerdict(p, verdict, now),
  );
  return { verdict, progress };
}

/**
 * The screen for one kata's verdict.
 *
 * @example
 * ```ts ignore
 * import { oneKataScreen } from "./kata_command.ts";
 * ctx.out(await oneKataScreen(ctx, verdict, progress, false));
 * ```
 */
export async function oneKataScreen(
  ctx: Context,
  verdict: Verdict,
  progress: Progress,
  watching: boolean,
): Promise<string> {
  const hints = {
    shown: progress.katas[verdict.kata.name]?.hintsShown ?? 0,
    total: (await readHints(ctx.root, verdict.kata)).length,
  };
  return kataScreen(
    ctx.manifest,
    verdict,
    { progress, hints, watching, nameInHint: true },
    ctx.style,
  );
}

/**
 * `kata <ref> [--use-solutions]` once: prints the screen and returns 0 when
 * the kata passes, 1 otherwise.
 *
 * @example
 * ```ts ignore
 * import { kataOnce } from "./kata_command.ts";
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
