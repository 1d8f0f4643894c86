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
  fromIndex,
  type LoadedProgress,
  loadProgress,
  type Progress,
  recordVerdict,
  updateProgress,
} from "../state/progress.ts";
import { checkKata, recallVerdict, type Verdict } from "./verdict.ts";
import { ContentHasher } from "./verdict_cache.ts";

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
 * Checks every kata (`concurrency` at a time; a kata whose files have not
 * changed since its last check is not run again) and records the verdicts
 * and the current kata. Katas from the one the learner chose to start at
 * take the earlier ones from `solutions/`. This is collecting, not the
 * learner's work: it moves no kata's "started" or "last checked" unless its
 * file changed.
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
  const from = fromIndex(ctx.manifest, before.progress);
  const hasher = new ContentHasher(ctx.root);
  const optionsFor = (i: number) => ({
    root: ctx.root,
    manifest: ctx.manifest,
    timeoutMs: ctx.timeoutMs,
    solutionsBefore: i >= from ? from : 0,
    hasher,
  });
  const verdicts: (Verdict | undefined)[] = await Promise.all(
    katas.map((kata, i) => recallVerdict(kata, optionsFor(i))),
  );
  const toCheck = katas.flatMap((_, i) => verdicts[i] ? [] : [i]);
  let next = 0;
  // One language server type-checks all the katas: far faster than a
  // `deno check` per kata on a fresh copy, where nothing is cached yet.
  const lazy = new LazyLsp(ctx.root);
  const first = toCheck.length ? kataPaths(katas[toCheck[0]]) : undefined;
  const lsp = first ? await lazy.start([first.file, first.spec]) : undefined;
  const worker = async () => {
    while (next < toCheck.length) {
      const i = toCheck[next++];
      verdicts[i] = await checkKata(katas[i], { ...optionsFor(i), lsp });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await lazy.close();
  }
  const checked = verdicts as Verdict[];
  const now = ctx.now();
  const { progress } = await updateProgress(ctx.root, now, (p) => {
    for (const v of checked) recordVerdict(p, v, now, true);
    p.current = checked.slice(from).find((v) =>
      v.status !== "solved" && v.status !== "missing"
    )?.kata.name ?? null;
  });
  return { verdicts: checked, progress, before };
}
