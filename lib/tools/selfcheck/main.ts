/**
 * The repository's self-check, `deno task test [kata ...]`.
 *
 * With no argument it proves everything: the toolkit's own tests and doc
 * examples, then for every kata of the manifest that it is complete, that its
 * spec passes against its solution, that every classic mistake (a diff in
 * `solutions/<kata>/MISTAKES.md`, applied to the worked answer in a scratch
 * copy) applies, type-checks and fails it, and that the shipped stub fails it
 * with `NotImplementedError` only. A bug hunt is checked as its own kind (see
 * `hunt_checks.ts`): its worked spec against the correct layer and the wrong
 * ones, its weak specs, its stub without tests. With kata names it checks
 * just those katas.
 *
 * The stub checked is the one shipped (see lib/tools/shipped.ts), so the check
 * stays green for a learner who has edited their files.
 *
 * @module
 */

import { join } from "node:path";
import { isHunt, type KataEntry, loadManifest } from "../manifest.ts";
import { huntJobs, prepareHunt } from "./hunt_checks.ts";
import { importMapArgs, runSpec, type SpecRunResult } from "../spec_run.ts";
import { pool } from "../pool.ts";
import { shippedStubOf } from "../shipped.ts";
import {
  scratchFolder,
  scratchSwaps as swapsFrom,
  solutionSwaps,
  writeScratch,
} from "../scratch.ts";
import { checkCompleteness, strayFolders } from "./completeness.ts";
import {
  applyEach,
  DiffUnavailableError,
  MistakeError,
  readMistakes,
} from "../mistakes.ts";

const root = Deno.cwd();
const SCRATCH = scratchFolder();

/** One line of the report. */
interface Line {
  ok: boolean;
  text: string;
  detail?: string;
}

const ok = (text: string): Line => ({ ok: true, text });
const bad = (text: string, detail?: string): Line => ({
  ok: false,
  text,
  detail,
});

function quote(names: string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split("\n").slice(-n).join("\n");
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(join(root, path));
    return true;
  } catch {
    return false;
  }
}

function describeCrash(result: SpecRunResult): string {
  if (result.timedOut) return "the run was killed for taking too long";
  return lastLines(result.output, 12);
}

async function checkSolution(
  kata: KataEntry,
  swap: Record<string, string>,
): Promise<Line> {
  const result = await runSpec({ root, kata, swap });
  if (result.passed) {
    return ok(
      `spec passes against the solution (${result.tests.length} tests)`,
    );
  }
  const failed = result.tests.filter((t) => !t.passed);
  if (failed.length === 0) {
    return bad("spec does not run against the solution", describeCrash(result));
  }
  return bad(
    `spec fails against the solution: ${quote(failed.map((t) => t.name))}`,
    failed.map((t) => `${t.name}:\n${t.message}`).join("\n\n"),
  );
}

/** A mistaken answer written into the scratch folder, ready to run. */
interface MistakeCopy {
  name: string;
  /** Where it was written, relative to the root. */
  path: string;
}

/** A kata's mistakes, applied and written, or why they are not. */
interface WrittenMistakes {
  copies: MistakeCopy[];
  lines: Line[];
}

/**
 * Applies each kata's mistakes to its worked answer, all in one process of
 * the diff library, and writes the results into the scratch folder, two
 * levels below the root like `solutions/<kata>/`, so that their relative
 * imports resolve the same way. A mistake that does not apply becomes a
 * failed line of its kata; a diff library that cannot be loaded (offline,
 * not prepared), the one failed line `unavailable`.
 */
async function writeMistakes(
  katas: KataEntry[],
): Promise<{ written: WrittenMistakes[]; unavailable?: Line }> {
  const found = await Promise.all(katas.map(async (kata) => {
    try {
      return {
        answer: await Deno.readTextFile(
          join(root, "solutions", kata.name, kata.file),
        ),
        mistakes: await readMistakes(root, kata),
      };
    } catch (e) {
      // checkCompleteness reports a missing answer or a malformed page.
      if (e instanceof Deno.errors.NotFound || e instanceof MistakeError) {
        return { answer: "", mistakes: [] };
      }
      throw e;
    }
  }));
  const written: WrittenMistakes[] = katas.map(() => ({
    copies: [],
    lines: [],
  }));
  const jobs = found.flatMap(({ answer, mistakes }, i) =>
    mistakes.map((mistake) => ({
      at: i,
      kata: katas[i].name,
      source: answer,
      mistake,
    }))
  );
  let results: (string | MistakeError)[];
  try {
    results = await applyEach(jobs);
  } catch (e) {
    if (!(e instanceof DiffUnavailableError)) throw e;
    return { written, unavailable: bad(e.message) };
  }
  const paths = await Promise.all(jobs.map(({ at, mistake }, i) => {
    const result = results[i];
    return result instanceof MistakeError ? undefined : writeScratch(
      root,
      SCRATCH,
      katas[at],
      `${mistake.name}.mistake.ts`,
      result,
    );
  }));
  // In page order, whichever file was written first.
  jobs.forEach(({ at, mistake }, i) => {
    const result = results[i];
    if (result instanceof MistakeError) {
      written[at].lines.push(bad(result.message));
    } else {
      written[at].copies.push({ name: mistake.name, path: paths[i]! });
    }
  });
  return { written };
}

