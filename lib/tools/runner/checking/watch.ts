/**
 * Watch mode: check, show the screen, and check again on every save under
 * `katas/` (debounced; a check still running is abandoned for the newer one).
 * For `start` it moves on by itself when the current kata passes and says so;
 * for `kata <ref> --watch` it stays on that kata. The screen is cleared
 * between checks on a terminal. Type errors come from a long-lived language
 * server once it is up, which keeps the verdict after a save well under a
 * second.
 *
 * @module
 */

import { join } from "node:path";
import type { KataEntry } from "../../manifest.ts";
import type { Context } from "../state/context.ts";
import { showNextHint } from "../screen/hint_screen.ts";
import { oneKataScreen, passScreen, rebuildNote } from "../screen/screens.ts";
import { checkOne } from "./check_one.ts";
import { type KeyAction, listenForKeys } from "../screen/keys.ts";
import { LazyLsp } from "./lsp_check.ts";
import { displayPath, kataPaths } from "../state/paths.ts";
import { loadProgress } from "../state/progress.ts";
import type { HostLink } from "../state/host_link.ts";
import { chooseStart, fromNote } from "../state/start_at.ts";
import { internalLine, kataTitle } from "../screen/report.ts";
import { recordPass, runPass } from "./pass.ts";
import { wrap } from "../screen/style.ts";
import type { Verdict } from "./verdict.ts";
import { FileWatcher } from "./watch_files.ts";

/** What to watch: the walk through all katas, or one kata. */
export type WatchTarget =
  | { kind: "start"; fromRef?: string }
  | { kind: "kata"; kata: KataEntry; useSolutions: boolean };

/** How to watch. */
export interface WatchOptions {
  /** Poll for changes instead of using file events. */
  poll: boolean;
  /** The workshop host to tell of each check, when joined. */
  host?: HostLink;
}

/**
 * Runs watch mode until the learner quits; returns the exit code.
 *
 * @example
 * ```ts ignore
 * import { watch } from "./watch.ts";
 * Deno.exit(await watch(ctx, { kind: "start" }, { poll: false }));
 * ```
 */
export async function watch(
  ctx: Context,
  target: WatchTarget,
  options: WatchOptions,
): Promise<number> {
  const { style } = ctx;
  const { katas } = ctx.manifest;
  // Type errors through a language server, except where an import map swaps
  // in worked answers (the server does not see it).
  const lsp = target.kind === "start" || !target.useSolutions
    ? new LazyLsp(ctx.root)
    : undefined;
  let note = rebuildNote(await loadProgress(ctx.root, ctx.now()));
  const start = target.kind === "start"
    ? await chooseStart(ctx, target.fromRef)
    : 0;
  const startNote = fromNote(start);
  if (startNote) note = note ? `${note}\n${startNote}` : startNote;
  let current: KataEntry | undefined = target.kind === "kata"
    ? target.kata
    : undefined;
  let currentIndex = -1;
  let controller: AbortController | undefined;
  let screens = 0;

  const footer = () => {
    const how = watcher.mode === "events"
      ? "file events"
      : options.poll
      ? "polling every 0.3 s"
      : "polling every 0.3 s, as file events are not available";
    const keys = ctx.interactive
      ? "q quits, h shows a hint, Enter checks again."
      : "Ctrl-C quits.";
    return style.dim(
      wrap(`Watching katas/ for changes (${how}). ${keys}`, style.width),
    );
  };

  const show = (text: string) => {
    const head = style.terminal
      ? style.clearScreen()
      : screens > 0
      ? "\n" + "-".repeat(style.width) + "\n"
      : "";
    screens++;
    const noteText = note ? style.dim(wrap(note, style.width)) + "\n\n" : "";
    note = undefined;
    ctx.out(head + noteText + text + "\n\n" + footer());
  };

  const movedOn = (solved: Verdict[]) =>
    solved.map((v) =>
      `${style.green(style.bold("SOLVED"))}  ${
        kataTitle(v.kata, v.number, katas.length)
      }`
    ).join("\n") + "\n" + style.green("Moving on to the next kata.") + "\n\n";

  const check = async (changed: string[] | undefined) => {
    controller?.abort();
    const ac = new AbortController();
    controller = ac;
    const signal = ac.signal;
    try {
      // The file may be damaged while watching (an editor, a second runner):
      // the rebuild is said on the next screen, as at the start.
      const loaded = await loadProgress(ctx.root, ctx.now());
      if (loaded.problem === "corrupt" || loaded.problem === "repaired") {
        note = rebuildNote(loaded);
      }
      if (target.kind === "kata") {
        const { verdict, progress } = await checkOne(ctx, target.kata, {
          useSolutions: target.useSolutions,
          lsp: lsp?.current,
          signal,
        });
        if (signal.aborted) return;
        show(await oneKataScreen(ctx, verdict, progress, ctx.interactive));
        return;
      }
      const before = currentIndex;
      const changedKatas = (changed ?? []).map((f) =>
        katas.findIndex((k) =>
          displayPath(ctx.root, f).startsWith(kataPaths(k).dir + "/")
        )
      ).filter((i) => i >= 0);
      const from = before < 0
        ? start
        : Math.max(start, Math.min(before, ...changedKatas));
      const pass = await runPass(ctx, {
        from,
        lsp,
        signal,
        solutionsBefore: start,
      });
      if (signal.aborted) return;
      const progress = await recordPass(ctx, pass);
      options.host?.report(progress);
      currentIndex = pass.current ? pass.current.number - 1 : katas.length;
      current = pass.current?.kata;
      const solved = before < 0
        ? []
        : pass.checked.filter((v) =>
          v.status === "solved" && v.number - 1 >= before
        );
      show(
        (solved.length ? movedOn(solved) : "") +
          await passScreen(ctx, pass, progress, ctx.interactive),
      );
    } catch (e) {
      if (signal.aborted) return;
      show(internalLine(e));
    }
  };

  const watcher = await FileWatcher.start({
    dir: join(ctx.root, "katas"),
    extensions: [".ts"],
    forcePoll: options.poll,
    onChange: (files) => check(files),
  });
  await check(undefined);
  // Start the language server and warm it up on the current kata, so that
  // the first save is as fast as the rest.
  if (current) {
    const paths = kataPaths(current);
    lsp?.start([paths.file, paths.spec]);
  }

  const quit = Promise.withResolvers<void>();
  const stopKeys = listenForKeys((action: KeyAction) => {
    if (action === "quit") quit.resolve();
    else if (action === "rerun") check(undefined);
    else if (current) {
      ctx.out("");
      showNextHint(ctx, current).catch((e) => ctx.out(internalLine(e)));
    }
  });
  await quit.promise;
  stopKeys();
  controller?.abort();
  watcher.close();
  await lsp?.close();
  if (options.host) {
    const { progress } = await loadProgress(ctx.root, ctx.now());
    options.host.report(progress, true);
    await options.host.close();
  }
  ctx.out(
    "\nStopped watching. Your progress is saved in .katas/progress.json.",
  );
  return 0;
}
