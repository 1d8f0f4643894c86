/**
 * Whether a kata has all its parts: README with hints, stub, spec whose tests
 * all run under the time limit, solution and its page of classic mistakes.
 *
 * @module
 */

import { join } from "node:path";
import { hintLevels, type KataEntry, type Manifest } from "../manifest.ts";
import { STUB_MARKER } from "../shipped.ts";
import {
  type Mistake,
  MistakeError,
  mistakesPath,
  readMistakes,
} from "../mistakes.ts";

/** A finding: what is right or wrong. */
export interface Finding {
  /** True when the part is as it should be. */
  ok: boolean;
  /** One line saying what was found. */
  text: string;
}

/** The fewest hint levels a README may have. */
export const MIN_HINTS = 3;

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
  const hints = readme ? hintLevels(readme).length : 0;
  if (readme === undefined) problems.push(`${dir}/README.md is missing`);
  else {
    if (hints < MIN_HINTS) {
      problems.push(
        `${dir}/README.md has ${hints} hint level(s) under "## Hints"; at least ${MIN_HINTS} are needed`,
      );
    }
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
  const spec = await read(root, `${dir}/${kata.spec}`);
  let tests = 0;
  if (spec === undefined) {
    problems.push(`the spec ${dir}/${kata.spec} is missing`);
  } else {
    const { total, bounded } = countTests(spec);
    tests = total;
    if (total === 0) {
      problems.push(`the spec ${dir}/${kata.spec} declares no test`);
    }
    if (bounded < total) {
      problems.push(
        `${
          total - bounded
        } test(s) in ${dir}/${kata.spec} are not declared as ` +
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
  for (const dep of kata.uses) {
    if (!manifest.katas.some((k) => k.name === dep)) {
      problems.push(`"uses" names ${dep}, which is not in the manifest`);
    }
  }
  if (problems.length) return problems.map((text) => ({ ok: false, text }));
  return [{
    ok: true,
    text:
      `complete: README (${hints} hints), stub, spec (${tests} tests, all ` +
      `time-limited), solution, ${mistakes.length} mistake(s)`,
  }];
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
