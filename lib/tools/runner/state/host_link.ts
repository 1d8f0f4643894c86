/**
 * `start --join <address> --code <code> --name <name>`: after each check the
 * runner tells a workshop host's dashboard where the learner is, progress
 * only (never code), through the host's client, which retries with backoff
 * while the host is unreachable and never makes the runner wait. Nothing
 * changes for the learner when the host goes away.
 *
 * @module
 */

import {
  createProgressClient,
  eventsUrl,
  fitText,
  type LearnerStatus,
  LIMITS,
  type ProgressClient,
  type ProgressEvent,
  PROTOCOL_VERSION,
  sequence,
} from "../../host/protocol.ts";
import type { Manifest } from "../../manifest.ts";
import { UsageError } from "../cli/args.ts";
import { type HuntCount, type Progress, progressSummary } from "./progress.ts";

/**
 * The progress event for a progress record. `solved` counts every kata
 * that passes (with the worked answers of the katas it imports, too);
 * `solvedWithSolution` those that needed a worked answer: shown before the
 * kata passed, or standing in for the katas it imports.
 *
 * @example
 * ```ts
 * import { progressEvent } from "./host_link.ts";
 * import { newProgress } from "./progress.ts";
 * const kata = (name: string) => ({ name, title: name.toUpperCase(), book: "1", file: "f.ts", spec: "f_test.ts", uses: [] });
 * const p = { ...newProgress(new Date(0)), current: "b" };
 * p.katas.a = { status: "solved" as const, hintsShown: 0 };
 * p.katas.b = { status: "failing" as const, hintsShown: 2, failingTest: "keeps x", firstRunAt: new Date(0).toISOString() };
 * const e = progressEvent({ katas: [kata("a"), kata("b")] }, p, "Ada", 7, new Date(60_000));
 * console.assert(e.kata?.index === 1 && e.solved === 1 && e.hints === 2);
 * console.assert(e.secondsOnKata === 60 && e.failingTest === "keeps x" && e.status === "failing");
 * ```
 */
export function progressEvent(
  manifest: Manifest,
  progress: Progress,
  name: string,
  seq: number,
  now: Date,
  stopped = false,
): ProgressEvent {
  const summary = progressSummary(manifest, progress, now);
  const current = summary.current;
  const helped =
    summary.katas.filter((k) =>
      k.status === "solved-with-solutions" ||
      (k.status === "solved" && k.solutionShownAt !== null &&
        k.solvedAt !== null && k.solutionShownAt <= k.solvedAt)
    ).length;
  const status: LearnerStatus = stopped
    ? "stopped"
    : current
    ? "failing"
    : "finished";
  return {
    version: PROTOCOL_VERSION,
    name: fitText(name, LIMITS.name),
    seq,
    kata: current
      ? {
        index: current.number - 1,
        name: fitText(current.name, LIMITS.kataName),
        title: fitText(current.title, LIMITS.title),
      }
      : null,
    solved: summary.solved + summary.solvedWithSolutions,
    solvedWithSolution: helped,
    total: summary.total,
    secondsOnKata: Math.min(current?.secondsOnIt ?? 0, LIMITS.seconds),
    hints: current?.hintsUsed ?? 0,
    failingTest: current?.failingTest
      ? fitText(current.failingTest, LIMITS.failingTest)
      : current?.bugHunt
      ? huntText(current.bugHunt)
      : null,
    status,
  };
}

/**
 * What the dashboard's test column says of a bug hunt whose spec passes the
 * correct layer: no test fails, but the count of wrong layers caught is the
 * learner's progress (a new count is progress, as a new failing test is).
 */
function huntText({ caught, total }: HuntCount): string {
  return `bug hunt: the spec catches ${caught} of ${total} wrong layers`;
}

/** The runner's line to a workshop host. */
export class HostLink {
  readonly #client: ProgressClient;
  readonly #manifest: Manifest;
  readonly #name: string;
  readonly #next = sequence();
  readonly #now: () => Date;

  private constructor(
    client: ProgressClient,
    manifest: Manifest,
    name: string,
    now: () => Date,
  ) {
    this.#client = client;
    this.#manifest = manifest;
    this.#name = name;
    this.#now = now;
  }

  /**
   * A link to the host at `address`; throws a {@link UsageError} naming
   * what is wrong with the address, the code or the name.
   *
   * @example
   * ```ts ignore
   * import { HostLink } from "./host_link.ts";
   * const link = HostLink.open({ address: "192.168.1.20:8787", code, name: "Ada", manifest, now: () => new Date() });
   * ```
   */
  static open(options: {
    address: string;
    code: string | undefined;
    name: string | undefined;
    manifest: Manifest;
    now: () => Date;
  }): HostLink {
    const { address, code, name } = options;
    try {
      eventsUrl(address);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (!code) {
      throw new UsageError(
        `--join needs the host's join code: --code <code>, as the host shows it`,
      );
    }
    if (!name) {
      throw new UsageError(
        `--join needs your name for the dashboard: --name <your name>`,
      );
    }
    const client = createProgressClient({ address, code });
    return new HostLink(client, options.manifest, name, options.now);
  }

  /** Queues the learner's progress for the host; returns at once. */
  report(progress: Progress, stopped = false): void {
    this.#client.send(
      progressEvent(
        this.#manifest,
        progress,
        this.#name,
        this.#next(),
        this.#now(),
        stopped,
      ),
    );
  }

  /**
   * Gives the last event up to `graceMs` to arrive, then stops retrying:
   * the runner never waits longer than that on a host that went away.
   */
  async close(graceMs = 1500): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.#client.idle(),
      new Promise((resolve) => timer = setTimeout(resolve, graceMs)),
    ]);
    clearTimeout(timer);
    await this.#client.close();
  }
}
