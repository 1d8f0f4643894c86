/**
 * The keys watch mode listens to: `q` (or Ctrl-C, Ctrl-D) quits, `h` shows a
 * hint, Enter or `r` checks again. In a terminal, stdin is put in raw mode so
 * a key acts without Enter; from a pipe, the same letters act as they arrive.
 * Ctrl-C sent as a signal quits too.
 *
 * @module
 */

/** What a key asks for. */
export type KeyAction = "quit" | "hint" | "rerun";

/**
 * The action of one typed character, if it has one.
 *
 * @example
 * ```ts
 * import { keyAction } from "./keys.ts";
 * console.assert(keyAction("q") === "quit" && keyAction("\x03") === "quit");
 * console.assert(keyAction("h") === "hint" && keyAction("\r") === "rerun");
 * console.assert(keyAction("x") === undefined);
 * ```
 */
export function keyAction(char: string): KeyAction | undefined {
  switch (char) {
    case "q":
    case "Q":
    case "\x03":
    case "\x04":
      return "quit";
    case "h":
    case "H":
      return "hint";
    case "r":
    case "R":
    case "\r":
      return "rerun";
  }
  return undefined;
}

/**
 * Listens for keys (and Ctrl-C as a signal) until the returned function is
 * called, which also restores the terminal.
 *
 * @example
 * ```ts ignore
 * import { listenForKeys } from "./keys.ts";
 * const stop = listenForKeys((action) => console.log(action));
 * stop();
 * ```
 */
export function listenForKeys(onKey: (action: KeyAction) => void): () => void {
  let stopped = false;
  const raw = Deno.stdin.isTerminal();
  if (raw) {
    try {
      Deno.stdin.setRaw(true);
    } catch {
      // Not a real terminal after all: read it as a pipe.
    }
  }
  const onSignal = () => onKey("quit");
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  const listening = signals.filter((s) => {
    try {
      Deno.addSignalListener(s, onSignal);
      return true;
    } catch {
      return false; // not on this platform (SIGTERM on Windows)
    }
  });
  (async () => {
    const buffer = new Uint8Array(64);
    const decoder = new TextDecoder();
    while (!stopped) {
      const n = await Deno.stdin.read(buffer);
      if (n === null) return; // stdin closed: keep watching without keys
      for (const char of decoder.decode(buffer.subarray(0, n))) {
        const action = keyAction(char);
        if (action && !stopped) onKey(action);
      }
    }
  })().catch(() => {});
  return () => {
    stopped = true;
    for (const s of listening) Deno.removeSignalListener(s, onSignal);
    if (raw) {
      try {
        Deno.stdin.setRaw(false);
      } catch {
        // The terminal is gone.
      }
    }
  };
}
