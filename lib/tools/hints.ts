/**
 * A kata's hints, `katas/<kata>/HINTS.md`: the one module that knows that
 * page's format. The page is a `# Hints: <kata title>` heading, then one
 * `## Hint <n>: <what it gives>` section per level, numbered from 1, at
 * least {@link MIN_HINTS} of them: a nudge, the mathematics, a plan. The
 * runner shows them one level at a time; a `##` line inside a fenced code
 * block is code, not a heading.
 *
 * @module
 */

import { join } from "node:path";

/** One level of hint: its heading and its text. */
export interface Hint {
  /** The level, from 1. */
  level: number;
  /** What the level gives, after "Hint <n>:" ("a nudge"). */
  title: string;
  /** The markdown under the heading, code blocks as written. */
  body: string;
}

/** The fewest hint levels a kata may have. */
export const MIN_HINTS = 3;

/**
 * The path of a kata's hints page, relative to the repository root.
 *
 * @example
 * ```ts
 * import { hintsPath } from "./hints.ts";
 * console.assert(hintsPath("relu_layer") === "katas/relu_layer/HINTS.md");
 * ```
 */
export function hintsPath(kata: string): string {
  return `katas/${kata}/HINTS.md`;
}

/**
 * The title and hint levels of a HINTS.md page, in page order, and what is wrong
 * with its structure: no `# Hints: ` title, a `##` heading that is not
 * `## Hint <n>: <title>`, levels not numbered 1, 2, 3..., a level without
 * text, or fewer than {@link MIN_HINTS} levels.
 *
 * @example
 * ```ts
 * import { parseHints } from "./hints.ts";
 * const fence = "`".repeat(3);
 * const page = [
 *   "# Hints: K", "",
 *   "## Hint 1: a nudge", "", "What is zero?", "",
 *   "## Hint 2: the mathematics", "", fence + "text", "## not a heading", fence, "",
 *   "## Hint 3: a plan", "", "Two steps.",
 * ].join("\n");
 * const { hints, problems } = parseHints(page);
 * console.assert(problems.length === 0 && hints.length === 3);
 * console.assert(hints[1].title === "the mathematics" && hints[1].body.includes("## not a heading"));
 * ```
 */
export function parseHints(
  page: string,
): { title?: string; hints: Hint[]; problems: string[] } {
  const lines = page.replace(/\r\n/g, "\n").split("\n");
  const problems: string[] = [];
  const title = lines[0]?.match(/^# Hints: (\S.*)$/)?.[1].trim();
  if (title === undefined) {
    problems.push(`does not start with "# Hints: <kata title>"`);
  }
  const sections: { heading: string; body: string[] }[] = [];
  let inFence = false;
  for (const line of lines.slice(1)) {
    if (line.trimStart().startsWith("```")) inFence = !inFence;
    if (!inFence && line.startsWith("## ")) {
      sections.push({ heading: line.slice(3).trim(), body: [] });
    } else sections.at(-1)?.body.push(line);
  }
  const hints: Hint[] = [];
  for (const { heading, body } of sections) {
    const m = heading.match(/^Hint (\d+): (\S.*)$/);
    if (!m) {
      problems.push(`has "## ${heading}", not "## Hint <n>: <title>"`);
      continue;
    }
    const level = Number(m[1]);
    if (level !== hints.length + 1) {
      problems.push(
        `numbers "## ${heading}" where hint ${hints.length + 1} belongs`,
      );
    }
    const text = body.join("\n").trim();
    if (text === "") problems.push(`has no text under "## ${heading}"`);
    hints.push({ level, title: m[2].trim(), body: text });
  }
  if (hints.length < MIN_HINTS) {
    problems.push(
      `has ${hints.length} hint level(s); at least ${MIN_HINTS} are needed`,
    );
  }
  return { ...(title === undefined ? {} : { title }), hints, problems };
}

/**
 * The hint levels in a kata's HINTS.md; none when the page is missing.
 *
 * @example
 * ```ts ignore
 * import { readHints } from "./hints.ts";
 * console.log((await readHints(".", "relu_layer")).map((h) => h.title));
 * ```
 */
export async function readHints(root: string, kata: string): Promise<Hint[]> {
  try {
    return parseHints(
      await Deno.readTextFile(join(root, ...hintsPath(kata).split("/"))),
    ).hints;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}
