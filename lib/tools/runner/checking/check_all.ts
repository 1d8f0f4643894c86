/**
 * Checking every kata, a few at a time, and recording the results: what
 * `list` and `progress` show.
 *
 * @module
 */

import type { Context } from "../state/context.ts";
import { LazyLsp } from "./lsp_check.ts";
import { kataPaths } from "../state/paths.ts";
import {
  type LoadedProgress,
  loadProgress,
  type Progress,
  recordVerdict,
  updateProgress,
} from "../state/progress.ts";
import { checkKata, type Verdict } from "./verdict.ts";

/** Every kata's verdict, the progress record after them, and the old file's state. */
export interface AllChecked {
  /** One verdict per kata, in manifest order. */
  verdicts: Verdict[];
  /** The progress record with the verdicts in it. */
  progress: Progress;
  /** The progress file as it was found (for a rebuild note). */
  before: LoadedProgress;
}

/**
 * Checks every kata (`concurrency` at a time) and records the verdicts and
 * the current kata.
 *
 * @example
 * ```ts ignore
 * import { checkAll } from "./check_all.ts";
 * const { verdicts } = await checkAll(ctx);
 * ```
 */
export async function checkAll(
  ctx: Context,
  concurrency = Math.max(1, Math.min(4, navigator.hardwareConcurrency ?? 2)),
): Promise<AllChecked> {
  const before = await loadProgress(ctx.root, ctx.now());
  const { katas } = ctx.manifest;
  const verdicts: Verdict[] = new Array(katas.length);
  let next = 0;
  // One language server type-checks all the katas: far faster than a
  // `deno check` per kata on a fresh copy, where nothing is cached yet.
  const lazy = new LazyLsp(ctx.root);
  const first = katas[0] && kataPaths(katas[0]);
  const lsp = await lazy.start(first ? [first.file, first.spec] : []);
  const worker = async () => {
    while (next < katas.length) {
      const i = next++;
      verdicts[i] = await checkKata(katas[i], {
        root: ctx.root,
        manifest: ctx.manifest,
        timeoutMs: ctx.timeoutMs,
        lsp,
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await lazy.close();
  }
  const now = ctx.now();
  const { progress } = await updateProgress(ctx.root, now, (p) => {
    for (const v of verdicts) recordVerdict(p, v, now);
    p.current = verdicts.find((v) =>
      v.status !== "solved" && v.status !== "missing"
    )?.kata.name ?? null;
  });
  return { verdicts, progress, before };
}
