/**
 * The dashboard's page: one self-contained HTML document (inline CSS and
 * script, nothing fetched from elsewhere) that follows `/stream` and draws
 * every learner with `textContent` only, so a name such as
 * `<img src=x onerror=alert(1)>` shows as those characters. Sized and
 * coloured to be read on a projector from the back of the room.
 *
 * @module
 */

import { byProgress, isStuck } from "./state.ts";

const STYLE = `
:root { color-scheme: light; --ink: #111; --muted: #444; --line: #bbb;
  --ok: #0a6b2d; --bad: #a3000b; --warn: #8a4b00; --bar: #1f5fbf; --peek: #8fb3e8; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.2rem 1.6rem; font: 22px/1.35 system-ui, "DejaVu Sans", sans-serif;
  color: var(--ink); background: #fff; }
header { display: flex; flex-wrap: wrap; gap: .4rem 2rem; align-items: baseline; margin-bottom: .8rem; }
h1 { font-size: 1.6rem; margin: 0; }
#join { font: 600 1.05rem/1.3 ui-monospace, "DejaVu Sans Mono", monospace; background: #eef2f8;
  padding: .25rem .6rem; border-radius: 6px; }
#summary { font-size: 1.1rem; color: var(--muted); }
#live { font-weight: 700; }
#live.on { color: var(--ok); } #live.off { color: var(--bad); }
nav { margin: .4rem 0 .8rem; display: flex; gap: .6rem; align-items: center; }
nav button { font: inherit; font-size: 1rem; padding: .2rem .8rem; border: 2px solid var(--ink);
  background: #fff; border-radius: 6px; cursor: pointer; }
nav button[aria-pressed="true"] { background: var(--ink); color: #fff; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-size: .95rem; color: var(--muted); border-bottom: 3px solid var(--ink);
  padding: .3rem .5rem; white-space: nowrap; }
td { padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: middle; }
td.name { font-weight: 700; min-width: 10rem; max-width: 16rem; overflow-wrap: break-word; }
td.kata .index { color: var(--muted); margin-right: .4rem; }
td.kata .index:empty { display: none; }
td.solved { white-space: nowrap; }
td.time, td.hints { font-variant-numeric: tabular-nums; white-space: nowrap; }
td.test { font-size: .95rem; min-width: 14rem; max-width: 22rem; overflow-wrap: break-word; color: #7a0008; }
.bar { position: relative; width: 8rem; height: 1.3rem; background: #e4e4e4; border: 1px solid #888;
  border-radius: 4px; overflow: hidden; display: inline-block; vertical-align: middle; }
.bar span { position: absolute; top: 0; bottom: 0; }
.bar .own { left: 0; background: var(--bar); }
.bar .peek { background: repeating-linear-gradient(45deg, var(--peek) 0 6px, #fff 6px 9px); }
.count { margin-left: .5rem; font-variant-numeric: tabular-nums; font-weight: 700; }
.peeked { display: block; font-size: .9rem; color: var(--muted); }
.peeked:empty { display: none; }
.status { font-weight: 700; white-space: nowrap; }
.status.failing { color: var(--warn); } .status.passing, .status.finished { color: var(--ok); }
.status.stopped { color: var(--muted); }
tr.stuck td { background: #ffe3e3; }
tr.stuck .status { color: var(--bad); }
tr.stopped td { color: var(--muted); }
#empty { font-size: 1.3rem; color: var(--muted); margin-top: 2rem; }
footer { margin-top: 1rem; font-size: .9rem; color: var(--muted); }
`;

