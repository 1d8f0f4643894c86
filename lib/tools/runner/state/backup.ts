/**
 * Backups of the learner's files, taken before the runner overwrites one:
 * `.katas/backups/<timestamp>/<the file's path in the repository>`. The
 * `.katas/` folder is git-ignored and excluded from Deno's tools.
 *
 * @module
 */

import { dirname } from "node:path";
import { exists, inRoot } from "./paths.ts";

/** The folder, relative to the repository, that holds every backup. */
export const BACKUP_DIR = ".katas/backups";

/**
 * A timestamp usable in a file name on every platform (no `:`), in UTC.
 *
 * @example
 * ```ts
 * import { fileStamp } from "./backup.ts";
 * console.assert(fileStamp(new Date("2025-11-27T22:43:05.123Z")) === "2025-11-27T22-43-05Z");
 * ```
 */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
}

/**
 * Copies each of `files` (repository paths with `/`; missing ones are
 * skipped) into a new folder `.katas/backups/<timestamp>/`, keeping their
 * paths, and returns that folder (repository path with `/`). An existing
 * backup is never overwritten: a second backup in the same second gets a
 * folder of its own.
 *
 * @example
 * ```ts ignore
 * import { backupFiles } from "./backup.ts";
 * const dir = await backupFiles(".", ["katas/relu_layer/relu.ts"], new Date());
 * console.log(`saved to ${dir}/katas/relu_layer/relu.ts`);
 * ```
 */
export async function backupFiles(
  root: string,
  files: string[],
  now: Date,
): Promise<string> {
  const stamp = fileStamp(now);
  let dir = `${BACKUP_DIR}/${stamp}`;
  for (let n = 2; await exists(inRoot(root, dir)); n++) {
    dir = `${BACKUP_DIR}/${stamp}-${n}`;
  }
  await Deno.mkdir(inRoot(root, dir), { recursive: true });
  for (const file of files) {
    const from = inRoot(root, file);
    if (!await exists(from)) continue;
    const to = inRoot(root, `${dir}/${file}`);
    await Deno.mkdir(dirname(to), { recursive: true });
    await Deno.copyFile(from, to);
  }
  return dir;
}
