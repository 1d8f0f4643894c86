/**
 * What a learner's runner tells the workshop host's dashboard, and how it
 * tells it: the progress event, its validator (one reason per malformed field),
 * `sendProgress` (one POST) and `createProgressClient` (retries with
 * exponential backoff, keeps only the newest event, never throws into the
 * caller and never makes it wait). Progress only: no code ever leaves the
 * learner's machine.
 *
 * @module
 */

/** The version of the event's shape; the server rejects any other. */
export const PROTOCOL_VERSION = 1;

/** The largest request body the server reads, in bytes. */
export const MAX_BODY_BYTES = 4096;

/** Where the runner is with the current kata. */
export type LearnerStatus =
  /** The current kata's spec fails (or does not compile). */
  | "failing"
  /** The current kata passes; the runner moves on. */
  | "passing"
  /** Every kata passes. */
  | "finished"
  /** The learner stopped the runner. */
  | "stopped";

/** The statuses, in the order the dashboard explains them. */
export const STATUSES: readonly LearnerStatus[] = [
  "failing",
  "passing",
  "finished",
  "stopped",
];

/** The kata a learner is on. */
export interface CurrentKata {
  /** Its position in `katas/manifest.json`, from 0. */
  index: number;
  /** Its folder name, e.g. `relu_layer`. */
  name: string;
  /** Its title, e.g. `The ReLU layer`. */
  title: string;
}

/** One learner's progress, sent whenever it changes. */
export interface ProgressEvent {
  /** {@link PROTOCOL_VERSION}. */
  version: number;
  /** The name the learner joined with (1 to 40 characters). */
  name: string;
  /**
   * Counts up with every event of this learner: the server ignores an event
   * whose `seq` is not above the last one it took, so a late retry never
   * overwrites newer progress. It must keep counting up when the runner
   * restarts: {@link sequence} gives such numbers.
   */
  seq: number;
  /** The kata being worked on, or null once every kata passes. */
  kata: CurrentKata | null;
  /** Katas that pass. */
  solved: number;
  /** Of those, how many were solved after the learner looked at the worked answer. */
  solvedWithSolution: number;
  /** Katas in the manifest. */
  total: number;
  /** Seconds since the learner reached the current kata. */
  secondsOnKata: number;
  /** Hint levels shown for the current kata. */
  hints: number;
  /**
   * The name of the first failing test of the current kata; on a bug hunt
   * whose spec passes the correct layer, how many wrong layers it catches
   * ("bug hunt: the spec catches 2 of 8 wrong layers"); else null.
   */
  failingTest: string | null;
  /** Where the learner is with it. */
  status: LearnerStatus;
}

/**
 * A source of `seq` numbers that go up within a run and across restarts of
 * the runner: the milliseconds since the epoch, or one more than the last
 * number when the clock has not moved on (or went back).
 *
 * @example
 * ```ts
 * import { sequence } from "./protocol.ts";
 * import { assert } from "../../testing/assert.ts";
 *
 * const next = sequence();
 * const a = next(), b = next();
 * assert(b > a && a >= Date.now() - 1000);
 * ```
 */
export function sequence(now: () => number = Date.now): () => number {
  let last = 0;
  return () => (last = Math.max(last + 1, Math.floor(now())));
}

/** The validator's answer: the event, or every reason it is not one. */
export type Validation =
  | { ok: true; event: ProgressEvent }
  | { ok: false; reasons: string[] };

/** The longest text each field may hold, and the largest counts. */
export const LIMITS = {
  name: 40,
  kataName: 80,
  title: 120,
  failingTest: 300,
  count: 10_000,
  seconds: 366 * 24 * 3600,
} as const;

