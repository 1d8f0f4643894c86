/**
 * Installs StrykerJS into its own folder on first use (`npm ci` there), and
 * again when its `package.json` asks for another version than the one
 * installed.
 *
 * @module
 */

import { join } from "node:path";
import { STRYKER_DIR } from "./paths.ts";

/** StrykerJS's command-line entry point, relative to the repository root. */
export const STRYKER_BIN =
  `${STRYKER_DIR}/node_modules/@stryker-mutator/core/bin/stryker.js`;

async function readJson(path: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    return {};
  }
}

/**
 * Makes sure StrykerJS is installed as `lib/tools/mutate/stryker/package.json`
 * says; throws an error that says what to do when it cannot install it.
 *
 * @example
 * ```ts ignore
 * import { ensureStryker } from "./install.ts";
 * await ensureStryker(Deno.cwd());
 * ```
 */
export async function ensureStryker(root: string): Promise<void> {
  const dir = join(root, STRYKER_DIR);
  const wanted = ((await readJson(join(dir, "package.json")))
    .devDependencies as Record<string, string> | undefined)
    ?.["@stryker-mutator/core"];
  const installed = (await readJson(
    join(dir, "node_modules/@stryker-mutator/core/package.json"),
  )).version;
  if (wanted !== undefined && wanted === installed) return;
  console.log(
    `Installing StrykerJS ${wanted} into ${STRYKER_DIR}/node_modules (npm ci, once)`,
  );
  let status: Deno.CommandStatus;
  try {
    status = await new Deno.Command("npm", {
      args: ["ci", "--no-audit", "--no-fund", "--loglevel=error"],
      cwd: dir,
      stdin: "null",
    }).spawn().status;
  } catch (e) {
    throw new Error(
      `cannot run npm to install StrykerJS (${
        (e as Error).message
      }): install Node.js, which brings npm`,
    );
  }
  if (!status.success) {
    throw new Error(
      `npm ci in ${STRYKER_DIR} failed (exit code ${status.code}); its output is above`,
    );
  }
}
