/**
 * The walk through the katas in manifest order that `start` makes: check each
 * kata until the first that does not pass (skipping katas not in the copy),
 * record what was found, and show that kata, or the closing message when
 * every kata passes.
 *
 * @module
 */

import type { Context } from "./context.ts";
import { readHints } from "./read_hints.ts";
import { LazyLsp } from "./lsp_check.ts";
import { kataPaths } from "./paths.ts";
import {
  type LoadedProgress,
  loadProgress,
  type Progress,
  PROGRESS_FILE,
  recordVerdict,
  updateProgress,
} from "./progress.ts";
import { closingMessage, kataScreen } from "./report.ts";
import { wrap } from "./style.ts";
import { checkKata, type Verdict } from "./verdict.ts";

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
}

/**
 * Checks katas in order from `from` until one does not pass.
 *
 * @example
 * ```ts ignore
 * import { runPass } from "./start.ts";
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
    const verdict = await checkKata(kata, {
      root: ctx.root,
      manifest: ctx.manifest,
      timeoutMs: ctx.timeoutMs,
      lsp: options.lsp?.current,
      signal: options.signal,
    });
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
 * import { recordPass, runPass } from "./start.ts";
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

/**
 * What to tell the learner about a progress file that had to be rebuilt.
 *
 * @example
 * ```ts
 * import { rebuildNote } from "./start.ts";
 * console.assert(rebuildNote({ progress: {} as never }) === undefined);
 * console.assert(rebuildNote({ progress: {} as never, problem: "missing" })!.includes("test results"));
 * ```
 */
export function rebuildNote(loaded: LoadedProgress): string | undefined {
  if (loaded.problem === "missing") {
    return `No progress file yet: started ${PROGRESS_FILE} from the test results.`;
  }
  if (loaded.problem === "corrupt") {
    return `${PROGRESS_FILE} could not be read (${loaded.reason}), so it was ` +
      `rebuilt from the test results; the old file is kept as ${loaded.keptAs}.`;
  }
  return undefined;
}

/**
 * The screen for the outcome of a walk: the current kata's, or the closing
 * message.
 *
 * @example
 * ```ts ignore
 * import { passScreen } from "./start.ts";
 * ctx.out(await passScreen(ctx, pass, progress, false));
 * ```
 */
export async function passScreen(
  ctx: Context,
  pass: Pass,
  progress: Progress,
  watching: boolean,
): Promise<string> {
  const missing = ctx.manifest.katas.filter((k) =>
    progress.katas[k.name]?.status === "missing"
  );
  if (!pass.current) {
    return closingMessage(ctx.manifest.katas.length, missing, ctx.style);
  }
  const kata = pass.current.kata;
  const hints = {
    shown: progress.katas[kata.name]?.hintsShown ?? 0,
    total: (await readHints(ctx.root, kata)).length,
  };
  let screen = kataScreen(
    ctx.manifest,
    pass.current,
    { progress, hints, watching },
    ctx.style,
  );
  const skipped = missing.filter((k) =>
    ctx.manifest.katas.indexOf(k) < pass.current!.number - 1
  );
  if (skipped.length) {
    screen += "\n" + ctx.style.dim(wrap(
      `(Skipped, not in your copy: ${skipped.map((k) => k.name).join(", ")}.)`,
      ctx.style.width,
    ));
  }
  return screen;
}

/**
 * `start --once`: one walk, its screen, and exit code 0 when every kata
 * passes, 1 otherwise.
 *
 * @example
 * ```ts ignore
 * import { startOnce } from "./start.ts";
 * Deno.exit(await startOnce(ctx));
 * ```
 */
export async function startOnce(ctx: Context): Promise<number> {
  const note = rebuildNote(await loadProgress(ctx.root, ctx.now()));
  const lsp = new LazyLsp(ctx.root);
  const pass = await runPass(ctx, { lsp }).finally(() => lsp.close());
  const progress = await recordPass(ctx, pass);
  if (note) ctx.out(ctx.style.dim(wrap(note, ctx.style.width)) + "\n");
  ctx.out(await passScreen(ctx, pass, progress, false));
  return pass.current ? 1 : 0;
}
