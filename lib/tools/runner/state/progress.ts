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

/** What is recorded of one kata. */
export interface KataProgress {
  /** The status the last check found. */
  status: KataStatus;
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
}

/** A progress file as loaded, and what was wrong with the one on disk. */
export interface LoadedProgress {
  /** The progress (new and empty if the file was missing or unreadable). */
  progress: Progress;
  /** Why the file on disk could not be used, if it could not. */
  problem?: "missing" | "corrupt";
  /** For a corrupt file: what is wrong with it. */
  reason?: string;
  /** For a corrupt file: where it was moved to (repository path). */
  keptAs?: string;
}

const STATUSES: KataStatus[] = ["solved", "failing", "not started", "missing"];

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

/**
 * Checks parsed JSON as a progress record; throws an Error saying what is
 * wrong.
 *
 * @example
 * ```ts
 * import { parseProgress } from "./progress.ts";
 * const p = parseProgress({ version: 1, startedAt: "x", updatedAt: "x", current: null,
 *   katas: { relu_layer: { status: "solved", hintsShown: 1 } } });
 * console.assert(p.katas.relu_layer.hintsShown === 1);
 * let threw = false;
 * try { parseProgress({ version: 2 }); } catch { threw = true; }
 * console.assert(threw);
 * ```
 */
export function parseProgress(json: unknown): Progress {
  const p = json as Progress;
  if (typeof p !== "object" || p === null || p.version !== 1) {
    throw new Error("it is not a version 1 progress record");
  }
  if (typeof p.startedAt !== "string" || typeof p.updatedAt !== "string") {
    throw new Error("startedAt or updatedAt is not a timestamp");
  }
  if (p.current !== null && typeof p.current !== "string") {
    throw new Error("current is neither a kata name nor null");
  }
  if (typeof p.katas !== "object" || p.katas === null) {
    throw new Error("katas is not an object");
  }
  for (const [name, k] of Object.entries(p.katas)) {
    if (
      !STATUSES.includes(k?.status) || !Number.isInteger(k.hintsShown) ||
      k.hintsShown < 0
    ) {
      throw new Error(
        `the entry for ${name} has no valid status or hint count`,
      );
    }
  }
  return p;
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
  try {
    return { progress: parseProgress(JSON.parse(text)) };
  } catch (e) {
    let keptAs = `.katas/progress.corrupt-${fileStamp(now)}.json`;
    for (let n = 2; await exists(inRoot(root, keptAs)); n++) {
      keptAs = `.katas/progress.corrupt-${fileStamp(now)}-${n}.json`;
    }
    await Deno.rename(path, inRoot(root, keptAs));
    return {
      progress: newProgress(now),
      problem: "corrupt",
      reason: (e as Error).message,
      keptAs,
    };
  }
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
 * earlier katas is noted, but does not make the kata solved.
 *
 * @example
 * ```ts ignore
 * import { newProgress, recordVerdict } from "./progress.ts";
 * const p = newProgress(new Date());
 * recordVerdict(p, verdict, new Date());
 * ```
 */
export function recordVerdict(
  progress: Progress,
  verdict: Verdict,
  now: Date,
): void {
  const k = kataProgress(progress, verdict.kata.name);
  if (verdict.status === "missing") {
    k.status = "missing";
    return;
  }
  const at = now.toISOString();
  k.firstRunAt ??= at;
  k.lastRunAt = at;
  if (verdict.usedSolutions.length) {
    if (verdict.status === "solved") k.passedWithSolutionsAt = at;
    if (k.status === "missing") k.status = "failing";
    return;
  }
  k.status = verdict.status;
  if (verdict.status === "solved") k.solvedAt ??= at;
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
  status: KataStatus;
  /** Hint levels shown. */
  hintsUsed: number;
  /** When the runner first checked it. */
  firstRunAt: string | null;
  /** When it first passed. */
  solvedAt: string | null;
  /** When the runner last checked it. */
  lastRunAt: string | null;
  /** When the worked answer was last shown. */
  solutionShownAt: string | null;
}

/** What `progress --json` prints, for a workshop host to collect. */
export interface ProgressSummary {
  /** The format of this summary. */
  schema: 1;
  /** When it was made. */
  generatedAt: string;
  /** Katas in the manifest. */
  total: number;
  /** Katas solved. */
  solved: number;
  /** The first kata in order that does not pass; null when all do. */
  current: { number: number; name: string; title: string } | null;
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
 * const s = progressSummary(manifest, p, new Date(0));
 * console.assert(s.total === 1 && s.solved === 0 && s.current?.number === 1);
 * ```
 */
export function progressSummary(
  manifest: Manifest,
  progress: Progress,
  now: Date,
): ProgressSummary {
  const katas = manifest.katas.map((kata, i): KataSummary => {
    const k = progress.katas[kata.name];
    return {
      number: i + 1,
      name: kata.name,
      title: kata.title,
      status: k?.status ?? "not started",
      hintsUsed: k?.hintsShown ?? 0,
      firstRunAt: k?.firstRunAt ?? null,
      solvedAt: k?.solvedAt ?? null,
      lastRunAt: k?.lastRunAt ?? null,
      solutionShownAt: k?.solutionShownAt ?? null,
    };
  });
  const current = katas.find((k) => k.name === progress.current);
  return {
    schema: 1,
    generatedAt: now.toISOString(),
    total: katas.length,
    solved: katas.filter((k) => k.status === "solved").length,
    current: current
      ? { number: current.number, name: current.name, title: current.title }
      : null,
    hintsUsed: katas.reduce((sum, k) => sum + k.hintsUsed, 0),
    startedAt: progress.startedAt,
    updatedAt: progress.updatedAt,
    katas,
  };
}