const SCRIPT = `
"use strict";
const isStuck = ${isStuck.toString()};
const byProgress = ${byProgress.toString()};
const code = new URLSearchParams(location.search).get("code") || "";
const learners = new Map();
const rows = new Map();
let stuckMinutes = 10;
let clockOffset = 0;
let order = "progress";
const $ = (id) => document.getElementById(id);

function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
  const two = (n) => String(n).padStart(2, "0");
  return h ? h + ":" + two(m) + ":" + two(sec) : m + ":" + two(sec);
}

function cell(tr, cls) {
  const td = document.createElement("td");
  td.className = cls;
  tr.append(td);
  return td;
}

function makeRow(name) {
  const tr = document.createElement("tr");
  tr.dataset.learner = name;
  for (const cls of ["name", "kata", "solved", "time", "test", "hints", "status"]) cell(tr, cls);
  const span = (cls) =>
    Object.assign(document.createElement("span"), { className: cls });
  tr.querySelector(".kata").append(span("index"), span("title"));
  const bar = span("bar");
  bar.append(span("own"), span("peek"));
  tr.querySelector(".solved").append(bar, span("count"), span("peeked"));
  return tr;
}

function fill(tr, l, now) {
  const stuck = isStuck(l, stuckMinutes, now);
  tr.className = (stuck ? "stuck " : "") + l.status;
  tr.querySelector(".name").textContent = l.name;
  tr.querySelector(".kata .index").textContent = l.kata ? String(l.kata.index + 1) : "";
  tr.querySelector(".kata .title").textContent = l.kata ? l.kata.title : "all katas solved";
  tr.querySelector(".kata").title = l.kata ? l.kata.name : "";
  const own = l.total ? (l.solved - l.solvedWithSolution) / l.total : 0;
  const peek = l.total ? l.solvedWithSolution / l.total : 0;
  tr.querySelector(".own").style.width = (own * 100).toFixed(2) + "%";
  const peekBar = tr.querySelector(".peek");
  peekBar.style.left = (own * 100).toFixed(2) + "%";
  peekBar.style.width = (peek * 100).toFixed(2) + "%";
  tr.querySelector(".count").textContent = l.solved + "/" + l.total;
  tr.querySelector(".peeked").textContent = l.solvedWithSolution ? l.solvedWithSolution + " with answer" : "";
  tr.querySelector(".time").textContent = l.kata && l.status !== "stopped" ? clock(now - l.kataSince) : "";
  tr.querySelector(".test").textContent = l.failingTest || "";
  tr.querySelector(".hints").textContent = l.kata ? String(l.hints) : "";
  const status = tr.querySelector(".status");
  status.className = "status " + l.status;
  status.textContent = stuck ? "STUCK " + clock(now - l.progressAt) : l.status;
  return stuck;
}

function byName(a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; }

function render() {
  const now = Date.now() + clockOffset;
  const sorted = [...learners.values()];
  if (order === "name") sorted.sort(byName);
  else if (order === "stuck") {
    sorted.sort((a, b) => (isStuck(b, stuckMinutes, now) - isStuck(a, stuckMinutes, now)) ||
      (a.progressAt - b.progressAt) || byName(a, b));
  } else sorted.sort(byProgress);
  const body = $("learners");
  let stuck = 0, finished = 0;
  sorted.forEach((l, i) => {
    let tr = rows.get(l.name);
    if (!tr) { tr = makeRow(l.name); rows.set(l.name, tr); }
    if (fill(tr, l, now)) stuck++;
    if (l.status === "finished") finished++;
    if (body.children[i] !== tr) body.insertBefore(tr, body.children[i] || null);
  });
  $("empty").hidden = learners.size > 0;
  $("summary").textContent = learners.size + (learners.size === 1 ? " learner" : " learners") +
    " · " + stuck + " stuck · " + finished + " finished · stuck after " + stuckMinutes + " min without progress";
}

function connect() {
  const stream = new EventSource("/stream?code=" + encodeURIComponent(code));
  stream.addEventListener("snapshot", (e) => {
    const s = JSON.parse(e.data);
    clockOffset = s.now - Date.now();
    stuckMinutes = s.stuckMinutes;
    $("join").textContent = s.join;
    learners.clear();
    for (const l of s.learners) learners.set(l.name, l);
    render();
  });
  stream.addEventListener("learner", (e) => {
    const d = JSON.parse(e.data);
    clockOffset = d.now - Date.now();
    const known = learners.get(d.learner.name);
    if (!known || known.seq < d.learner.seq) learners.set(d.learner.name, d.learner);
    render();
  });
  stream.onopen = () => { $("live").textContent = "live"; $("live").className = "on"; };
  stream.onerror = () => { $("live").textContent = "reconnecting…"; $("live").className = "off"; };
}

for (const button of document.querySelectorAll("nav button")) {
  button.addEventListener("click", () => {
    order = button.dataset.order;
    for (const b of document.querySelectorAll("nav button")) b.setAttribute("aria-pressed", String(b === button));
    render();
  });
}
setInterval(render, 1000);
connect();
`;

/**
 * The page, with the script tagged by `nonce` (the server's
 * Content-Security-Policy allows that script and nothing else to run).
 *
 * @example
 * ```ts
 * import { dashboardPage } from "./page.ts";
 * import { assert } from "../../testing/assert.ts";
 *
 * const html = dashboardPage("n0nce");
 * assert(html.includes('<script nonce="n0nce">'));
 * assert(!html.includes("innerHTML"));
 * ```
 */
export function dashboardPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backprop Katas · workshop</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
<h1>Backprop Katas · workshop</h1>
<span id="live" class="off">connecting…</span>
<span>Join: <code id="join"></code></span>
</header>
<div id="summary"></div>
<nav>Sort:
<button type="button" data-order="progress" aria-pressed="true">by progress</button>
<button type="button" data-order="stuck" aria-pressed="false">stuck first</button>
<button type="button" data-order="name" aria-pressed="false">by name</button>
</nav>
<table>
<thead><tr><th>Learner</th><th>Kata</th><th>Solved</th><th>On kata</th><th>Failing test</th><th>Hints</th><th>Status</th></tr></thead>
<tbody id="learners"></tbody>
</table>
<p id="empty">Nobody has joined yet.</p>
<footer>Solved bar: dark = solved alone, striped = solved after looking at the worked answer. Learners send progress only, never code.</footer>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
