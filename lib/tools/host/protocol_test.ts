import { assert, assertEquals } from "../../testing/assert.ts";
import {
  createProgressClient,
  eventsUrl,
  fitText,
  LIMITS,
  type ProgressEvent,
  type SendResult,
  sequence,
  validateEvent,
} from "./protocol.ts";
import { sampleEvent } from "./sample_event.ts";

function reasonsOf(value: unknown): string[] {
  const result = validateEvent(value);
  return result.ok ? [] : result.reasons;
}

Deno.test("a well-formed event is valid, with null kata and failing test too", () => {
  assertEquals(validateEvent(sampleEvent()).ok, true);
  assertEquals(
    validateEvent(
      sampleEvent({
        kata: null,
        failingTest: null,
        solved: 24,
        status: "finished",
      }),
    ).ok,
    true,
  );
});

Deno.test("the validator gives one reason for every malformed field", () => {
  const reasons = reasonsOf({
    ...sampleEvent(),
    version: 2,
    name: "",
    seq: -1,
    kata: { index: 1.5, name: 7, title: "x".repeat(121), extra: true },
    solved: "3",
    solvedWithSolution: null,
    total: 1e9,
    secondsOnKata: 0.5,
    hints: [],
    failingTest: "a\nb",
    status: "asleep",
    code: "console.log('my answer')",
  });
  assertEquals(reasons, [
    '"code" is not a field',
    "version must be 1, got 2",
    "name must not be empty",
    "seq must be between 0 and 9007199254740991, got -1",
    "kata.index must be an integer, got 1.5",
    "kata.name must be a string, got 7",
    "kata.title must be at most 120 characters, got 121",
    'kata."extra" is not a field',
    'solved must be an integer, got a string ("3")',
    "solvedWithSolution must be an integer, got null",
    "total must be between 0 and 10000, got 1000000000",
    "hints must be an integer, got an array",
    "secondsOnKata must be an integer, got 0.5",
    "failingTest must not contain control characters",
    'status must be one of failing, passing, finished, stopped, got a string ("asleep")',
  ]);
});

Deno.test("the validator names missing fields and rejects what is not an object", () => {
  const { name: _, status: __, ...rest } = sampleEvent();
  assertEquals(reasonsOf(rest), ["name is missing", "status is missing"]);
  assertEquals(reasonsOf([1]), [
    "the event must be a JSON object, got an array",
  ]);
  assertEquals(reasonsOf(null), [
    "the event must be a JSON object, got null",
  ]);
});

Deno.test("counts that contradict each other are rejected", () => {
  assertEquals(reasonsOf(sampleEvent({ solved: 25 })), [
    "counts must satisfy solvedWithSolution <= solved <= total, got 1 <= 25 <= 24",
  ]);
  assertEquals(reasonsOf(sampleEvent({ solvedWithSolution: 4 })), [
    "counts must satisfy solvedWithSolution <= solved <= total, got 4 <= 3 <= 24",
  ]);
});

Deno.test("eventsUrl takes host:port or an http URL and refuses other schemes", () => {
  assertEquals(eventsUrl("localhost:8787"), "http://localhost:8787/events");
  assertEquals(
    eventsUrl("https://host.example:9000/"),
    "https://host.example:9000/events",
  );
  let message = "";
  try {
    eventsUrl("ftp://host:21");
  } catch (e) {
    message = (e as Error).message;
  }
  assert(message.includes("http://"), message);
});

/** A fake host whose answers the test scripts, one per attempt. */
function scriptedSend(answers: SendResult[]) {
  const seen: number[] = [];
  const send = (_a: string, _c: string, event: ProgressEvent) => {
    seen.push(event.seq);
    const answer = answers.shift() ??
      { ok: true, status: 200, reason: "", retry: false };
    return Promise.resolve(answer);
  };
  return { seen, send };
}

const down: SendResult = {
  ok: false,
  status: 0,
  reason: "refused",
  retry: true,
};

Deno.test("the client retries while the host is down, then delivers", async () => {
  const { seen, send } = scriptedSend([down, down]);
  const client = createProgressClient({
    address: "x:1",
    code: "c",
    send,
    initialDelayMs: 1,
  });
  client.send(sampleEvent({ seq: 1 }));
  await client.idle();
  await client.close();
  assertEquals(seen, [1, 1, 1]);
});

