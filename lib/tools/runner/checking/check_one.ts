/**
 * Checks one kata and records its verdict: for `kata`, `solution` and watch
 * mode.
 *
 * @module
 */

import type { KataEntry } from "../../manifest.ts";
import type { Context } from "../state/context.ts";
import {
  type Progress,
  recordVerdict,
  updateProgress,
} from "../state/progress.ts";
import type { LspChecker } from "./lsp_check.ts";
import { checkKata, type Verdict } from "./verdict.ts";
import { checkingText, whileChecking } from "../screen/checking_line.ts";

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
 * import { checkOne } from "./check_one.ts";
 * const { verdict } = await checkOne(ctx, kata, { useSolutions: false });
 * ```
 */
export async function checkOne(
  ctx: Context,
  kata: KataEntry,
  options: OneKataOptions,
): Promise<{ verdict: Verdict; progress: Progress }> {
  const verdict = await whileChecking(
    ctx.status,
    checkingText(ctx, kata),
    () =>
      checkKata(kata, {
        root: ctx.root,
        manifest: ctx.manifest,
        timeoutMs: ctx.timeoutMs,
        ...options,
      }),
  );
  const now = ctx.now();
  const { progress } = await updateProgress(
    ctx.root,
    now,
    (p) => recordVerdict(p, verdict, now),
  );
  return { verdict, progress };
}