const FIELDS = [
  "version",
  "name",
  "seq",
  "kata",
  "solved",
  "solvedWithSolution",
  "total",
  "secondsOnKata",
  "hints",
  "failingTest",
  "status",
];

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Makes any text fit a text field of the event: control characters (a test
 * name's line breaks) become spaces, and text longer than `max` is cut with an
 * ellipsis. For the runner, whose failing test names can be anything.
 *
 * @example
 * ```ts
 * import { fitText, LIMITS } from "./protocol.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * assertEquals(fitText("shapes\nof dx", LIMITS.failingTest), "shapes of dx");
 * assertEquals(fitText("abcdef", 4), "abc…");
 * ```
 */
export function fitText(text: string, max: number): string {
  // deno-lint-ignore no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function checkText(
  value: unknown,
  field: string,
  max: number,
  reasons: string[],
): void {
  if (typeof value !== "string") {
    reasons.push(`${field} must be a string, got ${describe(value)}`);
  } else if (value.trim() === "") {
    reasons.push(`${field} must not be empty`);
  } else if (value.length > max) {
    reasons.push(
      `${field} must be at most ${max} characters, got ${value.length}`,
    );
  } else if (CONTROL.test(value)) {
    reasons.push(`${field} must not contain control characters`);
  }
}

function checkInteger(
  value: unknown,
  field: string,
  max: number,
  reasons: string[],
): void {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    reasons.push(`${field} must be an integer, got ${describe(value)}`);
  } else if (value < 0 || value > max) {
    reasons.push(`${field} must be between 0 and ${max}, got ${value}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    return `a string (${JSON.stringify(value.slice(0, 20))})`;
  }
  if (typeof value === "number") return String(value);
  return typeof value === "object" ? "an object" : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks that `value` (parsed JSON) is a {@link ProgressEvent}: every field
 * present with the right type and within its limits, and no other field.
 * Returns every reason it is not, not just the first.
 *
 * @example
 * ```ts
 * import { validateEvent } from "./protocol.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * const result = validateEvent({ version: 1, name: "Ada" });
 * assertEquals(result.ok, false);
 * if (!result.ok) assertEquals(result.reasons[0], "seq is missing");
 * ```
 */
export function validateEvent(value: unknown): Validation {
  if (!isRecord(value)) {
    return {
      ok: false,
      reasons: [`the event must be a JSON object, got ${describe(value)}`],
    };
  }
  const reasons: string[] = [];
  for (const field of FIELDS) {
    if (!(field in value)) reasons.push(`${field} is missing`);
  }
  for (const field of Object.keys(value)) {
    if (!FIELDS.includes(field)) {
      reasons.push(`${JSON.stringify(field.slice(0, 40))} is not a field`);
    }
  }
  const v = value;
  if ("version" in v && v.version !== PROTOCOL_VERSION) {
    reasons.push(
      `version must be ${PROTOCOL_VERSION}, got ${describe(v.version)}`,
    );
  }
  if ("name" in v) checkText(v.name, "name", LIMITS.name, reasons);
  if ("seq" in v) checkInteger(v.seq, "seq", Number.MAX_SAFE_INTEGER, reasons);
  if ("kata" in v && v.kata !== null) {
    if (!isRecord(v.kata)) {
      reasons.push(`kata must be an object or null, got ${describe(v.kata)}`);
    } else {
      checkInteger(v.kata.index, "kata.index", LIMITS.count, reasons);
      checkText(v.kata.name, "kata.name", LIMITS.kataName, reasons);
      checkText(v.kata.title, "kata.title", LIMITS.title, reasons);
      for (const field of Object.keys(v.kata)) {
        if (!["index", "name", "title"].includes(field)) {
          reasons.push(
            `kata.${JSON.stringify(field.slice(0, 40))} is not a field`,
          );
        }
      }
    }
  }
  for (const field of ["solved", "solvedWithSolution", "total", "hints"]) {
    if (field in v) checkInteger(v[field], field, LIMITS.count, reasons);
  }
  if ("secondsOnKata" in v) {
    checkInteger(v.secondsOnKata, "secondsOnKata", LIMITS.seconds, reasons);
  }
  if ("failingTest" in v && v.failingTest !== null) {
    checkText(v.failingTest, "failingTest", LIMITS.failingTest, reasons);
  }
  if ("status" in v && !STATUSES.includes(v.status as LearnerStatus)) {
    reasons.push(
      `status must be one of ${STATUSES.join(", ")}, got ${describe(v.status)}`,
    );
  }
  if (
    reasons.length === 0 &&
    ((v.solved as number) > (v.total as number) ||
      (v.solvedWithSolution as number) > (v.solved as number))
  ) {
    reasons.push(
      `counts must satisfy solvedWithSolution <= solved <= total, got ${v.solvedWithSolution} <= ${v.solved} <= ${v.total}`,
    );
  }
  return reasons.length
    ? { ok: false, reasons }
    : { ok: true, event: value as unknown as ProgressEvent };
}

/**
 * The URL events are posted to, from the address a learner typed after
 * `--join`: `host:port`, or a URL with `http:` or `https:`. Throws an error
 * naming the address when it is neither.
 *
 * @example
 * ```ts
 * import { eventsUrl } from "./protocol.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * assertEquals(eventsUrl("192.168.1.20:8787"), "http://192.168.1.20:8787/events");
 * ```
 */
export function eventsUrl(address: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(address)
    ? address
    : `http://${address}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(
      `--join ${JSON.stringify(address)} is not an address: give host:port`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(
      `--join ${
        JSON.stringify(address)
      }: the host's address starts with http:// or nothing`,
    );
  }
  return new URL("/events", url).href;
}

/** What one POST came to. `retry` says whether trying again may help. */
export interface SendResult {
  ok: boolean;
  /** The HTTP status, or 0 when no answer came. */
  status: number;
  /** Why it failed, in words (empty when it worked). */
  reason: string;
  retry: boolean;
}

/** Options of {@link sendProgress}. */
export interface SendOptions {
  /** Give up on a request after this many milliseconds (default 3000). */
  timeoutMs?: number;
  /** Aborts the request (for shutting a client down). */
  signal?: AbortSignal;
}

/**
 * Posts one event to the host at `address` with the join `code`. Never
 * throws: a refused connection, a timeout or a rejection come back as a
 * {@link SendResult}. 4xx answers other than 408 and 429 are not worth
 * retrying (a wrong code stays wrong); the rest are.
 *
 * @example
 * ```ts
 * import { sendProgress } from "./protocol.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * // Nobody listens on port 9 of this machine: the answer says so, no throw.
 * const result = await sendProgress("127.0.0.1:9", "code", {} as never);
 * assertEquals([result.ok, result.status, result.retry], [false, 0, true]);
 * ```
 */
export async function sendProgress(
  address: string,
  code: string,
  event: ProgressEvent,
  options: SendOptions = {},
): Promise<SendResult> {
  let url: string;
  try {
    url = eventsUrl(address);
  } catch (e) {
    return { ok: false, status: 0, reason: (e as Error).message, retry: false };
  }
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 3000)];
  if (options.signal) signals.push(options.signal);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "authorization": `Bearer ${code}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(event),
      signal: AbortSignal.any(signals),
    });
    const text = await response.text();
    if (response.ok) {
      return { ok: true, status: response.status, reason: "", retry: false };
    }
    const status = response.status;
    return {
      ok: false,
      status,
      reason: `${status}: ${text.slice(0, 200)}`,
      retry: status >= 500 || status === 408 || status === 429,
    };
  } catch (e) {
    return {
      ok: false,
      status: 0,
      reason: `no answer from ${url}: ${(e as Error).message}`,
      retry: true,
    };
  }
}

/** Options of {@link createProgressClient}. */
export interface ClientOptions {
  /** The host's address, as after `--join`. */
  address: string;
  /** The join code. */
  code: string;
  /** The first wait before a retry, in milliseconds (default 500). */
  initialDelayMs?: number;
  /** The longest wait between retries (default 30 000). */
  maxDelayMs?: number;
  /** Per-request timeout (default 3000). */
  timeoutMs?: number;
  /** Told of each attempt's result (for a status line, or tests). */
  onResult?: (result: SendResult) => void;
  /** Stands in for {@link sendProgress} (for tests). */
  send?: typeof sendProgress;
}

/** A connection to the host that never gets in the learner's way. */
export interface ProgressClient {
  /**
   * Queues the event and returns at once. Only the newest queued event is
   * kept: an older one not yet delivered is dropped, since the newer one
   * says everything it said.
   */
  send(event: ProgressEvent): void;
  /** Resolves when nothing is queued or in flight (or the client is closed). */
  idle(): Promise<void>;
  /** Stops retrying, aborts a request in flight and drops what is queued. */
  close(): Promise<void>;
}

/**
 * A client that delivers events to the host in order, retrying with
 * exponential backoff (doubling from `initialDelayMs` up to `maxDelayMs`,
 * with jitter so a room of runners does not retry in step) while the host is
 * unreachable. A pending retry keeps the process alive: call `close()` when
 * the learner quits, so the runner exits at once whatever the host is doing.
 *
 * @example
 * ```ts
 * import { createProgressClient, type SendResult } from "./protocol.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * const sent: number[] = [];
 * const client = createProgressClient({
 *   address: "127.0.0.1:8787",
 *   code: "abc",
 *   send: (_address, _code, event): Promise<SendResult> => {
 *     sent.push(event.seq);
 *     return Promise.resolve({ ok: true, status: 200, reason: "", retry: false });
 *   },
 * });
 * client.send({ seq: 1 } as never);
 * await client.idle();
 * await client.close();
 * assertEquals(sent, [1]);
 * ```
 */
export function createProgressClient(options: ClientOptions): ProgressClient {
  const send = options.send ?? sendProgress;
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const abort = new AbortController();
  let pending: ProgressEvent | null = null;
  let running: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  async function drain(): Promise<void> {
    let delay = initial;
    while (pending && !abort.signal.aborted) {
      const event = pending;
      let result: SendResult;
      try {
        result = await send(options.address, options.code, event, {
          timeoutMs: options.timeoutMs,
          signal: abort.signal,
        });
      } catch (e) {
        result = { ok: false, status: 0, reason: String(e), retry: true };
      }
      if (abort.signal.aborted) return;
      try {
        options.onResult?.(result);
      } catch {
        // A broken status line must not stop the deliveries.
      }
      if (result.ok || !result.retry) {
        if (pending === event) pending = null;
        delay = initial;
        continue;
      }
      await sleep(delay * (0.75 + Math.random() / 2));
      delay = Math.min(delay * 2, max);
    }
  }

  function start(): void {
    if (running || abort.signal.aborted) return;
    running = drain().finally(() => {
      running = null;
      if (pending) start();
    });
  }

  return {
    send(event) {
      if (abort.signal.aborted) return;
      pending = event;
      start();
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      abort.abort();
      pending = null;
      clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}
