/**
 * The recorded scores (`lib/tools/mutate/results/scores.json`) and the check
 * that they are not stale: each record keeps a hash of the files its score
 * depends on, and `deno task mutate --check` compares them with the files of
 * today, without running StrykerJS.
 *
 * @module
 */

/** The lowest mutation score, in percent, that `--check` accepts. */
export const MIN_SCORE = 95;

/** How a kata's mutants fared. */
export interface Counts {
  /** Mutants that made a test fail. */
  killed: number;
  /** Mutants every test let through, not recorded as equivalent. */
  survived: number;
  /** Mutants that made the spec run too long: detected, like killed ones. */
  timedOut: number;
  /** Survivors recorded as equivalent: out of the score. */
  equivalent: number;
  /** Mutants StrykerJS could not run (any other status): out of the score. */
  errors: number;
}

/** One kata's record. */
export interface KataRecord {
  /** SHA-256 of each file the score depends on, by repository path. */
  files: Record<string, string>;
  /**
   * SHA-256 of what the spec run depends on besides the answer (the spec,
   * the toolkit, the answers of the katas it uses): when it changes, every
   * mutant runs again rather than reusing the incremental file.
   */
  context: string;
  /** The outcome. */
  counts: Counts;
}

/** The whole file: one record per kata. */
export interface Scores {
  /** Records by kata name. */
  katas: Record<string, KataRecord>;
}

/**
 * The mutation score in percent: detected mutants over all mutants that ran,
 * equivalent ones left out; `undefined` when there is nothing to score.
 *
 * @example
 * ```ts
 * import { mutationScore } from "./record.ts";
 * const counts = { killed: 17, survived: 2, timedOut: 1, equivalent: 3, errors: 0 };
 * console.assert(mutationScore(counts) === 90);
 * ```
 */
export function mutationScore(counts: Counts): number | undefined {
  const detected = counts.killed + counts.timedOut;
  const total = detected + counts.survived;
  return total === 0 ? undefined : (100 * detected) / total;
}

/**
 * The SHA-256 of some bytes, in hex.
 *
 * @example
 * ```ts
 * import { hashBytes } from "./record.ts";
 * console.assert((await hashBytes(new Uint8Array())).startsWith("e3b0c442"));
 * ```
 */
export async function hashBytes(
  bytes: Uint8Array<ArrayBuffer>,
): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/**
 * The SHA-256 of a text, in hex, with line ends normalised so that a
 * checkout with CRLF line ends hashes the same.
 *
 * @example
 * ```ts
 * import { hashText } from "./record.ts";
 * console.assert((await hashText("a\r\nb")) === (await hashText("a\nb")));
 * ```
 */
export function hashText(text: string): Promise<string> {
  return hashBytes(new TextEncoder().encode(text.replace(/\r\n/g, "\n")));
}

/**
 * Checks parsed `scores.json` and returns it typed; throws an error naming
 * the kata and field that are wrong.
 *
 * @example
 * ```ts
 * import { parseScores } from "./record.ts";
 * const scores = parseScores({ katas: { relu_layer: { files: {}, context: "",
 *   counts: { killed: 9, survived: 0, timedOut: 0, equivalent: 0, errors: 0 } } } });
 * console.assert(scores.katas.relu_layer.counts.killed === 9);
 * ```
 */
export function parseScores(json: unknown, path = "scores.json"): Scores {
  const katas = (json as { katas?: unknown })?.katas;
  if (typeof katas !== "object" || katas === null || Array.isArray(katas)) {
    throw new Error(`${path}: needs a "katas" object`);
  }
  for (const [name, record] of Object.entries(katas)) {
    const r = record as Partial<KataRecord>;
    const counts = r?.counts as unknown as Record<string, unknown> | undefined;
    const ok = typeof r?.files === "object" && r.files !== null &&
      Object.values(r.files).every((h) => typeof h === "string") &&
      typeof r.context === "string" &&
      ["killed", "survived", "timedOut", "equivalent", "errors"].every((k) =>
        Number.isInteger(counts?.[k]) && (counts![k] as number) >= 0
      );
    if (!ok) {
      throw new Error(
        `${path}: the record of "${name}" needs "files" (path to hash), "context" and whole "counts"`,
      );
    }
  }
  return { katas: katas as Record<string, KataRecord> };
}

/** What {@link checkScores} is given about one kata today. */
export interface CurrentKata {
  /** The kata's name. */
  name: string;
  /** Today's hash of each file its score depends on. */
  files: Record<string, string>;
  /**
   * Today's hash of the toolkit and the answers its spec uses (see
   * `contextHash` in fingerprint.ts); a record of another one is stale.
   */
  context: string;
}

/**
 * The problems `--check` reports: a kata with no record, a record whose
 * files changed (or are not the same files), a record measured with another
 * toolkit (its context), a score below {@link MIN_SCORE}, and a record of a
 * kata that no longer exists. Each problem names the kata and the command
 * that fixes it.
 *
 * @example
 * ```ts
 * import { checkScores } from "./record.ts";
 * const counts = { killed: 99, survived: 1, timedOut: 0, equivalent: 0, errors: 0 };
 * const scores = { katas: { a: { files: { "a.ts": "1" }, context: "", counts } } };
 * console.assert(checkScores(scores, [{ name: "a", files: { "a.ts": "1" }, context: "" }]).length === 0);
 * const [stale] = checkScores(scores, [{ name: "a", files: { "a.ts": "2" }, context: "" }]);
 * console.assert(stale.includes("a.ts changed") && stale.includes("deno task mutate a"));
 * ```
 */
export function checkScores(
  scores: Scores,
  current: CurrentKata[],
  minScore = MIN_SCORE,
): string[] {
  const problems: string[] = [];
  for (const { name, files, context } of current) {
    const record = scores.katas[name];
    const rerun = `run \`deno task mutate ${name}\``;
    if (record === undefined) {
      problems.push(`${name}: no mutation score is recorded: ${rerun}`);
      continue;
    }
    const paths = [
      ...new Set([...Object.keys(files), ...Object.keys(record.files)]),
    ]
      .sort();
    const changed = paths.filter((p) => files[p] !== record.files[p]);
    if (changed.length > 0) {
      const what = changed.map((p) =>
        p in files
          ? (p in record.files ? `${p} changed` : `${p} is new`)
          : `${p} is gone`
      );
      problems.push(
        `${name}: the recorded mutation score is stale (${
          what.join(", ")
        }): ${rerun}`,
      );
      continue;
    }
    if (context !== record.context) {
      problems.push(
        `${name}: the recorded mutation score is stale (the toolkit under lib/ or a worked answer its spec imports changed since it was measured): ${rerun}`,
      );
      continue;
    }
    const score = mutationScore(record.counts);
    if (score !== undefined && score < minScore) {
      problems.push(
        `${name}: mutation score ${
          score.toFixed(1)
        } % is below ${minScore} % (${
          record.counts.survived === 1
            ? "1 mutant survives"
            : `${record.counts.survived} mutants survive`
        }): strengthen the spec or record equivalent mutants, then ${rerun}`,
      );
    }
  }
  const known = new Set(current.map((k) => k.name));
  for (const name of Object.keys(scores.katas)) {
    if (!known.has(name)) {
      problems.push(
        `${name}: a score is recorded for a kata the manifest does not list: remove it from the scores file`,
      );
    }
  }
  return problems;
}
