/**
 * The walk through the katas in manifest order that `start` (and `hint`, and
 * watch mode) makes: check each kata until the first that does not pass,
 * skipping katas not in the copy, and record what was found.
 *
 * @module
 */

import type { Context } from "../state/context.ts";
import { kataPaths } from "../state/paths.ts";
import {
  type Progress,
  recordVerdict,
  updateProgress,
} from "../state/progress.ts";
import type { LazyLsp } from "./lsp_check.ts";
import { checkKata, type Verdict } from "./verdict.ts";
import { checkingText, whileChecking } from "../screen/checking_line.ts";

/** A check slower than this starts the language server for the rest. */
const SLOW_CHECK_MS = 1_000;

/** What a walk found. */
export interface Pass {
  /** Every kata checked, in order. */
  checked: Verdict[];
  /** The first kata that does not pass; none when all from `from` on pass. */
  current?: Verdict;
}

/** Where a walk starts and how it checks. */
export interface PassOptions {
  /** The 0-based manifest index to start at (default 0). */
  from?: number;
  /**
   * The language server to type-check through once it is warm; it is
   * started in the background when a kata passes after a slow check (there
   * is more to check, and Deno's check cache does not help). Until then, and
   * without it, `deno check` type-checks each kata.
   */
  lsp?: LazyLsp;
  /** Abandon the walk. */
  signal?: AbortSignal;
  /**
   * Take the katas before this 0-based index from `solutions/` where a
   * kata imports them (the learner started there).
   */
  solutionsBefore?: number;
}

/**
 * Checks katas in order from `from` until one does not pass.
 *
 * @example
 * ```ts ignore
 * import { runPass } from "./pass.ts";
 * const { current } = await runPass(ctx);
 * console.log(current?.kata.name ?? "all pass");
 * ```
 */
export async function runPass(
  ctx: Context,
  options: PassOptions = {},
): Promise<Pass> {
  const checked: Verdict[] = [];
  for (const kata of ctx.manifest.katas.slice(options.from ?? 0)) {
    const started = performance.now();
    const verdict = await whileChecking(
      ctx.status,
      checkingText(ctx, kata),
      () =>
        checkKata(kata, {
          root: ctx.root,
          manifest: ctx.manifest,
          timeoutMs: ctx.timeoutMs,
          lsp: options.lsp?.current,
          signal: options.signal,
          solutionsBefore: options.solutionsBefore,
        }),
    );
    checked.push(verdict);
    if (verdict.status !== "solved" && verdict.status !== "missing") {
      return { checked, current: verdict };
    }
    // A slow check means Deno's check cache did not have this kata, and
    // likely not the next ones either: that is when the server pays off.
    const slow = performance.now() - started > SLOW_CHECK_MS;
    const next = ctx.manifest.katas[verdict.number];
    if (verdict.status === "solved" && slow && next) {
      const paths = kataPaths(next);
      options.lsp?.start([paths.file, paths.spec]);
    }
  }
  return { checked };
}

/**
 * Records a walk's verdicts and its current kata in the progress file and
 * returns the updated record.
 *
 * @example
 * ```ts ignore
 * import { recordPass, runPass } from "./pass.ts";
 * const progress = await recordPass(ctx, await runPass(ctx));
 * ```
 */
export async function recordPass(ctx: Context, pass: Pass): Promise<Progress> {
  const now = ctx.now();
  const { progress } = await updateProgress(ctx.root, now, (p) => {
    for (const v of pass.checked) recordVerdict(p, v, now);
    p.current = pass.current?.kata.name ?? null;
  });
  return progress;
}
