/**
 * The learner's progress, kept in `.katas/progress.json` (git-ignored): each
 * kata's last known status, the hints shown and when things happened. Test
 * results are the truth and the file is a record of them: when it is missing
 * or unreadable the runner starts a new one from the test results and says so
 * (an unreadable file is kept beside it, never deleted).
 *
 * @module
 */

import { fileStamp } from "./backup.ts";
import type { Manifest } from "../../manifest.ts";
import { exists, inRoot } from "./paths.ts";
import type { KataStatus, Verdict } from "../checking/verdict.ts";

/** The progress file, relative to the repository. */
export const PROGRESS_FILE = ".katas/progress.json";

/**
 * A kata's recorded status: what the last check found, or
 * `solved-with-solutions` when it last passed only with worked answers
 * standing in for the earlier katas it imports.
 */
export type RecordedStatus = KataStatus | "solved-with-solutions";

/** What is recorded of one kata. */
export interface KataProgress {
  /** The status the last check found. */
  status: RecordedStatus;
  /** How many hint levels have been shown (0 for none). */
  hintsShown: number;
  /** When the runner first checked the kata (ISO 8601). */
  firstRunAt?: string;
  /** When it last checked it. */
  lastRunAt?: string;
  /** When the kata first passed. */
  solvedAt?: string;
  /** When it last passed with worked answers in place of earlier katas. */
  passedWithSolutionsAt?: string;
  /** When the learner's file was last reset to the stub. */
  resetAt?: string;
  /** When the worked answer was last shown. */
  solutionShownAt?: string;
  /** The SHA-256 of the learner's file when it was last checked. */
  fileHash?: string;
  /** The name of the most telling failing test, when the last check failed. */
  failingTest?: string;
  /** For a bug hunt: how many wrong layers the learner's spec caught. */
  bugHunt?: HuntCount;
}

/** A bug hunt's count: wrong layers caught, of how many. */
export interface HuntCount {
  /** Wrong layers the learner's spec catches. */
  caught: number;
  /** Wrong layers in the hunt. */
  total: number;
}

function isHuntCount(x: unknown): x is HuntCount {
  const c = x as HuntCount;
  return typeof c === "object" && c !== null &&
    Number.isInteger(c.caught) && Number.isInteger(c.total) &&
    c.caught >= 0 && c.caught <= c.total;
}

/** The whole progress file. */
export interface Progress {
  /** The format of this file. */
  version: 1;
  /** When the file was started. */
  startedAt: string;
  /** When it was last written. */
  updatedAt: string;
  /** The first kata in order that does not pass, or null when all do. */
  current: string | null;
  /** Each kata the runner has seen, by name. */
  katas: Record<string, KataProgress>;
  /**
   * The kata the learner chose to start at (`start --from`, `kata
   * --use-solutions`): the katas before it come from `solutions/`.
   */
  from?: string;
  /** The learner's name, as given once with `--name`. */
  learner?: string;
}

/** A progress file as loaded, and what was wrong with the one on disk. */
export interface LoadedProgress {
  /** The progress (new and empty if the file was missing or unreadable). */
  progress: Progress;
  /**
   * Why the file on disk could not be used as it was: missing, corrupt
   * (unreadable, rebuilt from the test results) or repaired (the fields
   * that were wrong were dropped or reset, the rest kept).
   */
  problem?: "missing" | "corrupt" | "repaired";
  /** For a corrupt or repaired file: what was wrong with it. */
  reason?: string;
  /** For a corrupt file: where it was moved to (repository path). */
  keptAs?: string;
}

const STATUSES: RecordedStatus[] = [
  "solved",
  "solved-with-solutions",
  "failing",
  "not started",
  "missing",
];

/**
 * A new, empty progress record.
 *
 * @example
 * ```ts
 * import { newProgress } from "./progress.ts";
 * const p = newProgress(new Date(0));
 * console.assert(p.current === null && Object.keys(p.katas).length === 0);
 * ```
 */
export function newProgress(now: Date): Progress {
  const at = now.toISOString();
  return { version: 1, startedAt: at, updatedAt: at, current: null, katas: {} };
}

/** A progress record read from JSON, and what had to be mended in it. */
export interface RepairedProgress {
  /** The record, with every field it could keep. */
  progress: Progress;
  /** One clause for each field that was dropped or reset. */
  repairs: string[];
}

