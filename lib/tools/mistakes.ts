/**
 * A kata's classic mistakes, `solutions/<kata>/MISTAKES.md`: the one module
 * that knows that page's format.
 *
 * The page is a `# Classic mistakes: <title>` heading, a short paragraph, then
 * one `## <name>` section per mistake: a description, and a fenced `diff`
 * block of unified-diff hunks against the worked answer
 * `solutions/<kata>/<file>`. A mistake is stored as a diff, never as a copy,
 * so that it shows only what is wrong; a hunk that no longer applies (the
 * worked answer moved on) is an error, not a silent pass.
 *
 * A bug hunt's wrong layers, `solutions/<hunt>/WRONG_LAYERS.md`, have the
 * same format under a `# Wrong layers: <title>` heading, with hunks against
 * the hunted kata's worked answer; the first line of each description is the
 * title the runner shows while the learner's spec does not yet catch it.
 *
 * This module parses the page; the hunks are parsed and applied by the diff
 * library npm:diff, in a process of its own under the config of
 * `lib/tools/diff/` (see {@linkcode applyEach}), so that the package stays out
 * of the project's lockfile.
 *
 * @example
 * ```ts
 * import { applyMistake, parseMistakes } from "./mistakes.ts";
 * const fence = "`".repeat(3);
 * const page = [
 *   "# Classic mistakes: Doubling",
 *   "",
 *   "## adds_instead",
 *   "",
 *   "Adds 2 instead of doubling.",
 *   "",
 *   fence + "diff",
 *   "@@ -1,1 +1,1 @@",
 *   "-const twice = (x: number) => 2 * x;",
 *   "+const twice = (x: number) => 2 + x;",
 *   fence,
 * ].join("\n");
 * const [mistake] = parseMistakes("doubling", page);
 * const wrong = await applyMistake(
 *   "doubling",
 *   "const twice = (x: number) => 2 * x;\n",
 *   mistake,
 * );
 * console.assert(wrong === "const twice = (x: number) => 2 + x;\n");
 * ```
 *
 * @module
 */

import { join } from "node:path";
import type { KataEntry } from "./manifest.ts";
import { wrongLayersPath } from "./hunt.ts";
import { LearnerMessageError } from "../not_implemented.ts";
import { DIFF, PREPARE, runJsonProgram } from "./offline.ts";

/** One classic mistake of a kata. */
export interface Mistake {
  /** The section's name, snake_case, unique in its page. */
  name: string;
  /** What the mistake is and what a learner who makes it sees. */
  description: string;
  /**
   * The description's first line: for a wrong layer, the title shown while
   * it is not yet caught, which must not give the code away.
   */
  title: string;
  /**
   * The diff block as written in the page: unified-diff hunks that turn
   * the worked answer into the mistake, parsed only when applied.
   */
  diff: string;
}