function scratchSwaps(swap: Record<string, string>): Record<string, string> {
  return swapsFrom(SCRATCH, swap);
}

/** One `deno check` over every mistaken answer, resolved as at run time. */
async function checkMistakeTypes(
  copies: MistakeCopy[],
  swap: Record<string, string>,
): Promise<Line> {
  const dir = await Deno.makeTempDir({ prefix: "selfcheck_types_" });
  try {
    const map = await importMapArgs(root, scratchSwaps(swap), dir);
    const check = await command([
      "check",
      ...map,
      ...copies.map((c) => c.path),
    ]);
    return check.ok
      ? ok(`the ${copies.length} mistaken answers and wrong layers type-check`)
      : bad(
        "type errors in mistaken answers (each file is <kata>/<mistake>.mistake.ts)",
        lastLines(check.output, 30),
      );
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

async function checkMistake(
  kata: KataEntry,
  swap: Record<string, string>,
  mistake: MistakeCopy,
): Promise<Line> {
  const result = await runSpec({
    root,
    kata,
    // Mistaken answers are type-checked once, all together, up front.
    check: false,
    swap: {
      ...scratchSwaps(swap),
      [`katas/${kata.name}/${kata.file}`]: mistake.path,
    },
  });
  const caught = result.tests.filter((t) => !t.passed);
  if (caught.length > 0) {
    return ok(
      `mistake ${mistake.name} rejected by ${quote(caught.map((t) => t.name))}`,
    );
  }
  if (result.tests.length > 0) {
    return bad(
      `mistake ${mistake.name} passes every test: the spec lets this mistake through`,
    );
  }
  return bad(
    `mistake ${mistake.name} did not run (a crash is not a rejection)`,
    describeCrash(result),
  );
}

async function checkStub(
  kata: KataEntry,
  swap: Record<string, string>,
): Promise<Line> {
  const path = `katas/${kata.name}/${kata.file}`;
  const stub = await shippedStubOf(root, kata);
  if (stub === undefined) {
    const why = `stub check skipped: no shipped version of ${path} was found ` +
      `(neither in git history nor in the working tree)`;
    // On a maintainer's clone and in CI the stub must be there.
    return Deno.env.get("CI") ? bad(why) : ok(why);
  }
  const copy = await writeScratch(root, SCRATCH, kata, kata.file, stub.text);
  const result = await runSpec({
    root,
    kata,
    swap: { ...scratchSwaps(swap), [path]: copy },
  });
  const failed = result.tests.filter((t) => !t.passed);
  if (failed.length === 0) {
    return result.tests.length
      ? bad("the shipped stub passes every test")
      : bad("the shipped stub does not load", describeCrash(result));
  }
  const foreign = failed.filter((t) =>
    !t.message?.startsWith("NotImplementedError")
  );
  if (foreign.length) {
    return bad(
      `the shipped stub fails ${foreign.length} test(s) with something other than NotImplementedError`,
      foreign.map((t) => `${t.name}:\n${t.message}`).join("\n\n"),
    );
  }
  return ok(
    `stub fails with NotImplementedError in ${failed.length} of ${result.tests.length} tests` +
      ` (stub from ${stub.source})`,
  );
}

/**
 * The tests whose output holds a failed `console.assert`: a doc example's
 * check that only prints ("Assertion failed: ...") and lets the test pass.
 *
 * @example
 * ```ts
 * import { failedConsoleAsserts } from "./main.ts";
 * const output = "file:///lib/a.ts$3-8.ts ...\nAssertion failed: x\n" +
 *   "file:///lib/a.ts$3-8.ts ... ok (1ms)";
 * const found = failedConsoleAsserts(output);
 * if (found.join() !== "file:///lib/a.ts$3-8.ts: Assertion failed: x") {
 *   throw new Error(`found ${found}`);
 * }
 * ```
 */
export function failedConsoleAsserts(output: string): string[] {
  const found: string[] = [];
  let test = "";
  for (const line of output.split("\n")) {
    const started = line.match(/^(\S+) \.\.\.$/);
    if (started) test = started[1];
    if (line.startsWith("Assertion failed")) found.push(`${test}: ${line}`);
  }
  return found;
}

async function command(
  args: string[],
): Promise<{ ok: boolean; output: string }> {
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: root,
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
    stdin: "null",
  }).output();
  const text = new TextDecoder();
  return { ok: success, output: text.decode(stdout) + text.decode(stderr) };
}

function print(line: Line): void {
  console.log(`  ${line.ok ? "ok  " : "FAIL"} ${line.text}`);
  if (!line.ok && line.detail) {
    console.log(line.detail.replace(/^/gm, "         "));
  }
}

