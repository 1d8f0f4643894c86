/**
 * The workshop host's server: learners' runners POST progress events to
 * `/events`; the page (`/`) follows `/stream` (server-sent events: the whole
 * room on connect, then one message per accepted event, in the order they
 * were accepted). Every request needs the join code (401 otherwise); bodies
 * are limited (413); malformed events get 400 with every reason.
 *
 * @module
 */

import { MAX_BODY_BYTES, validateEvent } from "./protocol.ts";
import { type Learner, Room } from "./state.ts";
import { dashboardPage } from "./page.ts";

/** How to start the server. */
export interface HostOptions {
  /** The address to listen on (default `127.0.0.1`: this machine only). */
  hostname?: string;
  /** The port (default 8787; 0 for any free port). */
  port?: number;
  /** The join code (default: a new random one). */
  code?: string;
  /** Minutes without progress before a learner shows as stuck (default 10). */
  stuckMinutes?: number;
  /** The most learners the room holds (default 500). */
  maxLearners?: number;
  /** The most pages following the stream at once (default 32). */
  maxViewers?: number;
  /**
   * The host name or address learners join (default: the one listened on);
   * for `0.0.0.0`, this machine's address on the room's network.
   */
  joinHost?: string;
}

/** Counts since the server started. */
export interface HostStats {
  /** Learners in the room. */
  learners: number;
  /** Pages following the stream. */
  viewers: number;
  /** Events taken and sent to the pages. */
  accepted: number;
  /** Events older than their learner's newest (a late retry): ignored. */
  stale: number;
  /** Requests refused: too large, malformed, invalid, or the room full. */
  rejected: number;
  /** `Deno.memoryUsage()` of the server's process. */
  memory: Deno.MemoryUsage;
}

/** A running server. */
export interface Host {
  /** `http://<hostname>:<port>`. */
  url: string;
  /** The address it listens on. */
  hostname: string;
  /** The port it listens on (the one chosen, when asked for 0). */
  port: number;
  /** The join code every request must carry. */
  code: string;
  /** The line learners type to join. */
  joinLine: string;
  /** Counts and memory, as `GET /stats` gives them. */
  stats(): HostStats;
  /** Closes every stream and stops the server. */
  shutdown(): Promise<void>;
}

const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/**
 * A join code of 10 characters that are hard to misread (no 0/o, 1/l/i),
 * about 50 bits from the system's secure random source.
 *
 * @example
 * ```ts
 * import { newJoinCode } from "./server.ts";
 * import { assertMatch } from "../../testing/assert.ts";
 *
 * assertMatch(newJoinCode(), /^[a-z2-9]{10}$/);
 * ```
 */
export function newJoinCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  // 256 is not a multiple of 31: redraw the few bytes that would bias it.
  return [...bytes].map((b) => {
    while (b >= 248) b = crypto.getRandomValues(new Uint8Array(1))[0];
    return CODE_ALPHABET[b % CODE_ALPHABET.length];
  }).join("");
}

// Compares without stopping at the first difference, so response times do
// not reveal how much of a guessed code was right.
function sameCode(given: string | null, code: string): boolean {
  if (given === null || given.length !== code.length) return false;
  let diff = 0;
  for (let i = 0; i < code.length; i++) {
    diff |= given.charCodeAt(i) ^ code.charCodeAt(i);
  }
  return diff === 0;
}

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  // The page's address carries the join code: never send it elsewhere.
  "referrer-policy": "no-referrer",
};

function text(status: number, body: string, extra: HeadersInit = {}) {
  return new Response(body + "\n", {
    status,
    headers: {
      ...SECURITY_HEADERS,
      "content-type": "text/plain; charset=utf-8",
      ...extra,
    },
  });
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body) + "\n", {
    status,
    headers: { ...SECURITY_HEADERS, "content-type": "application/json" },
  });
}

/** Reads at most `limit` bytes of the body; null when there are more. */
async function readLimited(
  request: Request,
  limit: number,
): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** A page following the stream. */
interface Viewer {
  controller: ReadableStreamDefaultController<Uint8Array>;
}

// A page that stops reading is dropped once this many messages wait for it;
// its browser reconnects and gets the whole room again.
const MAX_QUEUED_MESSAGES = 256;
const KEEPALIVE_MS = 15_000;

/**
 * Starts the dashboard's server.
 *
 * @example
 * ```ts
 * import { startHost } from "./server.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * const host = startHost({ port: 0, code: "sesame-123" });
 * const denied = await fetch(`${host.url}/stream`);
 * await denied.body?.cancel();
 * assertEquals(denied.status, 401);
 * await host.shutdown();
 * ```
 */
