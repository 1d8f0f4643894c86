/**
 * Fast type checking for watch mode, through Deno's language server.
 *
 * `deno check` spends most of a second loading TypeScript's libraries before
 * it looks at a changed file. `deno lsp` keeps them loaded, and answers a
 * changed file with its diagnostics in tens of milliseconds. The runner opens
 * the kata's files in one long-lived `deno lsp` process, sends their text from
 * disk on every check, and reads back the errors. Whenever the language server
 * does not answer in time, {@link LspChecker.check} returns `undefined` and the
 * caller falls back to `deno check`.
 *
 * @module
 */

import { pathToFileURL } from "node:url";
import type { SourceProblem } from "./diagnose.ts";
import { displayPath, inRoot } from "../state/paths.ts";

interface Diagnostic {
  range: { start: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

interface Message {
  id?: number | string;
  method?: string;
  params?: {
    uri?: string;
    version?: number;
    diagnostics?: Diagnostic[];
    items?: { section?: string }[];
  };
  result?: unknown;
}

const SETTINGS = { enable: true, lint: false };
const ERROR = 1;

/** A `deno lsp` process that type-checks the files it is asked about. */
export class LspChecker {
  readonly #root: string;
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #encoder = new TextEncoder();
  readonly #published = new Map<
    string,
    { version: number; diagnostics: Diagnostic[] }
  >();
  readonly #open = new Map<string, string>();
  readonly #listeners = new Set<() => void>();
  #nextId = 0;
  #version = 0;
  #alive = true;
  #warm = false;
  #queue: Promise<unknown> = Promise.resolve();
  #initialized: (() => void) | undefined;

  private constructor(root: string) {
    this.#root = root;
    this.#child = new Deno.Command(Deno.execPath(), {
      args: ["lsp"],
      cwd: root,
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#writer = this.#child.stdin.getWriter();
    this.#read().catch(() => {}).finally(() => {
      this.#alive = false;
      for (const listener of this.#listeners) listener();
    });
  }

  /**
   * Starts `deno lsp` in `root` and waits until it is ready; `undefined` if
   * it cannot be started or does not answer within `timeoutMs`.
   *
   * @example
   * ```ts ignore
   * import { LspChecker } from "./lsp_check.ts";
   * const lsp = await LspChecker.start(Deno.cwd());
   * console.log(await lsp?.check(["katas/relu_layer/relu.ts"]));
   * await lsp?.close();
   * ```
   */
  static async start(
    root: string,
    timeoutMs = 20_000,
  ): Promise<LspChecker | undefined> {
    let checker: LspChecker;
    try {
      checker = new LspChecker(root);
    } catch {
      return undefined;
    }
    const rootUri = pathToFileURL(root).href;
    const ready = new Promise<void>((resolve) =>
      checker.#initialized = resolve
    );
    const sent = checker.#send({
      id: ++checker.#nextId,
      method: "initialize",
      params: {
        processId: Deno.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: "katas" }],
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
        initializationOptions: SETTINGS,
      },
    });
    const ok = await Promise.race([
      sent.then(() => ready).then(() => true),
      new Promise<boolean>((resolve) =>
        setTimeout(() => resolve(false), timeoutMs)
      ),
    ]).catch(() => false);
    if (!ok || !checker.#alive) {
      await checker.close();
      return undefined;
    }
    await checker.#send({ method: "initialized", params: {} });
    return checker;
  }

  /**
   * The errors in `files` (repository paths with `/`), as the language server
   * sees them with their text as it is on disk now; `undefined` if it gave no
   * answer within `timeoutMs` (by default 30 s for the first check, while
   * the server loads TypeScript's libraries, and 5 s after). Files that do
   * not exist are skipped. Checks run one at a time.
   */
  check(
    files: string[],
    timeoutMs?: number,
  ): Promise<SourceProblem[] | undefined> {
    const run = this.#queue.then(() =>
      this.#check(files, timeoutMs ?? (this.#warm ? 5_000 : 30_000))
    );
    this.#queue = run.catch(() => {});
    return run.catch(() => undefined);
  }

  /** Asks the language server to exit, and makes sure it does. */
  async close(): Promise<void> {
    if (this.#alive) {
      const id = ++this.#nextId;
      await this.#send({ id, method: "shutdown" }).catch(() => {});
      await this.#send({ method: "exit" }).catch(() => {});
    }
    const timer = setTimeout(() => {
      try {
        this.#child.kill("SIGKILL");
      } catch {
        // It has already exited.
      }
    }, 1_000);
    await this.#child.status.catch(() => {});
    clearTimeout(timer);
    await this.#writer.close().catch(() => {});
  }

  async #check(
    files: string[],
    timeoutMs: number,
  ): Promise<SourceProblem[] | undefined> {
    if (!this.#alive) return undefined;
    const wanted = new Map(
      files.map((f) => [pathToFileURL(inRoot(this.#root, f)).href, f]),
    );
    for (const [uri] of this.#open) {
      if (!wanted.has(uri)) await this.#close(uri);
    }
    const expected = new Map<string, number>();
    for (const [uri, file] of wanted) {
      let text: string;
      try {
        text = await Deno.readTextFile(inRoot(this.#root, file));
      } catch {
        if (this.#open.has(uri)) await this.#close(uri);
        continue;
      }
      const version = ++this.#version;
      const key = displayPath(this.#root, uri);
      expected.set(key, version);
      if (this.#open.has(uri)) {
        await this.#send({
          method: "textDocument/didChange",
          params: {
            textDocument: { uri, version },
            contentChanges: [{ text }],
          },
        });
      } else {
        await this.#send({
          method: "textDocument/didOpen",
          params: {
            textDocument: { uri, languageId: "typescript", version, text },
          },
        });
      }
      this.#open.set(uri, key);
    }
    const answered = () =>
      [...expected].every(([key, version]) =>
        (this.#published.get(key)?.version ?? -1) >= version
      );
    if (!await this.#until(answered, timeoutMs)) return undefined;
    if (expected.size) this.#warm = true;
    return [...expected.keys()].flatMap((file) =>
      this.#published.get(file)!.diagnostics
        .filter((d) => d.severity === ERROR)
        .map((d) => toProblem(file, d))
    );
  }

  async #close(uri: string): Promise<void> {
    this.#open.delete(uri);
    await this.#send({
      method: "textDocument/didClose",
      params: { textDocument: { uri } },
    });
  }

  #until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(ok);
      };
      const listener = () => {
        if (done()) finish(true);
        else if (!this.#alive) finish(false);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.#listeners.add(listener);
      listener();
    });
  }

  async #send(message: Record<string, unknown>): Promise<void> {
    const body = this.#encoder.encode(
      JSON.stringify({ jsonrpc: "2.0", ...message }),
    );
    const head = this.#encoder.encode(`Content-Length: ${body.length}\r\n\r\n`);
    const frame = new Uint8Array(head.length + body.length);
    frame.set(head);
    frame.set(body, head.length);
    await this.#writer.write(frame);
  }

  #receive(message: Message): void {
    if (message.method === "textDocument/publishDiagnostics") {
      const { uri, version, diagnostics } = message.params ?? {};
      if (uri === undefined || version === undefined) return;
      this.#published.set(displayPath(this.#root, uri), {
        version,
        diagnostics: diagnostics ?? [],
      });
      for (const listener of this.#listeners) listener();
    } else if (message.method !== undefined && message.id !== undefined) {
      // A request from the server: answer every one, or it may wait for us.
      const result = message.method === "workspace/configuration"
        ? (message.params?.items ?? []).map((item) =>
          item.section === "deno" ? SETTINGS : null
        )
        : null;
      this.#send({ id: message.id, result }).catch(() => {});
    } else if (message.id === 1 && this.#initialized) {
      this.#initialized();
      this.#initialized = undefined;
    }
  }

  async #read(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = new Uint8Array(0);
    for await (const chunk of this.#child.stdout) {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      while (true) {
        const end = findHeaderEnd(buffer);
        if (end < 0) break;
        const header = decoder.decode(buffer.subarray(0, end));
        const length = Number(header.match(/Content-Length: *(\d+)/i)?.[1]);
        const start = end + 4;
        if (!Number.isFinite(length) || buffer.length < start + length) break;
        const text = decoder.decode(buffer.subarray(start, start + length));
        buffer = buffer.slice(start + length);
        try {
          this.#receive(JSON.parse(text));
        } catch {
          // A message we cannot read is one we do not need.
        }
      }
    }
  }
}