const isTime = (x: unknown) =>
  typeof x === "string" && !Number.isNaN(Date.parse(x));

/**
 * Reads parsed JSON as a progress record, field by field: a field that is
 * wrong is dropped (or reset) and said in `repairs`, the rest is kept.
 * Throws only when the JSON is not a version 1 progress record at all.
 *
 * @example
 * ```ts
 * import { repairProgress } from "./progress.ts";
 * const { progress, repairs } = repairProgress({ version: 1, startedAt: "2026-01-01T00:00:00Z",
 *   updatedAt: "x", current: null,
 *   katas: { relu_layer: { status: "solved", hintsShown: 1 }, sigmoid: { status: 7, hintsShown: 2 } } });
 * console.assert(progress.katas.relu_layer.hintsShown === 1);
 * console.assert(progress.katas.sigmoid.status === "not started" && progress.katas.sigmoid.hintsShown === 2);
 * console.assert(repairs.length === 2, repairs.join("; "));
 * let threw = false;
 * try { repairProgress({ version: 2 }); } catch { threw = true; }
 * console.assert(threw);
 * ```
 */
export function repairProgress(json: unknown): RepairedProgress {
  const p = json as Record<string, unknown>;
  if (typeof p !== "object" || p === null || p.version !== 1) {
    throw new Error("it is not a version 1 progress record");
  }
  const repairs: string[] = [];
  const now = new Date().toISOString();
  const time = (field: "startedAt" | "updatedAt") => {
    if (isTime(p[field])) return p[field] as string;
    repairs.push(`${field} was not a timestamp`);
    return now;
  };
  const progress: Progress = {
    version: 1,
    startedAt: time("startedAt"),
    updatedAt: time("updatedAt"),
    current: null,
    katas: {},
  };
  if (typeof p.current === "string") progress.current = p.current;
  else if (p.current !== null) repairs.push("current was not a kata name");
  for (const field of ["from", "learner"] as const) {
    if (typeof p[field] === "string") progress[field] = p[field] as string;
    else if (p[field] !== undefined) repairs.push(`${field} was not a string`);
  }
  const katas = typeof p.katas === "object" && p.katas !== null
    ? p.katas as Record<string, Record<string, unknown>>
    : (repairs.push("katas was not an object"), {});
  for (const [name, k] of Object.entries(katas)) {
    if (typeof k !== "object" || k === null) {
      repairs.push(`the entry for ${name} was not an object`);
      continue;
    }
    const kept: KataProgress = { status: "not started", hintsShown: 0 };
    if (STATUSES.includes(k.status as RecordedStatus)) {
      kept.status = k.status as RecordedStatus;
    } else repairs.push(`${name}.status was not a status`);
    if (Number.isInteger(k.hintsShown) && (k.hintsShown as number) >= 0) {
      kept.hintsShown = k.hintsShown as number;
    } else repairs.push(`${name}.hintsShown was not a count`);
    for (
      const field of [
        "firstRunAt",
        "lastRunAt",
        "solvedAt",
        "passedWithSolutionsAt",
        "resetAt",
        "solutionShownAt",
      ] as const
    ) {
      if (isTime(k[field])) kept[field] = k[field] as string;
      else if (k[field] !== undefined) {
        repairs.push(`${name}.${field} was not a timestamp`);
      }
    }
    for (const field of ["fileHash", "failingTest"] as const) {
      if (typeof k[field] === "string") kept[field] = k[field] as string;
      else if (k[field] !== undefined) {
        repairs.push(`${name}.${field} was not a string`);
      }
    }
    if (isHuntCount(k.bugHunt)) {
      kept.bugHunt = { caught: k.bugHunt.caught, total: k.bugHunt.total };
    } else if (k.bugHunt !== undefined) {
      repairs.push(`${name}.bugHunt was not a count of wrong layers`);
    }
    progress.katas[name] = kept;
  }
  return { progress, repairs };
}

/**
 * Reads the progress file. A missing file gives a new record; an unreadable
 * one is renamed to `.katas/progress.corrupt-<timestamp>.json` and also gives
 * a new record; `problem` says which happened.
 *
 * @example
 * ```ts ignore
 * import { loadProgress } from "./progress.ts";
 * const { progress, problem } = await loadProgress(".", new Date());
 * ```
 */
