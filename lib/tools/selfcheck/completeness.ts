/**
 * Whether a kata has all its parts: README, hints page (at least three levels,
 * and no hints left in the README), stub, spec whose tests all run under the
 * time limit, solution and its page of classic mistakes.
 *
 * @module
 */

import { join } from "node:path";
import { isHunt, type KataEntry, type Manifest } from "../manifest.ts";
import { hintsPath, parseHints } from "../hints.ts";
import {
  currentHashes,
  SHIPPED_HASHES,
  shippedHashes,
  STUB_MARKER,
} from "../shipped.ts";
import {
  type Mistake,
  MistakeError,
  mistakesPath,
  readMistakes,
  WRONG_LAYERS,
} from "../mistakes.ts";

/** How many wrong layers a bug hunt has: enough to hunt, few to read. */
export const WRONG_LAYER_COUNT = { min: 5, max: 8 };

/** The weak specs every bug hunt's MISTAKES.md must hold. */
export const REQUIRED_WEAK_SPECS = ["empty_spec", "one_forward_value"];

/** A finding: what is right or wrong. */
export interface Finding {
  /** True when the part is as it should be. */
  ok: boolean;
  /** One line saying what was found. */
  text: string;
}

async function read(root: string, path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(join(root, path));
  } catch {
    return undefined;
  }
}

const STRING = String
  .raw`(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\`(?:[^\`\\]|\\.)*\`)`;
const BOUNDED_TEST = new RegExp(
  String.raw`Deno\.test\(\s*${STRING}\s*,\s*timeLimit\s*,`,
  "g",
);

/**
 * How many `Deno.test(` calls a spec makes, and how many of them pass
 * `timeLimit` as their options.
 *
 * @example
 * ```ts
 * import { countTests } from "./completeness.ts";
 * const spec = 'Deno.test("a", timeLimit, () => {});\nDeno.test("b", () => {});';
 * const { total, bounded } = countTests(spec);
 * console.assert(total === 2 && bounded === 1);
 * ```
 */
