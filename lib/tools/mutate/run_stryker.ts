/**
 * Runs StrykerJS over one kata's worked answer, under Deno (see the README's
 * "Mutation testing" for why not Node), and returns its JSON report.
 *
 * @module
 */

import { join } from "node:path";
import type { KataEntry } from "../manifest.ts";
import { STRYKER_BIN } from "./install.ts";
import { WORK_DIR } from "./paths.ts";
import { reportFiles, strykerConfig } from "./stryker_config.ts";

/**
 * Runs StrykerJS for `kata` from the repository `root`, mutating `mutate`
 * (see `mutatedFile` in `paths.ts`), its output shown as
 * it goes; returns the parsed JSON report, or throws an error naming the kata
 * when StrykerJS fails.
 *
 * @example
 * ```ts ignore
 * import { runStryker } from "./run_stryker.ts";
 * import { loadManifest } from "../manifest.ts";
 * const { katas } = await loadManifest(".");
 * const report = await runStryker(Deno.cwd(), katas[0], false, "solutions/perceptron_gates/gates.ts");
 * ```
 */
export async function runStryker(
  root: string,
  kata: KataEntry,
  force: boolean,
  mutate: string,
): Promise<unknown> {
  const config = `${WORK_DIR}/configs/${kata.name}.json`;
  const report = join(root, reportFiles(kata.name).json);
  await Deno.mkdir(join(root, WORK_DIR, "configs"), { recursive: true });
  await Deno.writeTextFile(
    join(root, config),
    JSON.stringify(
      strykerConfig(kata, { deno: Deno.execPath(), force, mutate }),
      null,
      2,
    ),
  );
  // An earlier run's report must not pass for this one's.
  await Deno.remove(report).catch(() => {});
  const status = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", STRYKER_BIN, "run", config],
    cwd: root,
    stdin: "null",
  }).spawn().status;
  if (!status.success) {
    throw new Error(
      `${kata.name}: StrykerJS failed (exit code ${status.code}); its output is above`,
    );
  }
  return JSON.parse(await Deno.readTextFile(report));
}
