/**
 * The dashboard under a room's load: starts `deno task host`'s server in its
 * own process, then simulated learners (100 by default) each send an event a
 * second (for 60 s by default) while one reader follows `/stream` as the page
 * does. Prints, per learner, updates lost and out of order on the stream, the
 * latency from sending an event to seeing it on the stream, and the server's
 * memory over the run (every 10 s, after a full garbage collection).
 *
 *     deno run -A lib/tools/host/load.ts [--learners 100] [--seconds 60]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { sendProgress } from "./protocol.ts";
import { sampleEvent } from "./sample_event.ts";
import { openStream } from "./stream_reader.ts";

const CODE = "load-test-code";

interface Memory {
  at: number;
  rss: number;
  heapUsed: number;
}

async function startServer(): Promise<
  { url: string; stop: () => Promise<void> }
> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      "--v8-flags=--expose-gc",
      new URL("./main.ts", import.meta.url).pathname,
      "--port",
      "0",
      "--code",
      CODE,
    ],
    stdout: "piped",
    stderr: "inherit",
    stdin: "null",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!/http:\/\/[^/]+\//.test(seen)) {
    const { value, done } = await lines.read();
    if (done) {
      throw new Error(`the server stopped before it listened:\n${seen}`);
    }
    seen += value;
  }
  const url = seen.match(/(http:\/\/[^/]+)\//)![1];
  // Keep reading what it prints, so a full pipe never blocks it.
  const drained = (async () => {
    while (!(await lines.read()).done);
  })();
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await drained;
    },
  };
}

async function memory(url: string, started: number): Promise<Memory> {
  const stats = await (await fetch(`${url}/stats?code=${CODE}`)).json();
  return {
    at: Math.round((performance.now() - started) / 1000),
    rss: stats.memory.rss,
    heapUsed: stats.memory.heapUsed,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      learners: { type: "string", default: "100" },
      seconds: { type: "string", default: "60" },
    },
  });
  const learners = Number(values.learners);
  const seconds = Number(values.seconds);
  const server = await startServer();
  const stream = await openStream(server.url, CODE);
  await stream.next();

  const sentAt = new Map<string, number>();
  const lastSeq = new Map<string, number>();
  const received = new Map<string, number>();
  let reordered = 0;
  const latencies: number[] = [];
  let reading = true;
  const reader = (async () => {
    while (reading) {
      const { event, data } = await stream.next().catch(() => ({
        event: "end",
        data: null,
      }));
      if (event !== "learner") continue;
      const { name, seq } = data.learner;
      const key = `${name}#${seq}`;
      const at = sentAt.get(key);
      if (at !== undefined) {
        latencies.push(performance.now() - at);
        sentAt.delete(key);
      }
      if (seq <= (lastSeq.get(name) ?? 0)) reordered++;
      lastSeq.set(name, seq);
      received.set(name, (received.get(name) ?? 0) + 1);
    }
  })();

  const started = performance.now();
  const memories = [await memory(server.url, started)];
  const sampler = setInterval(async () => {
    memories.push(await memory(server.url, started));
  }, 10_000);

  let sent = 0;
  let failed = 0;
  const learner = async (i: number) => {
    const name = `learner-${String(i).padStart(3, "0")}`;
    // Spread the room over the second, as real runners would be.
    await new Promise((r) => setTimeout(r, (i * 1000) / learners));
    for (let seq = 1; seq <= seconds; seq++) {
      const due = started + (i * 1000) / learners + (seq - 1) * 1000;
      await new Promise((r) =>
        setTimeout(r, Math.max(0, due - performance.now()))
      );
      const solved = Math.min(23, Math.floor(seq / 10));
      const event = sampleEvent({
        name,
        seq,
        solved,
        solvedWithSolution: Math.floor(solved / 4),
        kata: {
          index: solved,
          name: `kata_${solved}`,
          title: `Kata ${solved + 1}`,
        },
        secondsOnKata: seq % 10,
        failingTest: `test ${seq % 3}`,
      });
      sentAt.set(`${name}#${seq}`, performance.now());
      const result = await sendProgress(server.url, CODE, event);
      sent++;
      if (!result.ok) failed++;
    }
  };
  await Promise.all(Array.from({ length: learners }, (_, i) => learner(i)));
  const pageStarted = performance.now();
  const page = await fetch(`${server.url}/?code=${CODE}`);
  await page.text();
  const pageMs = performance.now() - pageStarted;
  await new Promise((r) => setTimeout(r, 1000));
  clearInterval(sampler);
  memories.push(await memory(server.url, started));
  reading = false;
  await stream.close();
  await reader;
  await server.stop();

  let lost = 0;
  for (let i = 0; i < learners; i++) {
    const name = `learner-${String(i).padStart(3, "0")}`;
    lost += seconds - (received.get(name) ?? 0);
  }
  latencies.sort((a, b) => a - b);
  const ms = (p: number) => `${percentile(latencies, p).toFixed(1)} ms`;
  console.log(
    `${learners} learners x 1 event/s x ${seconds} s: ${sent} events sent, ${failed} refused or unanswered
lost on the stream: ${lost}; out of order: ${reordered}
latency, send to stream: p50 ${ms(0.5)}, p90 ${ms(0.9)}, p99 ${ms(0.99)}, max ${
      ms(1)
    }
the page, fetched at the end of the run: ${
      pageMs.toFixed(1)
    } ms, status ${page.status}
server memory after a full garbage collection (s: rss / heap used):`,
  );
  for (const m of memories) {
    console.log(
      `  ${String(m.at).padStart(3)} s: ${mb(m.rss)} / ${mb(m.heapUsed)}`,
    );
  }
}

if (import.meta.main) await main();
