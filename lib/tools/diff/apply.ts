/**
 * Applies the classic mistakes' unified-diff hunks with the diff library
 * (npm:diff), exactly: no fuzz, a hunk may only sit at another line than its
 * header says. It runs in a process of its own, under the config of this
 * folder, so that the package stays out of the project's lockfile (which
 * `deno task` fetches whole before any task) and a missing package fails
 * here, where lib/tools/mistakes.ts can say so in one sentence.
 *
 * As a program it reads a JSON array of {@link DiffJob} on stdin and writes
 * the JSON array of their {@link DiffResult} on stdout; it needs no
 * permission:
 *
 *     deno run --no-prompt --config lib/tools/diff/deno.json lib/tools/diff/apply.ts
 *
 * @module
 */

import { applyPatch, parsePatch, type StructuredPatch } from "diff";

/** A text and the diff to apply to it. */
export interface DiffJob {
  /** The text the diff is against. */
  source: string;
  /** Unified-diff hunks against one file, and only hunks. */
  diff: string;
}

/** A hunk as the caller needs it to say where it failed to match. */
export interface HunkLines {
  /** The first line it replaces, 1-based, as its header says. */
  oldStart: number;
  /** How many lines it replaces, as its header says. */
  oldLines: number;
  /** Its lines, each with its mark: " " context, "-" removed, "+" added. */
  lines: string[];
}

/**
 * What became of one job: the text with the diff applied, why the diff is
 * not a diff, or (when some line did not match) its hunks.
 */
export type DiffResult =
  | { applied: string }
  | { malformed: string }
  | { mismatch: HunkLines[] };

/**
 * Parses and applies each job's diff with the library, no fuzz allowed.
 *
 * @example
 * ```ts
 * import { applyDiffs } from "./apply.ts";
 * const [ok, bad, broken, misordered] = applyDiffs([
 *   { source: "a\nb\n", diff: "@@ -2,1 +2,1 @@\n-b\n+B\n" },
 *   { source: "a\nc\n", diff: "@@ -2,1 +2,1 @@\n-b\n+B\n" },
 *   { source: "a\n", diff: "-a\n+A\n" },
 *   { source: "a\nb\n", diff: "@@ -2,1 +2,1 @@\n-b\n+B\n@@ -1,1 +1,1 @@\n-a\n+A\n" },
 * ]);
 * console.assert("applied" in ok && ok.applied === "a\nB\n");
 * console.assert("mismatch" in bad && bad.mismatch[0].oldStart === 2);
 * console.assert("malformed" in broken);
 * console.assert("malformed" in misordered);
 * ```
 */
export function applyDiffs(jobs: DiffJob[]): DiffResult[] {
  return jobs.map(({ source, diff }) => {
    let patches: StructuredPatch[];
    try {
      patches = parsePatch(diff);
    } catch (e) {
      return { malformed: (e as Error).message };
    }
    if (patches.length !== 1 || patches[0].hunks.length === 0) {
      return {
        malformed:
          `it needs unified-diff hunks ("@@ -l,n +l,n @@") against one file, and only hunks`,
      };
    }
    const [patch] = patches;
    const overlap = patch.hunks.findIndex((hunk, i) =>
      i > 0 &&
      hunk.oldStart < patch.hunks[i - 1].oldStart + patch.hunks[i - 1].oldLines
    );
    // The library tries each hunk first where its header says, even inside
    // the hunk before it, so such a diff would apply twice over one line.
    if (overlap > 0) {
      return {
        malformed: `hunk ${overlap + 1} begins before hunk ${overlap} ends ` +
          `(old line ${patch.hunks[overlap].oldStart}): hunks must be in ` +
          `order and must not overlap`,
      };
    }
    const applied = applyPatch(source, patch, { fuzzFactor: 0 });
    if (applied !== false) return { applied };
    return {
      mismatch: patch.hunks.map(({ oldStart, oldLines, lines }) => ({
        oldStart,
        oldLines,
        lines,
      })),
    };
  });
}

/** The jobs in `input`, or an error naming what is wrong with it. */
function readJobs(input: string): DiffJob[] {
  const jobs: unknown = JSON.parse(input);
  if (!Array.isArray(jobs)) {
    throw new TypeError("apply.ts: stdin must hold a JSON array of jobs");
  }
  jobs.forEach((job, i) => {
    if (typeof job?.source !== "string" || typeof job?.diff !== "string") {
      throw new TypeError(
        `apply.ts: job ${i} must be {"source": string, "diff": string}`,
      );
    }
  });
  return jobs;
}

if (import.meta.main) {
  const input = await new Response(Deno.stdin.readable).text();
  let jobs: DiffJob[];
  try {
    jobs = readJobs(input);
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(2);
  }
  console.log(JSON.stringify(applyDiffs(jobs)));
}
