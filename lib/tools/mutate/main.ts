/**
 * `deno task mutate [--check] [--force] [kata ...]`: mutation testing of the
 * worked answers with StrykerJS, and the check that the recorded scores are
 * current. See the README's "Mutation testing".
 *
 * @module
 */

import { join } from "node:path";
import { type KataEntry, loadManifest, type Manifest } from "../manifest.ts";
import { matchEquivalents, parseEquivalents } from "./equivalents.ts";
import { contextHash, scoredFiles } from "./fingerprint.ts";
import { ensureStryker } from "./install.ts";
import { equivalentsFile, mutatedFile, SCORES_FILE } from "./paths.ts";
import {
  checkScores,
  type Counts,
  MIN_SCORE,
  mutationScore,
  parseScores,
  type Scores,
} from "./record.ts";
import { type Mutant, mutantsOf } from "./report.ts";
import { runStryker } from "./run_stryker.ts";
import { reportFiles } from "./stryker_config.ts";
import { summaryTable } from "./summary.ts";

const USAGE = `Usage: deno task mutate [--check] [--force] [kata ...]

  (no option)  run StrykerJS over each kata's worked answer (all katas, or
               those named) and record the scores in ${SCORES_FILE}
  --force      run every mutant again instead of reusing the incremental file
  --check      fast, without StrykerJS: fail when a recorded score is stale
               (its answer, spec or equivalent mutants changed since) or
               below ${MIN_SCORE} %`;

const root = Deno.cwd();

interface Options {
  check: boolean;
  force: boolean;
  names: string[];
}