export async function loadProgress(
  root: string,
  now: Date,
): Promise<LoadedProgress> {
  const path = inRoot(root, PROGRESS_FILE);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return { progress: newProgress(now), problem: "missing" };
    }
    throw e;
  }
  let repaired: RepairedProgress | undefined;
  let reason = "";
  try {
    repaired = repairProgress(JSON.parse(text));
  } catch (e) {
    reason = (e as Error).message;
  }
  if (repaired && repaired.repairs.length === 0) {
    return { progress: repaired.progress };
  }
  // The file is kept beside the new one, never deleted: it may hold what
  // the learner wants back.
  let keptAs = `.katas/progress.corrupt-${fileStamp(now)}.json`;
  for (let n = 2; await exists(inRoot(root, keptAs)); n++) {
    keptAs = `.katas/progress.corrupt-${fileStamp(now)}-${n}.json`;
  }
  await Deno.rename(path, inRoot(root, keptAs));
  if (repaired) {
    await saveProgress(root, repaired.progress);
    return {
      progress: repaired.progress,
      problem: "repaired",
      reason: repaired.repairs.join("; "),
      keptAs,
    };
  }
  return { progress: newProgress(now), problem: "corrupt", reason, keptAs };
}

/**
 * Writes the progress file (whole, through a temporary file, so a reader
 * never sees half of it).
 *
 * @example
 * ```ts ignore
 * import { newProgress, saveProgress } from "./progress.ts";
 * await saveProgress(".", newProgress(new Date()));
 * ```
 */
export async function saveProgress(
  root: string,
  progress: Progress,
): Promise<void> {
  const path = inRoot(root, PROGRESS_FILE);
  await Deno.mkdir(inRoot(root, ".katas"), { recursive: true });
  const temp = `${path}.${Deno.pid}.tmp`;
  await Deno.writeTextFile(temp, JSON.stringify(progress, null, 2) + "\n");
  await Deno.rename(temp, path);
}

/**
 * Loads the progress file, applies `change` and writes it back, so that two
 * runners (a watching one and a `hint` in another terminal) do not undo each
 * other's records.
 *
 * @example
 * ```ts ignore
 * import { updateProgress } from "./progress.ts";
 * await updateProgress(".", new Date(), (p) => { p.current = null; });
 * ```
 */
export async function updateProgress(
  root: string,
  now: Date,
  change: (progress: Progress) => void,
): Promise<LoadedProgress> {
  const loaded = await loadProgress(root, now);
  change(loaded.progress);
  loaded.progress.updatedAt = now.toISOString();
  await saveProgress(root, loaded.progress);
  return loaded;
}

/**
 * The record of one kata, created if there is none yet.
 *
 * @example
 * ```ts
 * import { kataProgress, newProgress } from "./progress.ts";
 * const p = newProgress(new Date(0));
 * kataProgress(p, "relu_layer").hintsShown = 2;
 * console.assert(p.katas.relu_layer.status === "not started");
 * ```
 */
export function kataProgress(progress: Progress, name: string): KataProgress {
  return progress.katas[name] ??= { status: "not started", hintsShown: 0 };
}

/**
 * Records what a check found. A pass with worked answers standing in for
 * earlier katas is recorded as `solved-with-solutions`, never `solved`.
 * When `collecting` (for `list`, `progress` or a host), the times a kata was
 * started and last checked move only if the learner's file changed since
 * it was last recorded: collecting is not the learner's work.
 *
 * @example
 * ```ts
 * import { newProgress, recordVerdict } from "./progress.ts";
 * const kata = { name: "k", title: "K", book: "1", file: "k.ts", spec: "k_test.ts", uses: [] };
 * const verdict = { kata, status: "solved" as const, usedSolutions: ["j"], fileHash: "a" };
 * const p = newProgress(new Date(0));
 * recordVerdict(p, verdict, new Date(1000));
 * console.assert(p.katas.k.status === "solved-with-solutions");
 * recordVerdict(p, verdict, new Date(2000), true);
 * console.assert(p.katas.k.lastRunAt === new Date(1000).toISOString());
 * ```
 */