async function main(): Promise<number> {
  const manifest = await loadManifest(root);
  const wanted = Deno.args.filter((a) => !a.startsWith("-"));
  const unknown = wanted.filter((w) =>
    !manifest.katas.some((k) => k.name === w)
  );
  if (unknown.length) {
    console.error(
      `selfcheck: no kata named ${quote(unknown)} in katas/manifest.json`,
    );
    return 2;
  }
  const katas = wanted.length
    ? manifest.katas.filter((k) => wanted.includes(k.name))
    : manifest.katas;
  const lines: Line[] = [];
  const started = performance.now();

  if (!wanted.length) {
    console.log("Toolkit: deno test --doc lib/");
    const lib = await command(["test", "--allow-all", "--doc", "lib/"]);
    const summary = lib.output.match(/^(ok|FAILED) \|.*$/m)?.[0] ??
      "no summary";
    const unasserted = failedConsoleAsserts(lib.output);
    const line = !lib.ok
      ? bad(`toolkit tests: ${summary}`, lastLines(lib.output, 40))
      : unasserted.length > 0
      ? bad(
        `a console.assert failed in ${unasserted.length} doc example(s), ` +
          "which deno test does not count as a failure",
        unasserted.join("\n"),
      )
      : ok(`toolkit tests and doc examples: ${summary}`);
    print(line);
    lines.push(line);

    console.log("Type check: deno check lib/ solutions/");
    const check = await command(["check", "lib/", "solutions/"]);
    const checkLine = check.ok
      ? ok("lib/ and solutions/ type-check")
      : bad("type errors in lib/ or solutions/", lastLines(check.output, 30));
    print(checkLine);
    lines.push(checkLine);
  }

  if (!wanted.length) {
    const stray = await strayFolders(root, manifest);
    const strayLine = stray.length
      ? bad(`folders missing from katas/manifest.json: ${stray.join(", ")}`)
      : ok("every folder under katas/ and solutions/ is in the manifest");
    print(strayLine);
    lines.push(strayLine);
  }

  await Deno.remove(join(root, SCRATCH), { recursive: true }).catch(() => {});
  const swap = await solutionSwaps(root, manifest);
  const { written, unavailable } = await writeMistakes(katas);
  if (unavailable) {
    console.log("Classic mistakes: applied with the diff library npm:diff");
    print(unavailable);
    lines.push(unavailable);
  }
  const hunts = await Promise.all(
    katas.map((kata) =>
      isHunt(kata)
        ? prepareHunt({ root, manifest, scratch: SCRATCH }, kata)
        : { layers: [], lines: [] }
    ),
  );
  const copies = [
    ...written.flatMap((w) => w.copies),
    ...hunts.flatMap((h) => h.layers),
  ];
  if (copies.length) {
    console.log("Type check: the worked answers with each mistake applied");
    const typesLine = await checkMistakeTypes(copies, swap);
    print(typesLine);
    lines.push(typesLine);
  }
  const parallel = Math.max(1, Math.min(4, navigator.hardwareConcurrency ?? 2));
  // Each kata's checks are queued as jobs; reports print in manifest order.
  const perKata = await Promise.all(katas.map(async (kata, i) => {
    const completeness = [
      ...await checkCompleteness(root, kata, manifest),
      ...written[i].lines,
      ...hunts[i].lines,
    ];
    const runnable = await exists(`katas/${kata.name}/${kata.spec}`) &&
      await exists(`solutions/${kata.name}/${kata.file}`);
    const jobs: (() => Promise<Line>)[] = !runnable
      ? []
      : isHunt(kata)
      ? huntJobs(
        { root, manifest, scratch: SCRATCH },
        kata,
        hunts[i].layers,
        written[i].copies,
      )
      : [
        () => checkSolution(kata, swap),
        () => checkStub(kata, swap),
        ...written[i].copies.map((m) => () => checkMistake(kata, swap, m)),
      ];
    return { kata, completeness, jobs };
  }));
  const allJobs = perKata.flatMap((p) => p.jobs);
  const results = await pool(allJobs, parallel);
  let at = 0;
  for (const { kata, completeness, jobs } of perKata) {
    console.log(`${kata.name} (${kata.title}, book ${kata.book})`);
    const kataLines = [...completeness, ...results.slice(at, at + jobs.length)];
    at += jobs.length;
    kataLines.forEach(print);
    lines.push(...kataLines);
  }
  await Deno.remove(join(root, SCRATCH), { recursive: true }).catch(() => {});

  const failed = lines.filter((l) => !l.ok).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // The summary alone on the last line, so that CI reads it as a count.
  console.log(`\nTook ${seconds} s.`);
  console.log(`selfcheck: ${lines.length - failed} passed, ${failed} failed`);
  if (failed) {
    console.log(
      `Failed checks are marked FAIL above; rerun one kata with: deno task test <kata>`,
    );
  }
  return failed ? 1 : 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (e) {
    console.error(`selfcheck: ${e instanceof Error ? e.message : e}`);
    console.error("Run it from the repository root: deno task test [kata ...]");
    Deno.exit(2);
  }
}