export function startHost(options: HostOptions = {}): Host {
  const hostname = options.hostname ?? "127.0.0.1";
  const code = options.code ?? newJoinCode();
  const stuckMinutes = options.stuckMinutes ?? 10;
  const maxViewers = options.maxViewers ?? 32;
  const room = new Room({ maxLearners: options.maxLearners });
  const viewers = new Set<Viewer>();
  const encoder = new TextEncoder();
  const counts = { accepted: 0, stale: 0, rejected: 0 };
  let joinLine = "";

  function sendTo(viewer: Viewer, bytes: Uint8Array): void {
    const waiting = 1 - (viewer.controller.desiredSize ?? 0);
    if (waiting > MAX_QUEUED_MESSAGES) {
      drop(viewer);
      return;
    }
    try {
      viewer.controller.enqueue(bytes);
    } catch {
      // The page went away between two messages.
      drop(viewer);
    }
  }

  function drop(viewer: Viewer): void {
    if (!viewers.delete(viewer)) return;
    try {
      viewer.controller.close();
    } catch {
      // Already closed by the browser going away.
    }
  }

  function message(event: string, data: unknown): Uint8Array {
    return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  function broadcast(learner: Learner): void {
    const bytes = message("learner", { now: Date.now(), learner });
    for (const viewer of viewers) sendTo(viewer, bytes);
  }

  const keepalive = setInterval(() => {
    const ping = encoder.encode(": keepalive\n\n");
    for (const viewer of viewers) sendTo(viewer, ping);
  }, KEEPALIVE_MS);

  function stream(): Response {
    if (viewers.size >= maxViewers) {
      return text(503, `too many pages follow this dashboard (${maxViewers})`);
    }
    let viewer: Viewer;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        viewer = { controller };
        viewers.add(viewer);
        controller.enqueue(message("snapshot", {
          now: Date.now(),
          stuckMinutes,
          join: joinLine,
          learners: room.learners(),
        }));
      },
      cancel() {
        viewers.delete(viewer);
      },
    });
    return new Response(body, {
      headers: {
        ...SECURITY_HEADERS,
        "content-type": "text/event-stream; charset=utf-8",
      },
    });
  }

  async function postEvent(request: Request): Promise<Response> {
    const body = await readLimited(request, MAX_BODY_BYTES);
    if (body === null) {
      counts.rejected++;
      return text(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    let value: unknown;
    try {
      value = JSON.parse(
        new TextDecoder("utf-8", { fatal: true }).decode(body),
      );
    } catch (e) {
      counts.rejected++;
      return json(400, {
        error: "malformed JSON",
        reasons: [(e as Error).message],
      });
    }
    const result = validateEvent(value);
    if (!result.ok) {
      counts.rejected++;
      return json(400, { error: "invalid event", reasons: result.reasons });
    }
    const applied = room.apply(result.event);
    if (!applied.applied) {
      if (applied.reason.startsWith("stale")) {
        counts.stale++;
        return json(200, { applied: false, reason: applied.reason });
      }
      counts.rejected++;
      return json(409, { error: applied.reason });
    }
    counts.accepted++;
    broadcast(applied.learner);
    return json(200, { applied: true });
  }

  function stats(): HostStats {
    // Only a server started with --v8-flags=--expose-gc has gc(), as the
    // load script starts it: there the heap is measured after a full
    // collection, so growth means a leak and not garbage not yet collected.
    (globalThis as { gc?: () => void }).gc?.();
    return {
      learners: room.learners().length,
      viewers: viewers.size,
      ...counts,
      memory: Deno.memoryUsage(),
    };
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname}`;
    const known = ["POST /events", "GET /", "GET /stream", "GET /stats"];
    if (!known.includes(route)) {
      return known.some((r) => r.endsWith(` ${url.pathname}`))
        ? text(405, `${request.method} is not allowed on ${url.pathname}`)
        : text(404, `no such page: ${url.pathname}`);
    }
    // Runners send the code in a header; a page can only carry it in its
    // address, since EventSource sends no headers.
    const given = route === "POST /events"
      ? request.headers.get("authorization")?.replace(/^Bearer /, "") ?? null
      : url.searchParams.get("code");
    if (!sameCode(given, code)) {
      await request.body?.cancel();
      return text(
        401,
        route === "POST /events"
          ? "missing or wrong join code (Authorization: Bearer <code>)"
          : "missing or wrong join code: open the address deno task host printed, which ends in ?code=...",
        { "www-authenticate": "Bearer" },
      );
    }
    switch (route) {
      case "POST /events":
        return await postEvent(request);
      case "GET /stream":
        return stream();
      case "GET /stats":
        return json(200, stats());
      default: {
        const nonce = newJoinCode();
        return new Response(dashboardPage(nonce), {
          headers: {
            ...SECURITY_HEADERS,
            "content-type": "text/html; charset=utf-8",
            "content-security-policy":
              `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
          },
        });
      }
    }
  }

  const server = Deno.serve({
    hostname,
    port: options.port ?? 8787,
    // main.ts prints the addresses learners need, not Deno's default line.
    onListen: () => {},
  }, handle);
  const port = server.addr.port;
  const shownHost = hostname.includes(":") ? `[${hostname}]` : hostname;
  const joinAddress = `${options.joinHost ?? shownHost}:${port}`;
  joinLine =
    `deno task start --join ${joinAddress} --code ${code} --name <your name>`;
  return {
    url: `http://${shownHost}:${port}`,
    hostname,
    port,
    code,
    joinLine,
    stats,
    async shutdown() {
      clearInterval(keepalive);
      for (const viewer of [...viewers]) drop(viewer);
      await server.shutdown();
    },
  };
}
