/**
 * The command StrykerJS runs for every mutant, inside its sandbox copy of the
 * repository: `deno run ... spec_command.ts <kata>`. It runs the kata's spec
 * with the kata's learner file, and those of the katas it uses, swapped for
 * their worked answers (the same swap as the self-check), where the kata's
 * answer is StrykerJS's instrumented copy. For a bug hunt it runs the worked
 * spec, which imports the hunted kata's answer, the instrumented file. It
 * exits 0 when every test passes (the mutant survived) and 1 otherwise.
 *
 * @module
 */

import {
  dependenciesOf,
  isHunt,
  loadManifest,
  type Manifest,
} from "../manifest.ts";
import { specFile } from "./paths.ts";
import { runSpec } from "../spec_run.ts";

/** The variable through which StrykerJS tells instrumented code which mutant is on. */
export const ACTIVE_MUTANT_ENV = "__STRYKER_ACTIVE_MUTANT__";

/**
 * The learner files to swap for worked answers when `kata`'s spec runs: its
 * own and those of every kata it uses, directly or not.
 *
 * @example
 * ```ts
 * import { answerSwaps } from "./spec_command.ts";
 * import { parseManifest } from "../manifest.ts";
 * const entry = (name: string, uses: string[]) =>
 *   ({ name, title: name, book: "5", file: `${name}.ts`, spec: `${name}_test.ts`, uses });
 * const m = parseManifest({ katas: [entry("a", []), entry("b", ["a"])] });
 * console.assert(answerSwaps(m, "b")["katas/a/a.ts"] === "solutions/a/a.ts");
 * ```
 */
export function answerSwaps(
  manifest: Manifest,
  kata: string,
): Record<string, string> {
  const names = [...dependenciesOf(manifest, kata), kata];
  // A bug hunt's file is a spec: swapped, it would replace the spec run.
  const katas = names.map((name) =>
    manifest.katas.find((k) => k.name === name)!
  )
    .filter((k) => !isHunt(k));
  return Object.fromEntries(
    katas.map((
      k,
    ) => [`katas/${k.name}/${k.file}`, `solutions/${k.name}/${k.file}`]),
  );
}

if (import.meta.main) {
  const [name] = Deno.args;
  const root = Deno.cwd();
  const manifest = await loadManifest(root);
  const kata = manifest.katas.find((k) => k.name === name);
  if (kata === undefined) {
    console.error(`spec_command.ts: no kata named "${name}" in the manifest`);
    Deno.exit(2);
  }
  const result = await runSpec({
    root,
    kata,
    spec: specFile(kata),
    swap: answerSwaps(manifest, kata.name),
    // The instrumented copy does not type-check, and need not: StrykerJS
    // marks it @ts-nocheck, and the self-check type-checks the answers.
    check: false,
    allowEnv: [ACTIVE_MUTANT_ENV],
  });
  if (!result.passed) {
    const failed = result.tests.filter((t) => !t.passed).map((t) => t.name);
    console.log(
      failed.length > 0
        ? `killed by: ${failed.join("; ")}`
        : `the spec did not run:\n${result.output}`,
    );
  }
  Deno.exit(result.passed ? 0 : 1);
}
