/**
 * Follows the dashboard's `/stream` from code, as the page does in a browser:
 * for the server's tests and the load script.
 *
 * @module
 */

/** One server-sent event; `data` is its parsed JSON. */
export interface StreamMessage {
  event: string;
  // deno-lint-ignore no-explicit-any
  data: any;
}

/** An open stream. */
export interface StreamReader {
  /** The next message (keep-alive comments skipped); throws if the stream ends. */
  next(): Promise<StreamMessage>;
  close(): Promise<void>;
}

/**
 * Opens `/stream` on the server at `url` with the join `code`; throws an error
 * with the status when the server refuses.
 *
 * @example
 * ```ts
 * import { openStream } from "./stream_reader.ts";
 * import { startHost } from "./server.ts";
 * import { assertEquals } from "../../testing/assert.ts";
 *
 * const host = startHost({ port: 0 });
 * const stream = await openStream(host.url, host.code);
 * assertEquals((await stream.next()).event, "snapshot");
 * await stream.close();
 * await host.shutdown();
 * ```
 */
export async function openStream(
  url: string,
  code: string,
): Promise<StreamReader> {
  const response = await fetch(
    `${url}/stream?code=${encodeURIComponent(code)}`,
  );
  if (!response.ok || !response.body) {
    const body = await response.text();
    throw new Error(`/stream answered ${response.status}: ${body}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream())
    .getReader();
  let buffer = "";
  return {
    async next() {
      while (true) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(":")) continue;
          let event = "message";
          let data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) data += line.slice(6);
          }
          return { event, data: JSON.parse(data) };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("the stream ended");
        buffer += value;
      }
    },
    async close() {
      await reader.cancel();
    },
  };
}