/** A malformed page, or a mistake that does not apply; names the kata. */
export class MistakeError extends Error {
  /**
   * @param kata the kata whose page is at fault
   * @param detail what is wrong, naming the mistake when there is one
   */
  constructor(readonly kata: string, detail: string) {
    super(`${kata}: ${detail}`);
    this.name = "MistakeError";
  }
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Which page of a kata: its classic mistakes, or a bug hunt's wrong layers. */
export interface PageKind {
  /** The page's first line before its title, e.g. "# Classic mistakes: ". */
  heading: string;
  /** The page's path for a kata, relative to the root. */
  path: (kata: string) => string;
}

/** `solutions/<kata>/MISTAKES.md`: the classic mistakes of a kata. */
export const CLASSIC_MISTAKES: PageKind = {
  heading: "# Classic mistakes: ",
  path: (kata) => mistakesPath(kata),
};

/**
 * `solutions/<hunt>/WRONG_LAYERS.md`: the wrong versions of the layer a bug
 * hunt's spec must catch, as diffs against the hunted kata's worked answer.
 *
 * @example
 * ```ts
 * import { WRONG_LAYERS } from "./mistakes.ts";
 * console.assert(WRONG_LAYERS.path("relu_bug_hunt") === "solutions/relu_bug_hunt/WRONG_LAYERS.md");
 * ```
 */
export const WRONG_LAYERS: PageKind = {
  heading: "# Wrong layers: ",
  path: wrongLayersPath,
};

/**
 * The path of a kata's mistakes page, relative to the repository root.
 *
 * @example
 * ```ts
 * import { mistakesPath } from "./mistakes.ts";
 * console.assert(mistakesPath("relu_layer") === "solutions/relu_layer/MISTAKES.md");
 * ```
 */
export function mistakesPath(kata: string): string {
  return `solutions/${kata}/MISTAKES.md`;
}

/**
 * Parses a MISTAKES.md page (or, with `kind` {@link WRONG_LAYERS}, a
 * WRONG_LAYERS.md page) into its mistakes, in page order. Throws a
 * {@linkcode MistakeError} for a page without its title, a section without
 * exactly one `diff` block or without a description, a name that is not
 * snake_case, a duplicate name, or a page with no mistake at all. The diff
 * itself is checked when applied.
 *
 * @example
 * ```ts
 * import { MistakeError, parseMistakes } from "./mistakes.ts";
 * try {
 *   parseMistakes("k", "# Classic mistakes: K\n\n## Bad-Name\n\nWrong.\n");
 *   throw new Error("unreachable");
 * } catch (e) {
 *   console.assert(e instanceof MistakeError);
 *   console.assert((e as Error).message.includes('"Bad-Name" is not snake_case'));
 * }
 * ```
 */
export function parseMistakes(
  kata: string,
  page: string,
  kind: PageKind = CLASSIC_MISTAKES,
): Mistake[] {
  const lines = page.split("\n");
  const first = lines[0] ?? "";
  if (!first.startsWith(kind.heading) || first.trim() === kind.heading.trim()) {
    throw new MistakeError(
      kata,
      `${kind.path(kata)} must start with "${kind.heading}<title>"`,
    );
  }
  const sections: { name: string; body: string[] }[] = [];
  let inFence = false;
  for (const line of lines.slice(1)) {
    if (line.startsWith("```")) inFence = !inFence;
    const heading = !inFence && line.match(/^## (.*)$/);
    if (heading) sections.push({ name: heading[1].trim(), body: [] });
    else sections.at(-1)?.body.push(line);
  }
  if (sections.length === 0) {
    throw new MistakeError(kata, `${kind.path(kata)} has no "## " mistake`);
  }
  const seen = new Set<string>();
  return sections.map(({ name, body }) => {
    if (!SNAKE_CASE.test(name)) {
      throw new MistakeError(
        kata,
        `mistake "${name}" is not snake_case (like "stale_mask")`,
      );
    }
    if (seen.has(name)) {
      throw new MistakeError(kata, `mistake "${name}" appears twice`);
    }
    seen.add(name);
    return parseSection(kata, name, body);
  });
}

function parseSection(kata: string, name: string, body: string[]): Mistake {
  const open = body.findIndex((l) => l.trim() === "```diff");
  const close = body.findIndex((l, i) => i > open && l.trim() === "```");
  if (open < 0 || close < 0) {
    throw new MistakeError(
      kata,
      `mistake "${name}" has no \`\`\`diff block`,
    );
  }
  if (body.slice(close + 1).some((l) => l.startsWith("```"))) {
    throw new MistakeError(
      kata,
      `mistake "${name}" has more than one fenced block; put all its hunks in one \`\`\`diff block`,
    );
  }
  const description = body.slice(0, open).join(" ").replace(/\s+/g, " ")
    .trim();
  const title = body.slice(0, open).find((l) => l.trim() !== "")?.trim() ?? "";
  if (description === "") {
    throw new MistakeError(
      kata,
      `mistake "${name}" has no description before its diff`,
    );
  }
  const diff = body.slice(open + 1, close).join("\n") + "\n";
  return { name, description, title, diff };
}

/**
 * What applying mistakes throws when the diff library (npm:diff, under the
 * config of `lib/tools/diff/`) is neither in Deno's cache nor downloadable:
 * its message is the one sentence a learner needs.
 *
 * @example
 * ```ts
 * import { DiffUnavailableError } from "./mistakes.ts";
 * console.assert(new DiffUnavailableError().message.includes("deno task prepare"));
 * ```
 */
export class DiffUnavailableError extends LearnerMessageError {
  /** The error, its message naming the command that caches the library. */
  constructor() {
    super(
      `The diff library that applies the classic mistakes is not in Deno's ` +
        `cache and cannot be downloaded (no network?): run \`${PREPARE}\` ` +
        `once while online.`,
    );
    this.name = "DiffUnavailableError";
  }
}

/** One mistake to apply to the text of a kata's worked answer. */
export interface MistakeJob {
  /** The kata, named in the error when the mistake does not apply. */
  kata: string;
  /** The worked answer's text. */
  source: string;
  /** The mistake to apply to it. */
  mistake: Mistake;
}

/** A hunk as lib/tools/diff/apply.ts reports it when some line did not match. */
interface HunkLines {
  oldStart: number;
  oldLines: number;
  lines: string[];
}

type DiffResult =
  | { applied: string }
  | { malformed: string }
  | { mismatch: HunkLines[] };

/**
 * Applies each job's mistake to its worked answer, exactly: context and
 * removed lines must match (no fuzz), though a hunk may sit at another line
 * than it says. All of them in one process of the diff library, which needs
 * `--allow-run`. Each result is the mistaken text, or a
 * {@linkcode MistakeError} naming the kata, the mistake and what is wrong:
 * a malformed diff, or the first line that did not match. Throws a
 * {@linkcode DiffUnavailableError} when the library cannot be loaded.
 *
 * @example
 * ```ts
 * import { applyEach, MistakeError, parseMistakes } from "./mistakes.ts";
 * const fence = "`".repeat(3);
 * const [m] = parseMistakes(
 *   "k",
 *   `# Classic mistakes: K\n\n## flip\n\nFlips.\n\n${fence}diff\n` +
 *     `@@ -1,1 +1,1 @@\n-a\n+b\n${fence}\n`,
 * );
 * const [applied, failed] = await applyEach([
 *   { kata: "k", source: "a\n", mistake: m },
 *   { kata: "k", source: "c\n", mistake: m },
 * ]);
 * console.assert(applied === "b\n");
 * console.assert(failed instanceof MistakeError);
 * console.assert((failed as Error).message.includes('expects at line 1 "a", found "c"'));
 * ```
 */
export async function applyEach(
  jobs: MistakeJob[],
): Promise<(string | MistakeError)[]> {
  if (jobs.length === 0) return [];
  const results = await runDiffProgram(
    jobs.map(({ source, mistake }) => ({ source, diff: mistake.diff })),
  );
  return jobs.map(({ kata, source, mistake }, i) => {
    const result = results[i];
    if ("applied" in result) return result.applied;
    if ("malformed" in result) {
      return new MistakeError(
        kata,
        `mistake "${mistake.name}" has a malformed diff: ${result.malformed}`,
      );
    }
    return new MistakeError(
      kata,
      `mistake "${mistake.name}" no longer applies to the worked answer: ${
        firstMismatch(source, result.mismatch)
      }`,
    );
  });
}

/** The diff library's results for `jobs`, from its own process. */
async function runDiffProgram(
  jobs: { source: string; diff: string }[],
): Promise<DiffResult[]> {
  const results = await runJsonProgram<DiffResult[]>(
    DIFF,
    jobs,
    "applies the classic mistakes",
    () => new DiffUnavailableError(),
  );
  if (results.length !== jobs.length) {
    throw new Error(
      `${DIFF.entry} gave ${results.length} results for ${jobs.length} diffs`,
    );
  }
  return results;
}

/**
 * The worked answer's text with each of `mistakes` applied, as
 * {@linkcode applyEach} does in one process; throws the first
 * {@linkcode MistakeError}.
 *
 * @example
 * ```ts
 * import { applyMistakes, parseMistakes } from "./mistakes.ts";
 * const fence = "`".repeat(3);
 * const mistakes = parseMistakes(
 *   "k",
 *   `# Classic mistakes: K\n\n## flip\n\nFlips.\n\n${fence}diff\n` +
 *     `@@ -1,1 +1,1 @@\n-a\n+b\n${fence}\n\n## drop\n\nDrops.\n\n` +
 *     `${fence}diff\n@@ -1,1 +1,0 @@\n-a\n${fence}\n`,
 * );
 * const texts = await applyMistakes("k", "a\n", mistakes);
 * console.assert(texts.join("|") === "b\n|");
 * ```
 */
export async function applyMistakes(
  kata: string,
  source: string,
  mistakes: Mistake[],
): Promise<string[]> {
  const results = await applyEach(
    mistakes.map((mistake) => ({ kata, source, mistake })),
  );
  return results.map((result) => {
    if (result instanceof MistakeError) throw result;
    return result;
  });
}

/**
 * The worked answer's text with `mistake` applied: {@linkcode applyMistakes}
 * for one.
 *
 * @example
 * ```ts
 * import { applyMistake, MistakeError, parseMistakes } from "./mistakes.ts";
 * const fence = "`".repeat(3);
 * const [m] = parseMistakes(
 *   "k",
 *   `# Classic mistakes: K\n\n## flip\n\nFlips.\n\n${fence}diff\n` +
 *     `@@ -1,1 +1,1 @@\n-a\n+b\n${fence}\n`,
 * );
 * console.assert(await applyMistake("k", "a\n", m) === "b\n");
 * const error = await applyMistake("k", "c\n", m).catch((e) => e);
 * console.assert(error instanceof MistakeError);
 * ```
 */
export async function applyMistake(
  kata: string,
  source: string,
  mistake: Mistake,
): Promise<string> {
  const [text] = await applyMistakes(kata, source, [mistake]);
  return text;
}

/**
 * Where a patch first fails: for the first hunk that matches nowhere, the
 * place where most of its leading lines match (nearest its own line number),
 * and the line there that differs.
 */
function firstMismatch(source: string, hunks: HunkLines[]): string {
  const lines = source.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const hunk of hunks) {
    const old = hunk.lines.filter((l) => l[0] === " " || l[0] === "-")
      .map((l) => l.slice(1));
    let best = { at: hunk.oldStart - 1, matched: -1 };
    for (let at = 0; at <= lines.length; at++) {
      let matched = 0;
      while (matched < old.length && lines[at + matched] === old[matched]) {
        matched++;
      }
      if (matched === old.length) break;
      const nearer = Math.abs(at - (hunk.oldStart - 1)) <
        Math.abs(best.at - (hunk.oldStart - 1));
      if (matched > best.matched || (matched === best.matched && nearer)) {
        best = { at, matched };
      }
      if (at === lines.length) {
        const line = best.at + best.matched;
        const found = line < lines.length
          ? `found ${JSON.stringify(lines[line])}`
          : "found the end of the file";
        return `hunk "@@ -${hunk.oldStart},${hunk.oldLines}" expects at line ${
          line + 1
        } ${JSON.stringify(old[best.matched])}, ${found}`;
      }
    }
  }
  // Each hunk matches somewhere alone; together they overlap or are out of order.
  return "its hunks overlap or are out of order";
}

/**
 * Reads and parses a kata's MISTAKES.md (or the page `kind` names); none
 * when the page is missing (the completeness check reports that).
 *
 * @example
 * ```ts ignore
 * import { readMistakes } from "./mistakes.ts";
 * import { loadManifest } from "./manifest.ts";
 * const { katas } = await loadManifest(".");
 * console.log((await readMistakes(".", katas[0])).map((m) => m.name));
 * ```
 */
export async function readMistakes(
  root: string,
  kata: KataEntry,
  kind: PageKind = CLASSIC_MISTAKES,
): Promise<Mistake[]> {
  let page: string;
  try {
    page = await Deno.readTextFile(join(root, kind.path(kata.name)));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return parseMistakes(kata.name, page, kind);
}

/**
 * The mistake called `name`; throws a {@linkcode MistakeError} that lists the
 * kata's mistakes when there is none by that name.
 *
 * @example
 * ```ts
 * import { findMistake, parseMistakes } from "./mistakes.ts";
 * const fence = "`".repeat(3);
 * const mistakes = parseMistakes(
 *   "k",
 *   `# Classic mistakes: K\n\n## flip\n\nFlips.\n\n${fence}diff\n` +
 *     `@@ -1,1 +1,1 @@\n-a\n+b\n${fence}\n`,
 * );
 * console.assert(findMistake("k", mistakes, "flip").description === "Flips.");
 * ```
 */
export function findMistake(
  kata: string,
  mistakes: Mistake[],
  name: string,
): Mistake {
  const mistake = mistakes.find((m) => m.name === name);
  if (mistake === undefined) {
    throw new MistakeError(
      kata,
      `no mistake named "${name}" in ${mistakesPath(kata)}; it has: ${
        mistakes.map((m) => m.name).join(", ") || "none"
      }`,
    );
  }
  return mistake;
}

/**
 * The worked answer of `kata` with the mistake `name` applied: what a learner
 * who made it would have written. Throws a {@linkcode MistakeError} when the
 * kata has no such mistake or it does not apply.
 *
 * @example
 * ```ts ignore
 * import { mistakenSource } from "./mistakes.ts";
 * import { loadManifest } from "./manifest.ts";
 * const { katas } = await loadManifest(".");
 * const relu = katas.find((k) => k.name === "relu_layer")!;
 * console.log(await mistakenSource(".", relu, "stale_mask"));
 * ```
 */
export async function mistakenSource(
  root: string,
  kata: KataEntry,
  name: string,
): Promise<string> {
  const mistake = findMistake(
    kata.name,
    await readMistakes(root, kata),
    name,
  );
  const answer = await Deno.readTextFile(
    join(root, "solutions", kata.name, kata.file),
  );
  return applyMistake(kata.name, answer, mistake);
}