export function recordVerdict(
  progress: Progress,
  verdict: Pick<Verdict, "kata" | "status" | "usedSolutions" | "fileHash"> & {
    failure?: { name: string };
    hunt?: { caught: string[]; total: number };
  },
  now: Date,
  collecting = false,
): void {
  const k = kataProgress(progress, verdict.kata.name);
  if (verdict.status === "missing") {
    k.status = "missing";
    return;
  }
  const at = now.toISOString();
  const touched = !collecting ||
    (k.fileHash === undefined
      ? verdict.status !== "not started"
      : verdict.fileHash !== k.fileHash);
  if (verdict.fileHash !== undefined) k.fileHash = verdict.fileHash;
  if (touched) {
    k.firstRunAt ??= at;
    k.lastRunAt = at;
  }
  if (verdict.status === "failing" && verdict.failure) {
    k.failingTest = verdict.failure.name;
  } else delete k.failingTest;
  if (verdict.hunt && verdict.status !== "not started") {
    k.bugHunt = {
      caught: verdict.hunt.caught.length,
      total: verdict.hunt.total,
    };
  } else delete k.bugHunt;
  if (verdict.usedSolutions.length && verdict.status === "solved") {
    k.status = "solved-with-solutions";
    if (touched) k.passedWithSolutionsAt = at;
    return;
  }
  k.status = verdict.status;
  if (verdict.status === "solved") k.solvedAt ??= at;
}

/**
 * A kata's status in the summary: as recorded, or `taken-from-solutions`
 * for a kata before the one the learner chose to start at that they have
 * not solved themselves.
 */
export type SummaryStatus = RecordedStatus | "taken-from-solutions";

/**
 * Each kata's status as reported, in manifest order.
 *
 * @example
 * ```ts
 * import { newProgress, reportedStatuses } from "./progress.ts";
 * const kata = (name: string) => ({ name, title: name, book: "1", file: "f.ts", spec: "f_test.ts", uses: [] });
 * const p = { ...newProgress(new Date(0)), from: "b" };
 * p.katas.b = { status: "failing", hintsShown: 0 };
 * const s = reportedStatuses({ katas: [kata("a"), kata("b")] }, p);
 * console.assert(s[0] === "taken-from-solutions" && s[1] === "failing");
 * ```
 */
export function reportedStatuses(
  manifest: Manifest,
  progress: Progress,
): SummaryStatus[] {
  const from = fromIndex(manifest, progress);
  return manifest.katas.map((kata, i) => {
    const status = progress.katas[kata.name]?.status ?? "not started";
    return i < from && status !== "solved" && status !== "missing"
      ? "taken-from-solutions"
      : status;
  });
}

/**
 * The 0-based index of the kata the learner chose to start at (0 when they
 * did not choose, or chose a kata no longer in the manifest).
 *
 * @example
 * ```ts
 * import { fromIndex, newProgress } from "./progress.ts";
 * const kata = (name: string) => ({ name, title: name, book: "1", file: "f.ts", spec: "f_test.ts", uses: [] });
 * const manifest = { katas: [kata("a"), kata("b")] };
 * console.assert(fromIndex(manifest, { ...newProgress(new Date(0)), from: "b" }) === 1);
 * console.assert(fromIndex(manifest, newProgress(new Date(0))) === 0);
 * ```
 */
export function fromIndex(manifest: Manifest, progress: Progress): number {
  return Math.max(
    0,
    manifest.katas.findIndex((k) => k.name === progress.from),
  );
}

/** One kata in the machine-readable summary. */
export interface KataSummary {
  /** 1-based place in the manifest. */
  number: number;
  /** Folder name. */
  name: string;
  /** Title. */
  title: string;
  /** Last known status. */
  status: SummaryStatus;
  /** Hint levels shown. */
  hintsUsed: number;
  /** When the learner first worked on it (checked it, or changed its file). */
  firstRunAt: string | null;
  /** When it first passed. */
  solvedAt: string | null;
  /** When the learner last checked it, or last changed its file. */
  lastRunAt: string | null;
  /** When the worked answer was last shown. */
  solutionShownAt: string | null;
  /** The most telling failing test, when it fails. */
  failingTest: string | null;
  /** For a bug hunt the learner has begun: wrong layers caught, of how many. */
  bugHunt: HuntCount | null;
}

