/**
 * Noticing saves under a folder: file events where the system delivers them,
 * and polling as well, because some systems (network drives, some virtual
 * machines and containers) accept a watch and then never report anything.
 * Changes are debounced, so an editor's burst of writes gives one call.
 *
 * @module
 */

import { join } from "node:path";

/** How to watch. */
export interface WatchFilesOptions {
  /** The folder to watch, recursively. */
  dir: string;
  /** Only files whose names end with one of these are watched. */
  extensions: string[];
  /** Called with the changed files (absolute paths) after the quiet time. */
  onChange: (files: string[]) => void;
  /** Quiet time after the last change before `onChange`, in ms (default 80). */
  debounceMs?: number;
  /** Poll interval when file events are not available, in ms (default 300). */
  pollMs?: number;
  /** Poll interval as a safety net beside file events, in ms (default 1000). */
  backupPollMs?: number;
  /** Poll only, without file events. */
  forcePoll?: boolean;
}

type Snapshot = Map<string, string>;

/** A running watch; {@link FileWatcher.close} ends it. */
export class FileWatcher {
  /** `events` when file events are delivered, else `polling`. */
  mode: "events" | "polling" = "polling";
  readonly #options: Required<WatchFilesOptions>;
  #snapshot: Snapshot = new Map();
  #fs: Deno.FsWatcher | undefined;
  #pending = new Set<string>();
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #poll: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  private constructor(options: WatchFilesOptions) {
    this.#options = {
      debounceMs: 80,
      pollMs: 300,
      backupPollMs: 1000,
      forcePoll: false,
      ...options,
    };
  }

  /**
   * Starts watching `options.dir`.
   *
   * @example
   * ```ts ignore
   * import { FileWatcher } from "./watch_files.ts";
   * const watcher = await FileWatcher.start({
   *   dir: "katas", extensions: [".ts"], onChange: (files) => console.log(files),
   * });
   * console.log(watcher.mode);
   * watcher.close();
   * ```
   */
  static async start(options: WatchFilesOptions): Promise<FileWatcher> {
    const watcher = new FileWatcher(options);
    watcher.#snapshot = await watcher.#scan();
    if (!watcher.#options.forcePoll) watcher.#listen();
    watcher.#schedulePoll();
    return watcher;
  }

  /** Stops watching. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#debounce);
    clearTimeout(this.#poll);
    try {
      this.#fs?.close();
    } catch {
      // Already closed.
    }
  }

  #wanted(path: string): boolean {
    return this.#options.extensions.some((e) => path.endsWith(e));
  }

  #listen(): void {
    try {
      this.#fs = Deno.watchFs(this.#options.dir, { recursive: true });
    } catch {
      return; // no file events here: polling it is
    }
    this.mode = "events";
    (async () => {
      for await (const event of this.#fs!) {
        const paths = event.paths.filter((p) => this.#wanted(p));
        if (paths.length === 0) continue;
        for (const p of paths) this.#pending.add(p);
        this.#settle();
      }
    })().catch(() => {}).finally(() => {
      if (!this.#closed) this.mode = "polling";
    });
  }

  #settle(): void {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#fire(), this.#options.debounceMs);
  }

  async #fire(): Promise<void> {
    const files = [...this.#pending];
    this.#pending.clear();
    // Note the new state, so the safety-net poll does not report it again.
    for (const file of files) {
      const key = await signature(file);
      if (key === undefined) this.#snapshot.delete(file);
      else this.#snapshot.set(file, key);
    }
    if (!this.#closed && files.length) this.#options.onChange(files);
  }

  #schedulePoll(): void {
    if (this.#closed) return;
    const ms = this.mode === "events"
      ? this.#options.backupPollMs
      : this.#options.pollMs;
    this.#poll = setTimeout(async () => {
      const now = await this.#scan().catch(() => this.#snapshot);
      for (const [file, key] of now) {
        if (this.#snapshot.get(file) !== key) this.#pending.add(file);
      }
      for (const file of this.#snapshot.keys()) {
        if (!now.has(file)) this.#pending.add(file);
      }
      this.#snapshot = now;
      if (this.#pending.size) this.#settle();
      this.#schedulePoll();
    }, ms);
  }

  async #scan(dir = this.#options.dir, into: Snapshot = new Map()) {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) {
        await this.#scan(path, into).catch(() => {});
      } else if (this.#wanted(path)) {
        const key = await signature(path);
        if (key !== undefined) into.set(path, key);
      }
    }
    return into;
  }
}

// The content's hash too: some file systems keep times to the second only,
// and a one-character fix keeps the size.
async function signature(path: string): Promise<string | undefined> {
  try {
    const info = await Deno.stat(path);
    const bytes = await Deno.readFile(path);
    let hash = 0x811c9dc5;
    for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
    return `${info.mtime?.getTime()}:${info.size}:${hash >>> 0}`;
  } catch {
    return undefined;
  }
}