function findHeaderEnd(buffer: Uint8Array): number {
  for (let i = 0; i + 3 < buffer.length; i++) {
    if (
      buffer[i] === 13 && buffer[i + 1] === 10 && buffer[i + 2] === 13 &&
      buffer[i + 3] === 10
    ) return i;
  }
  return -1;
}

function toProblem(file: string, d: Diagnostic): SourceProblem {
  const code = d.source === "deno-ts" && d.code !== undefined
    ? `TS${d.code}`
    : undefined;
  return {
    kind: code?.startsWith("TS1") ? "syntax" : "type",
    message: d.message,
    ...(code ? { code } : {}),
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  };
}

/**
 * A language server started on first need and shared from then on. A walk
 * through the katas starts one in the background once it knows there is more
 * than one kata to check, and uses it from the moment it is warm (its first
 * check done, TypeScript's libraries loaded); until then `deno check` checks
 * types, so a short walk never waits for the server. `KATAS_LSP=0` in the
 * environment turns the server off (everything still works, more slowly).
 */
export class LazyLsp {
  readonly #root: string;
  #starting: Promise<LspChecker | undefined> | undefined;
  #warm: LspChecker | undefined;

  /** A lazy language server for the repository at `root`. */
  constructor(root: string) {
    this.#root = root;
  }

  /** The server, once it has been started and is warm. */
  get current(): LspChecker | undefined {
    return this.#warm;
  }

  /**
   * Starts the server if it was not, warming it up by checking `files`
   * (repository paths), and resolves when it is warm (or failed to start).
   *
   * @example
   * ```ts ignore
   * import { LazyLsp } from "./lsp_check.ts";
   * const lazy = new LazyLsp(Deno.cwd());
   * const lsp = await lazy.start(["katas/relu_layer/relu.ts"]);
   * await lazy.close();
   * ```
   */
  start(files: string[] = []): Promise<LspChecker | undefined> {
    if (Deno.env.get("KATAS_LSP") === "0") return Promise.resolve(undefined);
    this.#starting ??= LspChecker.start(this.#root).then(async (lsp) => {
      if (lsp && await lsp.check(files) !== undefined) this.#warm = lsp;
      return lsp;
    });
    return this.#starting.then(() => this.#warm);
  }

  /** Closes the server if one was started. */
  async close(): Promise<void> {
    await (await this.#starting)?.close();
  }
}