/** The current kata, as a host shows it. */
export interface CurrentSummary {
  /** 1-based place in the manifest. */
  number: number;
  /** Folder name. */
  name: string;
  /** Title. */
  title: string;
  /** When the learner first worked on it; null if they have not yet. */
  since: string | null;
  /** Seconds since then; null if they have not worked on it yet. */
  secondsOnIt: number | null;
  /** Hint levels shown for it. */
  hintsUsed: number;
  /** The name of its most telling failing test, if one fails. */
  failingTest: string | null;
  /** For a bug hunt the learner has begun: wrong layers caught, of how many. */
  bugHunt: HuntCount | null;
}

/** What `progress --json` prints, for a workshop host to collect. */
export interface ProgressSummary {
  /** The format of this summary: 2 since the learner's name and `from`. */
  schema: 2;
  /** When it was made. */
  generatedAt: string;
  /** The learner's name, when they gave one. */
  learner: string | null;
  /** Katas in the manifest. */
  total: number;
  /** Katas solved with the learner's own files. */
  solved: number;
  /** Katas that pass only with worked answers for the katas they import. */
  solvedWithSolutions: number;
  /** Katas before the chosen start, taken from the worked answers. */
  takenFromSolutions: number;
  /** The kata the learner chose to start at, if they chose. */
  from: { number: number; name: string } | null;
  /** The first kata from the chosen start that does not pass; null when all do. */
  current: CurrentSummary | null;
  /** Hint levels shown, over all katas. */
  hintsUsed: number;
  /** When the progress file was started. */
  startedAt: string;
  /** When it was last written. */
  updatedAt: string;
  /** Every kata in order. */
  katas: KataSummary[];
}

/**
 * The machine-readable summary of a progress record.
 *
 * @example
 * ```ts
 * import { newProgress, progressSummary } from "./progress.ts";
 * const manifest = { katas: [{ name: "relu_layer", title: "ReLU layer", book: "5.5.1",
 *   file: "relu.ts", spec: "relu_test.ts", uses: [] }] };
 * const p = newProgress(new Date(0));
 * p.current = "relu_layer";
 * p.katas.relu_layer = { status: "failing", hintsShown: 1, firstRunAt: new Date(0).toISOString(),
 *   failingTest: "forward keeps positives" };
 * const s = progressSummary(manifest, p, new Date(90_000));
 * console.assert(s.total === 1 && s.solved === 0 && s.current?.number === 1);
 * console.assert(s.current?.secondsOnIt === 90 && s.current?.failingTest === "forward keeps positives");
 * ```
 */
export function progressSummary(
  manifest: Manifest,
  progress: Progress,
  now: Date,
): ProgressSummary {
  const statuses = reportedStatuses(manifest, progress);
  const katas = manifest.katas.map((kata, i): KataSummary => {
    const k = progress.katas[kata.name];
    return {
      number: i + 1,
      name: kata.name,
      title: kata.title,
      status: statuses[i],
      hintsUsed: k?.hintsShown ?? 0,
      firstRunAt: k?.firstRunAt ?? null,
      solvedAt: k?.solvedAt ?? null,
      lastRunAt: k?.lastRunAt ?? null,
      solutionShownAt: k?.solutionShownAt ?? null,
      failingTest: k?.failingTest ?? null,
      bugHunt: k?.bugHunt ?? null,
    };
  });
  const current = katas.find((k) => k.name === progress.current);
  const count = (status: SummaryStatus) =>
    statuses.filter((s) => s === status).length;
  const from = progress.from !== undefined &&
    katas.find((k) => k.name === progress.from);
  return {
    schema: 2,
    generatedAt: now.toISOString(),
    learner: progress.learner ?? null,
    total: katas.length,
    solved: count("solved"),
    solvedWithSolutions: count("solved-with-solutions"),
    takenFromSolutions: count("taken-from-solutions"),
    from: from ? { number: from.number, name: from.name } : null,
    current: current
      ? {
        number: current.number,
        name: current.name,
        title: current.title,
        since: current.firstRunAt,
        secondsOnIt: current.firstRunAt === null ? null : Math.max(
          0,
          Math.round(
            (now.getTime() - Date.parse(current.firstRunAt)) / 1000,
          ),
        ),
        hintsUsed: current.hintsUsed,
        failingTest: current.failingTest,
        bugHunt: current.bugHunt,
      }
      : null,
    hintsUsed: katas.reduce((sum, k) => sum + k.hintsUsed, 0),
    startedAt: progress.startedAt,
    updatedAt: progress.updatedAt,
    katas,
  };
}
