/**
 * Unified-diff hunks: parsing them and applying them exactly, the little of
 * `diff -u` the classic-mistakes pages need. Written here rather than taken
 * from an npm package so that the project's lockfile holds no package at
 * all: `deno task` downloads every package of that lockfile before it runs
 * any task, and a learner offline with an empty cache would see Deno's error
 * instead of the runner.
 *
 * @module
 */

/** One hunk: `@@ -oldStart,oldLines +newStart,newLines @@` and its lines. */
export interface Hunk {
  /** The first line it replaces, counting from 1 (as its header says). */
  oldStart: number;
  /** How many lines of the old text it covers (context and removed). */
  oldLines: number;
  /** The first line of the new text, counting from 1. */
  newStart: number;
  /** How many lines of the new text it covers (context and added). */
  newLines: number;
  /** Its lines, each with its mark: `" "` context, `"-"` removed, `"+"` added. */
  lines: string[];
}

/** A diff against one file: its hunks, in order. */
export interface Patch {
  /** The hunks, each after the one before. */
  hunks: Hunk[];
}

/** A diff that is not a sequence of well-formed hunks. */
export class DiffSyntaxError extends Error {
  /** The error, `message` saying what is wrong and at which line. */
  constructor(message: string) {
    super(message);
    this.name = "DiffSyntaxError";
  }
}

const HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses the hunks of a unified diff against one file. Text before the
 * first hunk header is not a hunk and is left out (a diff of nothing but
 * such text has no hunks); within a hunk an empty line is an empty context
 * line (editors strip the space), and every other line must start with
 * `" "`, `"-"` or `"+"` until the header's line counts are met. Throws a
 * {@link DiffSyntaxError} naming the line otherwise.
 *
 * @example
 * ```ts
 * import { parsePatch } from "./unified_diff.ts";
 * const { hunks } = parsePatch("@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
 * console.assert(hunks.length === 1 && hunks[0].lines.join() === " a,-b,+c");
 * ```
 */
export function parsePatch(diff: string): Patch {
  const rows = diff.split("\n");
  if (rows.at(-1) === "") rows.pop();
  const hunks: Hunk[] = [];
  let i = rows.findIndex((row) => row.startsWith("@@"));
  if (i < 0) return { hunks };
  while (i < rows.length) {
    const header = rows[i].match(HEADER);
    if (!header) {
      throw new DiffSyntaxError(
        `line ${i + 1} is outside any hunk: ${JSON.stringify(rows[i])}`,
      );
    }
    const count = (text: string | undefined) =>
      text === undefined ? 1 : Number(text);
    const hunk: Hunk = {
      oldStart: Number(header[1]),
      oldLines: count(header[2]),
      newStart: Number(header[3]),
      newLines: count(header[4]),
      lines: [],
    };
    const at = i + 1;
    let old = 0;
    let added = 0;
    for (i++; old < hunk.oldLines || added < hunk.newLines; i++) {
      if (i >= rows.length || rows[i].startsWith("@@")) {
        throw new DiffSyntaxError(
          `the hunk at line ${at} has ${old} old and ${added} new line(s), ` +
            `its header says ${hunk.oldLines} and ${hunk.newLines}`,
        );
      }
      const row = rows[i] === "" ? " " : rows[i];
      const mark = row[0];
      if (mark !== " " && mark !== "-" && mark !== "+") {
        throw new DiffSyntaxError(
          `line ${i + 1} of the hunk at line ${at} starts with neither ` +
            `" ", "-" nor "+": ${JSON.stringify(rows[i])}`,
        );
      }
      if (mark !== "+") old++;
      if (mark !== "-") added++;
      hunk.lines.push(row);
    }
    if (old !== hunk.oldLines || added !== hunk.newLines) {
      throw new DiffSyntaxError(
        `the hunk at line ${at} has ${old} old and ${added} new line(s), ` +
          `its header says ${hunk.oldLines} and ${hunk.newLines}`,
      );
    }
    hunks.push(hunk);
  }
  return { hunks };
}

/**
 * Applies `patch` to `source` exactly: each hunk's context and removed lines
 * must be in the text as they are (no fuzz), though a hunk may sit at
 * another line than its header says (the text above it moved); of several
 * places, the nearest to that line. Hunks apply in order, none before the
 * end of the one before. Returns the new text, or `undefined` when a hunk
 * matches nowhere.
 *
 * @example
 * ```ts
 * import { applyPatch, parsePatch } from "./unified_diff.ts";
 * const patch = parsePatch("@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
 * console.assert(applyPatch("new first line\na\nb\n", patch) === "new first line\na\nc\n");
 * console.assert(applyPatch("a\nd\n", patch) === undefined);
 * ```
 */
export function applyPatch(source: string, patch: Patch): string | undefined {
  const lines = source.split("\n");
  const endsWithNewline = lines.at(-1) === "";
  if (endsWithNewline) lines.pop();
  const out: string[] = [];
  let done = 0;
  for (const hunk of patch.hunks) {
    const old = hunk.lines.filter((l) => l[0] !== "+").map((l) => l.slice(1));
    const matches = (at: number) =>
      old.every((line, k) => lines[at + k] === line);
    // A hunk that only adds lines comes after line oldStart, not at it.
    const wanted = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    const last = lines.length - old.length;
    let at: number | undefined;
    for (let offset = 0; at === undefined; offset++) {
      const below = wanted + offset;
      const above = wanted - offset;
      if (below > last && above < done) return undefined;
      if (below >= done && below <= last && matches(below)) at = below;
      else if (above >= done && above <= last && matches(above)) at = above;
    }
    out.push(...lines.slice(done, at));
    for (const line of hunk.lines) {
      if (line[0] !== "-") out.push(line.slice(1));
    }
    done = at + old.length;
  }
  out.push(...lines.slice(done));
  return out.join("\n") + (endsWithNewline ? "\n" : "");
}
