/**
 * `reset <kata>` and `reset --all`: put the shipped stub back in place of the
 * learner's file, after saving the learner's file to
 * `.katas/backups/<timestamp>/` and saying where. It asks first in a
 * terminal, and needs `--yes` elsewhere. A file that is already the stub is
 * left alone.
 *
 * @module
 */

import type { KataEntry } from "../../manifest.ts";
import { shippedStubOf, shippedVersion } from "../../shipped.ts";
import { backupFiles } from "../state/backup.ts";
import type { Context } from "../state/context.ts";
import { exists, inRoot, kataPaths } from "../state/paths.ts";
import { kataProgress, updateProgress } from "../state/progress.ts";
import { wrap } from "../screen/style.ts";

interface Plan {
  kata: KataEntry;
  file: string;
  stub: string;
  source: string;
  existed: boolean;
}

/** How `reset` asks for a yes. */
export type Ask = (question: string) => boolean;

/**
 * Resets the given katas' files to their shipped stubs (their specs, with
 * `spec`); returns the exit code. `ask` is called once, in a terminal,
 * unless `yes` is set.
 *
 * @example
 * ```ts ignore
 * import { resetCommand } from "./reset.ts";
 * Deno.exit(await resetCommand(ctx, [kata], { yes: true }));
 * ```
 */
export async function resetCommand(
  ctx: Context,
  katas: KataEntry[],
  options: { yes: boolean; ask?: Ask; spec?: boolean },
): Promise<number> {
  const { style } = ctx;
  const what = options.spec ? "spec" : "stub";
  const plans: Plan[] = [];
  let problems = 0;
  for (const kata of katas) {
    const paths = kataPaths(kata);
    if (!await exists(inRoot(ctx.root, paths.dir))) {
      if (katas.length === 1) {
        ctx.out(
          `Kata ${kata.name} is not in your copy: there is nothing to reset.`,
        );
        problems++;
      }
      continue;
    }
    const file = options.spec ? paths.spec : paths.file;
    const stub = options.spec
      ? await shippedVersion(ctx.root, file)
      : await shippedStubOf(ctx.root, kata);
    if (!stub) {
      ctx.out(wrap(
        `Cannot find the shipped ${what} of ${file} (it is looked for in ` +
          `git history): left as it is.`,
        style.width,
      ));
      problems++;
      continue;
    }
    const current = await Deno.readTextFile(inRoot(ctx.root, file))
      .catch(() => undefined);
    if (current === stub.text) {
      if (katas.length === 1) {
        ctx.out(`${file} is already the ${what} as shipped.`);
      }
      continue;
    }
    plans.push({
      kata,
      file,
      stub: stub.text,
      source: stub.source,
      existed: current !== undefined,
    });
  }
  if (plans.length === 0) {
    if (katas.length > 1) {
      ctx.out(`Every kata's ${what} is already as shipped.`);
    }
    return problems ? 1 : 0;
  }
  const files = plans.length === 1
    ? plans[0].file
    : `${plans.length} files (${plans.map((p) => p.kata.name).join(", ")})`;
  if (!options.yes) {
    if (!ctx.interactive || !options.ask) {
      ctx.out(wrap(
        `reset would replace ${files} with the shipped ${what}: add --yes to ` +
          `confirm (there is no terminal to ask in).`,
        style.width,
      ));
      return 2;
    }
    ctx.out(wrap(
      `This replaces ${files} with the shipped ${what}. ${
        plans.length === 1 ? "Your file is" : "Your files are"
      } saved to .katas/backups/ first.`,
      style.width,
    ));
    const ok = options.ask("Reset?");
    if (!ok) {
      ctx.out("Nothing was changed.");
      return 1;
    }
  }
  const now = ctx.now();
  const dir = await backupFiles(ctx.root, plans.map((p) => p.file), now);
  for (const plan of plans) {
    await Deno.writeTextFile(inRoot(ctx.root, plan.file), plan.stub);
  }
  if (!options.spec) {
    await updateProgress(ctx.root, now, (p) => {
      for (const plan of plans) {
        const k = kataProgress(p, plan.kata.name);
        k.status = "not started";
        k.resetAt = now.toISOString();
      }
    });
  }
  for (const plan of plans) {
    if (plan.existed) {
      ctx.out(`Saved your ${plan.file} to`);
      ctx.out(`  ${dir}/${plan.file}`);
    }
    ctx.out(
      wrap(`Restored ${plan.file} as shipped (${plan.source}).`, style.width),
    );
  }
  return problems ? 1 : 0;
}