Deno.test("the client keeps only the newest event while it waits", async () => {
  const { seen, send } = scriptedSend([down]);
  const client = createProgressClient({
    address: "x:1",
    code: "c",
    send,
    initialDelayMs: 20,
  });
  client.send(sampleEvent({ seq: 1 }));
  client.send(sampleEvent({ seq: 2 }));
  client.send(sampleEvent({ seq: 3 }));
  await client.idle();
  await client.close();
  assertEquals(seen, [1, 3]);
});

Deno.test("the client does not retry what the host refused for good", async () => {
  const results: number[] = [];
  const { seen, send } = scriptedSend([
    { ok: false, status: 401, reason: "wrong code", retry: false },
  ]);
  const client = createProgressClient({
    address: "x:1",
    code: "c",
    send,
    initialDelayMs: 1,
    onResult: (r) => results.push(r.status),
  });
  client.send(sampleEvent({ seq: 1 }));
  await client.idle();
  client.send(sampleEvent({ seq: 2 }));
  await client.idle();
  await client.close();
  assertEquals(seen, [1, 2]);
  assertEquals(results, [401, 200]);
});

Deno.test("the client's backoff doubles up to its maximum", async () => {
  const times: number[] = [];
  const send = () => {
    times.push(performance.now());
    return Promise.resolve(down);
  };
  const client = createProgressClient({
    address: "x:1",
    code: "c",
    send,
    initialDelayMs: 8,
    maxDelayMs: 32,
  });
  client.send(sampleEvent());
  while (times.length < 6) await new Promise((r) => setTimeout(r, 10));
  await client.close();
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  // Jitter is +-25 %, timers fire late but never early: 8, 16, 32, 32, 32.
  assert(gaps[0] >= 6 - 1, `first wait ${gaps[0]} ms`);
  assert(gaps[1] >= 12 - 1, `second wait ${gaps[1]} ms`);
  assert(gaps[2] >= 24 - 1, `third wait ${gaps[2]} ms`);
  assert(gaps[4] >= 24 - 1, `fifth wait ${gaps[4]} ms`);
});

Deno.test("close stops a client that is waiting to retry, and send after close does nothing", async () => {
  const { seen, send } = scriptedSend([down, down, down]);
  const client = createProgressClient({
    address: "x:1",
    code: "c",
    send,
    initialDelayMs: 60_000,
  });
  client.send(sampleEvent({ seq: 1 }));
  await new Promise((r) => setTimeout(r, 5));
  await client.close();
  client.send(sampleEvent({ seq: 2 }));
  await client.idle();
  assertEquals(seen, [1]);
});

Deno.test("a send or a listener that throws does not reach the caller, and the event is retried", async () => {
  let calls = 0;
  const client = createProgressClient({
    address: "x:1",
    code: "c",
    initialDelayMs: 1,
    send: () => {
      calls++;
      return calls === 1
        ? Promise.reject(new Error("boom"))
        : Promise.resolve({ ok: true, status: 200, reason: "", retry: false });
    },
    onResult: () => {
      throw new Error("listener broke");
    },
  });
  client.send(sampleEvent());
  await client.idle();
  await client.close();
  assertEquals(calls, 2);
});

Deno.test("sequence numbers follow the clock and still go up when it stands still or goes back", () => {
  let clock = 5000;
  const next = sequence(() => clock);
  const seen = [next(), next()];
  clock = 4000;
  seen.push(next());
  clock = 9000.7;
  seen.push(next());
  assertEquals(seen, [5000, 5001, 5002, 9000]);
  // A runner started later starts above what an earlier run sent.
  assertEquals(sequence(() => 9500)(), 9500);
});

Deno.test("fitText makes any test name a valid failingTest", () => {
  const long = "a\tb\r\n" + "x".repeat(400);
  const fitted = fitText(long, LIMITS.failingTest);
  assertEquals(fitted.length, LIMITS.failingTest);
  assertEquals(fitted.slice(0, 4), "a b ");
  assertEquals(
    validateEvent(sampleEvent({ failingTest: fitted })).ok,
    true,
  );
});