function parseArgs(args: string[]): Options {
  const options: Options = { check: false, force: false, names: [] };
  for (const arg of args) {
    if (arg === "--check") options.check = true;
    else if (arg === "--force") options.force = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      Deno.exit(0);
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option "${arg}"\n\n${USAGE}`);
    } else options.names.push(arg);
  }
  if (options.check && options.force) {
    throw new Error(`--check runs nothing, so --force means nothing with it`);
  }
  return options;
}

function selectKatas(manifest: Manifest, names: string[]): KataEntry[] {
  if (names.length === 0) return manifest.katas;
  return names.map((name) => {
    const kata = manifest.katas.find((k) => k.name === name);
    if (kata === undefined) {
      throw new Error(
        `no kata named "${name}" in katas/manifest.json (see deno task start list)`,
      );
    }
    return kata;
  });
}

async function loadScores(): Promise<Scores> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, SCORES_FILE));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { katas: {} };
    throw e;
  }
  return parseScores(JSON.parse(text), SCORES_FILE);
}

async function saveScores(manifest: Manifest, scores: Scores): Promise<void> {
  // In manifest order, so that a rerun of one kata moves no other line.
  const katas = Object.fromEntries(
    manifest.katas.filter((k) => k.name in scores.katas).map((
      k,
    ) => [k.name, scores.katas[k.name]]),
  );
  await Deno.mkdir(join(root, SCORES_FILE, ".."), { recursive: true });
  await Deno.writeTextFile(
    join(root, SCORES_FILE),
    JSON.stringify({ katas }, null, 2) + "\n",
  );
}

async function check(manifest: Manifest, names: string[]): Promise<number> {
  const katas = selectKatas(manifest, names);
  const scores = await loadScores();
  const current = await Promise.all(
    katas.map(async (k) => ({
      name: k.name,
      files: await scoredFiles(root, manifest, k),
      context: await contextHash(root, manifest, k),
    })),
  );
  // A record of a kata left out by name is not a stray.
  const recorded = names.length === 0 ? scores : {
    katas: Object.fromEntries(
      names.filter((n) => n in scores.katas).map((n) => [n, scores.katas[n]]),
    ),
  };
  const problems = checkScores(recorded, current);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) return 1;
  const what = katas.length === 1 ? "1 kata" : `${katas.length} katas`;
  console.log(
    `mutation scores of ${what}: recorded, current and at least ${MIN_SCORE} %`,
  );
  return 0;
}

function countOutcomes(mutants: Mutant[], equivalent: Set<string>): Counts {
  const counts = {
    killed: 0,
    survived: 0,
    timedOut: 0,
    equivalent: 0,
    errors: 0,
  };
  for (const m of mutants) {
    if (equivalent.has(m.id)) counts.equivalent++;
    else if (m.status === "Killed") counts.killed++;
    else if (m.status === "Timeout") counts.timedOut++;
    // Without coverage analysis every mutant runs the whole spec, but a
    // mutant StrykerJS found no test for is a survivor all the same.
    else if (m.status === "Survived" || m.status === "NoCoverage") {
      counts.survived++;
    } else counts.errors++;
  }
  return counts;
}

function shorten(code: string, max = 60): string {
  const flat = code.replace(/\s+/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

async function readEquivalents(kata: KataEntry) {
  const path = equivalentsFile(kata.name);
  try {
    return parseEquivalents(await Deno.readTextFile(join(root, path)), path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}

async function mutateKata(
  manifest: Manifest,
  kata: KataEntry,
  scores: Scores,
  forceAll: boolean,
): Promise<{ counts?: Counts; problems: string[] }> {
  const files = await scoredFiles(root, manifest, kata);
  const context = await contextHash(root, manifest, kata);
  const force = forceAll || scores.katas[kata.name]?.context !== context;
  const mutate = mutatedFile(manifest, kata);
  console.log(
    `${kata.name}: mutating ${mutate}${
      force ? "" : " (incremental: only what changed runs)"
    }`,
  );
  const report = await runStryker(root, kata, force, mutate);
  const mutants = mutantsOf(report, mutate);
  const { ids, problems } = matchEquivalents(
    await readEquivalents(kata),
    mutants,
    equivalentsFile(kata.name),
  );
  const counts = countOutcomes(mutants, ids);
  const survivors = mutants.filter((m) =>
    !ids.has(m.id) && (m.status === "Survived" || m.status === "NoCoverage")
  );
  const score = mutationScore(counts);
  console.log(
    `${kata.name}: ${counts.killed} killed, ${counts.survived} survived, ${counts.timedOut} timed out, ${counts.equivalent} equivalent: ${
      score === undefined ? "no mutants" : `${score.toFixed(1)} %`
    }`,
  );
  for (const m of survivors) {
    console.log(
      `  survived: line ${m.line}, ${m.mutator}: ${shorten(m.original)} -> ${
        shorten(m.replacement)
      }`,
    );
  }
  if (problems.length > 0) return { problems };
  scores.katas[kata.name] = { files, context, counts };
  await saveScores(manifest, scores);
  return { counts, problems: [] };
}

async function mutate(manifest: Manifest, options: Options): Promise<number> {
  const katas = selectKatas(manifest, options.names);
  await ensureStryker(root);
  const scores = await loadScores();
  const rows = [];
  const problems: string[] = [];
  for (const kata of katas) {
    try {
      const result = await mutateKata(manifest, kata, scores, options.force);
      if (result.counts) rows.push({ name: kata.name, counts: result.counts });
      problems.push(...result.problems);
    } catch (e) {
      problems.push(`${kata.name}: ${(e as Error).message}`);
    }
  }
  if (rows.length > 0) {
    console.log(`\n${summaryTable(rows)}\n`);
    console.log(
      `StrykerJS's reports (survivors in context): ${
        reportFiles("<kata>").html
      }`,
    );
  }
  for (const problem of problems) console.error(problem);
  return problems.length > 0 ? 1 : 0;
}

if (import.meta.main) {
  try {
    const options = parseArgs(Deno.args);
    const manifest = await loadManifest(root);
    Deno.exit(
      options.check
        ? await check(manifest, options.names)
        : await mutate(manifest, options),
    );
  } catch (e) {
    console.error(`deno task mutate: ${(e as Error).message}`);
    Deno.exit(2);
  }
}