export function countTests(spec: string): { total: number; bounded: number } {
  return {
    total: spec.match(/Deno\.test\(/g)?.length ?? 0,
    bounded: spec.match(BOUNDED_TEST)?.length ?? 0,
  };
}

/**
 * What is wrong with a kata's hints: a missing or malformed `HINTS.md`
 * (see `../hints.ts`), or hints still in its README under `## Hints`.
 *
 * @example
 * ```ts
 * import { hintProblems } from "./completeness.ts";
 * const kata = { name: "k", title: "K" };
 * const page = "# Hints: K\n\n## Hint 1: a\n\nx\n\n## Hint 2: b\n\ny\n\n## Hint 3: c\n\nz\n";
 * console.assert(hintProblems(kata, "# K\n", page).length === 0);
 * console.assert(hintProblems(kata, "# K\n\n## Hints\n", page)[0].includes("still has"));
 * console.assert(hintProblems(kata, "# K\n", undefined)[0] === "katas/k/HINTS.md is missing: it holds the hints");
 * ```
 */
export function hintProblems(
  kata: Pick<KataEntry, "name" | "title">,
  readme: string | undefined,
  page: string | undefined,
): string[] {
  const path = hintsPath(kata.name);
  const problems: string[] = [];
  if (page === undefined) {
    problems.push(`${path} is missing: it holds the hints`);
  } else {
    const parsed = parseHints(page);
    problems.push(...parsed.problems.map((p) => `${path} ${p}`));
    if (parsed.title !== undefined && parsed.title !== kata.title) {
      problems.push(
        `${path} is titled "${parsed.title}", not the kata's title "${kata.title}"`,
      );
    }
  }
  if (readme !== undefined && /^## Hints[ \t]*\r?$/m.test(readme)) {
    problems.push(
      `katas/${kata.name}/README.md still has a "## Hints" section: hints belong in ${path}`,
    );
  }
  return problems;
}

/**
 * Checks that `kata` has every part the guide asks for.
 *
 * @example
 * ```ts ignore
 * import { checkCompleteness } from "./completeness.ts";
 * import { loadManifest } from "../manifest.ts";
 * const manifest = await loadManifest(".");
 * console.log(await checkCompleteness(".", manifest.katas[0], manifest));
 * ```
 */
export async function checkCompleteness(
  root: string,
  kata: KataEntry,
  manifest: Manifest,
): Promise<Finding[]> {
  const problems: string[] = [];
  const dir = `katas/${kata.name}`;
  const readme = await read(root, `${dir}/README.md`);
  const hintsPage = await read(root, hintsPath(kata.name));
  const hints = hintsPage ? parseHints(hintsPage).hints.length : 0;
  problems.push(...hintProblems(kata, readme, hintsPage));
  const hunt = isHunt(kata);
  if (readme === undefined) problems.push(`${dir}/README.md is missing`);
  else if (hunt) {
    problems.push(...huntReadmeProblems(kata.name, readme));
  } else {
    if (!/^## What the spec checks/m.test(readme)) {
      problems.push(
        `${dir}/README.md has no "## What the spec checks" section`,
      );
    }
    if (!readme.includes(`deno test ${dir}`)) {
      problems.push(
        `${dir}/README.md does not say how to check: deno test ${dir}`,
      );
    }
  }
  const stub = await read(root, `${dir}/${kata.file}`);
  if (stub === undefined) {
    problems.push(`the stub ${dir}/${kata.file} is missing`);
  }
  // A hunt's stub is its spec, with no test yet: its tests are the worked
  // spec's.
  const specPath = hunt
    ? `solutions/${kata.name}/${kata.spec}`
    : `${dir}/${kata.spec}`;
  const spec = await read(root, specPath);
  let tests = 0;
  if (spec === undefined) {
    problems.push(`the spec ${specPath} is missing`);
  } else {
    const { total, bounded } = countTests(spec);
    tests = total;
    if (total === 0) {
      problems.push(`the spec ${specPath} declares no test`);
    }
    if (bounded < total) {
      problems.push(
        `${total - bounded} test(s) in ${specPath} are not declared as ` +
          `Deno.test("...", timeLimit, fn), so an infinite loop would hang them`,
      );
    }
  }
  const solutionPath = `solutions/${kata.name}/${kata.file}`;
  const solution = await read(root, solutionPath);
  if (solution === undefined) {
    problems.push(`the solution ${solutionPath} is missing`);
  } else if (solution.includes(STUB_MARKER)) {
    problems.push(`the solution ${solutionPath} still calls ${STUB_MARKER}`);
  }
  let mistakes: Mistake[] = [];
  try {
    mistakes = await readMistakes(root, kata);
    if (mistakes.length === 0) {
      problems.push(
        `${mistakesPath(kata.name)} is missing: it holds the classic mistakes`,
      );
    }
  } catch (e) {
    if (!(e instanceof MistakeError)) throw e;
    problems.push(e.message);
  }
  let wrongLayers = 0;
  if (hunt) {
    const found = await huntPageProblems(root, kata, mistakes);
    wrongLayers = found.wrongLayers;
    problems.push(...found.problems);
  }
  // A copy without git history (a ZIP) recognises its stub and spec by these.
  const recorded = await shippedHashes(root);
  const shipped = await currentHashes(root, { katas: [kata] });
  for (const [path, hash] of Object.entries(shipped)) {
    if (hash !== undefined && recorded[path] !== hash) {
      problems.push(
        `${SHIPPED_HASHES} has not the hash of ${path} as shipped: run ` +
          `\`deno run -A lib/tools/shipped.ts --write\` and commit it`,
      );
    }
  }
  for (const dep of kata.uses) {
    if (!manifest.katas.some((k) => k.name === dep)) {
      problems.push(`"uses" names ${dep}, which is not in the manifest`);
    }
  }
  if (problems.length) return problems.map((text) => ({ ok: false, text }));
  if (hunt) {
    return [{
      ok: true,
      text: `complete: README, ${hints} hints, stub, worked spec (${tests} ` +
        `tests, all time-limited), ${wrongLayers} wrong layers, ` +
        `${mistakes.length} weak spec(s)`,
    }];
  }
  return [{
    ok: true,
    text: `complete: README, ${hints} hints, stub, spec (${tests} tests, all ` +
      `time-limited), solution, ${mistakes.length} mistake(s)`,
  }];
}

/**
 * What a bug hunt's README lacks: the section on what the runner reports,
 * and the command that checks the hunt (its spec cannot be checked with
 * `deno test` alone, which would run it against the learner's own layer).
 *
 * @example
 * ```ts
 * import { huntReadmeProblems } from "./completeness.ts";
 * const readme = "# Bug hunt\n\n## What the runner reports\n\n`deno task start kata h`\n";
 * console.assert(huntReadmeProblems("h", readme).length === 0);
 * console.assert(huntReadmeProblems("h", "# Bug hunt\n").length === 2);
 * ```
 */
export function huntReadmeProblems(hunt: string, readme: string): string[] {
  const problems: string[] = [];
  if (!/^## What the runner reports/m.test(readme)) {
    problems.push(
      `katas/${hunt}/README.md has no "## What the runner reports" section`,
    );
  }
  if (!readme.includes(`deno task start kata ${hunt}`)) {
    problems.push(
      `katas/${hunt}/README.md does not say how to check: deno task start kata ${hunt}`,
    );
  }
  return problems;
}

/**
 * What is wrong with a bug hunt's pages: WRONG_LAYERS.md missing, malformed
 * or with too few or too many wrong layers; MISTAKES.md without the weak
 * specs every hunt has.
 */
async function huntPageProblems(
  root: string,
  kata: KataEntry,
  weakSpecs: Mistake[],
): Promise<{ wrongLayers: number; problems: string[] }> {
  const problems: string[] = [];
  let wrongLayers = 0;
  try {
    wrongLayers = (await readMistakes(root, kata, WRONG_LAYERS)).length;
    const { min, max } = WRONG_LAYER_COUNT;
    if (wrongLayers === 0) {
      problems.push(
        `${WRONG_LAYERS.path(kata.name)} is missing: it holds the wrong layers`,
      );
    } else if (wrongLayers < min || wrongLayers > max) {
      problems.push(
        `${
          WRONG_LAYERS.path(kata.name)
        } has ${wrongLayers} wrong layers; a hunt has ${min} to ${max}`,
      );
    }
  } catch (e) {
    if (!(e instanceof MistakeError)) throw e;
    problems.push(e.message);
  }
  const names = new Set(weakSpecs.map((m) => m.name));
  const absent = REQUIRED_WEAK_SPECS.filter((n) => !names.has(n));
  if (weakSpecs.length > 0 && absent.length > 0) {
    problems.push(
      `${mistakesPath(kata.name)} lacks the weak spec(s) every hunt has: ${
        absent.join(", ")
      }`,
    );
  }
  return { wrongLayers, problems };
}

/**
 * Folders under `katas/` or `solutions/` that the manifest does not list.
 *
 * @example
 * ```ts ignore
 * import { strayFolders } from "./completeness.ts";
 * import { loadManifest } from "../manifest.ts";
 * console.log(await strayFolders(".", await loadManifest(".")));
 * ```
 */
export async function strayFolders(
  root: string,
  manifest: Manifest,
): Promise<string[]> {
  const known = new Set(manifest.katas.map((k) => k.name));
  const stray: string[] = [];
  for (const top of ["katas", "solutions"]) {
    for await (const e of Deno.readDir(join(root, top))) {
      if (e.isDirectory && !known.has(e.name)) stray.push(`${top}/${e.name}`);
    }
  }
  return stray.sort();
}
