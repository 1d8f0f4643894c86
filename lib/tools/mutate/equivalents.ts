/**
 * Equivalent mutants: changes to a worked answer that no spec can catch
 * because no behaviour differs. Each kata lists its own in
 * `solutions/<kata>/EQUIVALENT_MUTANTS.md`, one `##` section per mutant:
 *
 * ```md
 * ## The 2-D shortcut only saves a reshape
 *
 * - mutator: ConditionalExpression
 * - code: `x.shape.length === 2`
 * - replacement: `true`
 * - line: `if (x.shape.length === 2) return x;`
 *
 * Reshaping a 2-D input to 2-D gives the same tensor.
 * ```
 *
 * `code` is the mutated text with runs of whitespace read as one space, so
 * reformatting does not break an entry; a `…` in it stands for any text, for
 * long blocks. `line` (the whole line where the mutant starts, trimmed) is
 * only needed when the rest matches more than one mutant. The paragraph is
 * the reason, required. Matching uses text, never StrykerJS's numeric ids,
 * so an entry survives edits elsewhere in the file.
 *
 * @module
 */

import type { Mutant } from "./report.ts";

/** One recorded equivalent mutant. */
export interface Equivalent {
  /** The section's heading: names the entry in errors. */
  title: string;
  /** The mutator's name, as StrykerJS spells it. */
  mutator: string;
  /** The mutated code (whitespace-insensitive; `…` matches anything). */
  code: string;
  /** What StrykerJS replaces it with. */
  replacement: string;
  /** The trimmed line where the mutant starts, to tell apart twins. */
  line?: string;
  /** Why no behaviour can differ. */
  reason: string;
}

const FIELDS = ["mutator", "code", "replacement", "line"] as const;

function codeSpan(value: string): string {
  const span = value.match(/^(`+)([\s\S]*)\1$/);
  if (span === null) return value;
  const inner = span[2];
  // Markdown's rule: one space each side lets a span start or end with a backtick.
  return /^ [\s\S]* $/.test(inner) && inner.trim() !== ""
    ? inner.slice(1, -1)
    : inner;
}

/**
 * Reads an `EQUIVALENT_MUTANTS.md`; throws an error naming `path`, the entry
 * and what is wrong with it.
 *
 * @example
 * ```ts
 * import { parseEquivalents } from "./equivalents.ts";
 * const text = "# Equivalent mutants\n\n## Same sign\n\n" +
 *   "- mutator: EqualityOperator\n- code: `x > 0`\n- replacement: `x >= 0`\n\n" +
 *   "At 0 both branches return 0.\n";
 * const [entry] = parseEquivalents(text, "EQUIVALENT_MUTANTS.md");
 * console.assert(entry.replacement === "x >= 0" && entry.line === undefined);
 * ```
 */
export function parseEquivalents(text: string, path: string): Equivalent[] {
  const sections = text.replace(/\r\n/g, "\n").split(/^## /m).slice(1);
  return sections.map((section) => {
    const [heading, ...body] = section.split("\n");
    const title = heading.trim();
    const fail = (what: string): never => {
      throw new Error(`${path}, entry "${title}": ${what}`);
    };
    const fields: Record<string, string> = {};
    const reason: string[] = [];
    for (const line of body) {
      const field = line.match(/^- ([a-z]+):\s*(.*?)\s*$/);
      if (field === null) {
        if (line.trim() !== "") reason.push(line.trim());
        continue;
      }
      const [, key, value] = field;
      if (!(FIELDS as readonly string[]).includes(key)) {
        fail(`unknown field "${key}" (expected ${FIELDS.join(", ")})`);
      }
      if (key in fields) fail(`"${key}" is given twice`);
      fields[key] = codeSpan(value);
    }
    for (const key of ["mutator", "code", "replacement"]) {
      if (!fields[key]) fail(`"- ${key}:" is missing or empty`);
    }
    if (reason.length === 0) {
      fail("the reason (why no behaviour can differ) is missing");
    }
    return {
      title,
      mutator: fields.mutator,
      code: fields.code,
      replacement: fields.replacement,
      ...(fields.line ? { line: fields.line } : {}),
      reason: reason.join(" "),
    };
  });
}

const squash = (code: string) => code.replace(/\s+/g, " ").trim();

function codeMatches(pattern: string, original: string): boolean {
  const parts = squash(pattern).split("…").map((p) => p.trim());
  const text = squash(original);
  if (parts.length === 1) return text === parts[0];
  const first = parts[0], last = parts[parts.length - 1];
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  for (const middle of parts.slice(1, -1)) {
    const found = text.indexOf(middle, at);
    if (found < 0) return false;
    at = found + middle.length;
  }
  return at <= text.length - last.length;
}

/**
 * Whether `entry` describes `mutant`.
 *
 * @example
 * ```ts
 * import { describes } from "./equivalents.ts";
 * const mutant = { id: "3", mutator: "BlockStatement", original: "{\n  a();\n  b();\n}",
 *   replacement: "{}", line: 4, lineText: "if (x) {", status: "Survived" };
 * const entry = { title: "t", mutator: "BlockStatement", code: "{ a(); … }",
 *   replacement: "{}", reason: "r" };
 * console.assert(describes(entry, mutant));
 * ```
 */
export function describes(entry: Equivalent, mutant: Mutant): boolean {
  return entry.mutator === mutant.mutator &&
    squash(entry.replacement) === squash(mutant.replacement) &&
    (entry.line === undefined ||
      squash(entry.line) === squash(mutant.lineText)) &&
    codeMatches(entry.code, mutant.original);
}

/** What {@link matchEquivalents} found. */
export interface EquivalentsMatch {
  /** Ids of the mutants recorded as equivalent. */
  ids: Set<string>;
  /** Entries that are wrong, each as one sentence naming the entry. */
  problems: string[];
}

const DETECTED = new Set(["Killed", "Timeout"]);

/**
 * Finds the mutant each entry records. An entry that matches no mutant, or
 * several without a `line` to tell them apart, or a mutant the spec detects
 * (so it is not equivalent), or one another entry already claims, is a
 * problem that names the entry and `path`.
 *
 * @example
 * ```ts
 * import { matchEquivalents } from "./equivalents.ts";
 * const entry = { title: "Gone", mutator: "StringLiteral", code: '"a"',
 *   replacement: '""', reason: "r" };
 * const { ids, problems } = matchEquivalents([entry], [], "E.md");
 * console.assert(ids.size === 0 && problems[0].includes('"Gone" matches no mutant'));
 * ```
 */
export function matchEquivalents(
  entries: Equivalent[],
  mutants: Mutant[],
  path: string,
): EquivalentsMatch {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const entry of entries) {
    const name = `${path}, entry "${entry.title}"`;
    const found = mutants.filter((m) => describes(entry, m));
    if (found.length === 0) {
      problems.push(
        `${name} matches no mutant any more: remove it, or update its code, replacement or line`,
      );
      continue;
    }
    if (found.length > 1 && entry.line === undefined) {
      problems.push(
        `${name} matches ${found.length} mutants (lines ${
          found.map((m) => m.line).join(", ")
        }): add "- line:" to say which`,
      );
      continue;
    }
    for (const mutant of found) {
      if (DETECTED.has(mutant.status)) {
        problems.push(
          `${name}: the spec detects this mutant (${mutant.status}, line ${mutant.line}), so it is not equivalent: remove the entry`,
        );
      } else if (ids.has(mutant.id)) {
        problems.push(
          `${name} records the mutant at line ${mutant.line} that an earlier entry records`,
        );
      } else ids.add(mutant.id);
    }
  }
  return { ids, problems };
}
