// Benchmark fixture: the console's job table by hand, without a framework. It reads
// config.json, fetches the same list from the same stand-in, and renders each row with
// the elements the console renders (src/ui/grid.rs) for the same data:
// - a selection checkbox; the name as a button; the status badge; the creation time;
//   the duration, which for a running job ticks every second with its stop countdown;
//   the description; the TensorBoard link for a running job (a safe http(s) URL only),
//   "Restart and open" for a finished one; train URL, job ID and resource ID, each with
//   a copy button (hidden by the console's default column classes, built all the same);
//   stop, restart and delete buttons, each enabled only where the status allows it.
// - one delegated handler for the body's buttons and checkboxes, no listener per row.
// - rows keyed by what they show (not by the figures a running job changes on every
//   answer): a refresh or a sort reuses and moves rows, and rebuilds only changed ones.
// It sets the User Timing mark `plain:rows-rendered` in the frame after the rows are in
// the DOM, as the console sets `vizjobs:rows-rendered`. Sorting is the server's, as in
// the console. Left out: other languages, the detail panel, the confirmation dialogs
// and the requests behind the buttons, and everything outside the table.

const MARK = "plain:rows-rendered";
const RUNNING = 8;
const CANCELING = 9;

// code: [English label, kind], as src/status.rs.
const STATUS = [
  ["Unknown", "unknown"], ["Initializing", "pending"], ["Creating image", "pending"],
  ["Image creation failed", "failed"], ["Submitting", "pending"], ["Submission failed", "failed"],
  ["Deletion failed", "failed"], ["Queuing", "pending"], ["Running", "running"],
  ["Canceling", "pending"], ["Completed", "succeeded"], ["Failed", "failed"],
  ["Canceled", "stopped"], ["Canceled", "stopped"], ["Lost", "failed"],
  ["Scaling", "pending"], ["Model submission failed", "failed"],
  ["Service deployment failed", "failed"], ["Review initializing", "pending"],
  ["Under review", "pending"], ["Review completed", "succeeded"], ["Review failed", "failed"],
  ["Mount failed", "failed"],
];
const FINAL_KINDS = new Set(["succeeded", "failed", "stopped"]);

// The actions' rules, as src/actions.rs: stop a running job or one on its way to
// running; restart a finished one; delete anything but a canceling one.
function allowed(verb, status) {
  if (typeof status !== "number") return false;
  const documented = STATUS[status] !== undefined;
  const kind = documented ? STATUS[status][1] : "unknown";
  if (verb === "stop") return status === RUNNING || (documented && status !== CANCELING && kind === "pending");
  if (verb === "restart") return documented && FINAL_KINDS.has(kind);
  return status !== CANCELING;
}

const params = new URLSearchParams(location.search);
const query = {
  sortBy: params.get("sortBy") || "job_id",
  order: params.get("order") || "asc",
  per_page: params.get("per_page") || "10",
};
let projectId = "";

const LABELS = {
  job_name: "Name", status: "Status", create_time: "Created", duration: "Duration",
  job_desc: "Description", service_url: "TensorBoard", train_url: "Train URL",
  job_id: "Job ID", resource_id: "Resource ID",
};
const pad = (n) => String(n).padStart(2, "0");
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

function duration(ms) {
  if (typeof ms !== "number" || ms < 0) return "";
  const t = Math.floor(ms / 1000);
  const d = Math.floor(t / 86400), h = Math.floor((t % 86400) / 3600);
  const m = Math.floor((t % 3600) / 60), s = t % 60;
  if (d > 0) return `${d}d ${pad(h)}h ${pad(m)}m`;
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

// Milliseconds to an automatic stop: remaining_duration, else a stop schedule.
function stopIn(remaining, schedule, durationMs) {
  if (typeof remaining === "number") return remaining * 1000;
  const stop = (schedule || []).find((s) => String(s.type).toLowerCase() === "stop");
  const unit = { SECONDS: 1e3, MINUTES: 6e4, HOURS: 36e5, DAYS: 864e5 }[
    String(stop?.timeUnit).toUpperCase()];
  return stop && unit && typeof stop.duration === "number"
    ? stop.duration * unit - (durationMs || 0) : null;
}

function countdown(ms) {
  const minutes = Math.floor((Math.max(ms, 0) + 59999) / 60000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

function safeHttpUrl(raw) {
  const url = raw.trim();
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(url)) return null;
  const m = /^https?:\/\/([^/?#]*)/i.exec(url);
  if (!m) return null;
  const host = m[1].split("@").pop();
  return host && !host.startsWith(":") ? url : null;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null && text !== "") e.textContent = String(text);
  return e;
}

function td(row, className, testid) {
  const cell = el("td", className);
  if (testid) cell.dataset.testid = testid;
  row.appendChild(cell);
  return cell;
}

function button(className, act, testid, label) {
  const b = el("button", className, label);
  b.type = "button";
  b.dataset.act = act;
  if (testid) b.dataset.testid = testid;
  return b;
}

// A long value cut to its cell with the whole in a tooltip, and a copy button.
function copyable(cell, key, testid, value) {
  const text = value === undefined || value === null ? "" : String(value);
  const span = el("span", "cut", text);
  span.dataset.testid = testid;
  if (text) span.title = text;
  cell.appendChild(span);
  if (!text) return;
  const copy = button("copy", "copy", `copy-${key}`, "Copy");
  copy.dataset.copy = text;
  copy.dataset.label = "Copy";
  copy.ariaLabel = `Copy ${LABELS[key]}`;
  cell.appendChild(copy);
}

function serviceCell(cell, job) {
  if (allowed("restart", job.status)) {
    const b = button("act primary", "restart-and-open", "restart-and-open", "Restart and open");
    b.title = "Restarts the job and opens its TensorBoard in a new tab once it runs";
    cell.appendChild(b);
    return;
  }
  const raw = (job.service_url || "").trim() ? job.service_url : "";
  if (!raw) return;
  const href = safeHttpUrl(raw);
  if (href && job.status === RUNNING) {
    const a = el("a", "open-tb", "Open TensorBoard");
    a.dataset.testid = "service-link";
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    cell.appendChild(a);
  } else if (href) {
    const hint = el("span", "hint", " (not running)");
    hint.title = "TensorBoard answers only while the job is running";
    cell.appendChild(hint);
  } else {
    const span = el("span", "unsafe-url", raw);
    span.title = "Not an http(s) address, so it is not a link";
    span.appendChild(el("span", "hint", " (not a web link)"));
    cell.appendChild(span);
  }
}

// A running row's moving figures, updated in place by a refresh and by the ticker.
class Live {
  constructor(cell, job) {
    this.text = document.createTextNode("");
    cell.appendChild(this.text);
    this.cell = cell;
    this.note = null;
    this.set(job);
  }

  set(job) {
    this.durationMs = typeof job.duration === "number" ? job.duration : null;
    this.stopMs = stopIn(job.remaining_duration, job.schedule, job.duration);
  }

  show(elapsed) {
    const text = this.durationMs === null ? "" : duration(this.durationMs + elapsed);
    if (this.text.data !== text) this.text.data = text;
    if (this.stopMs === null) {
      this.note?.remove();
      this.note = null;
      return;
    }
    if (!this.note) {
      this.note = el("span", "hint stops-in");
      this.note.dataset.testid = "stops-in";
      this.note.appendChild(document.createTextNode(" · "));
      this.note.appendChild(document.createTextNode(""));
      this.cell.appendChild(this.note);
    }
    const left = `stops in ${countdown(this.stopMs - elapsed)}`;
    if (this.note.lastChild.data !== left) this.note.lastChild.data = left;
  }
}

function jobRow(job) {
  const id = job.job_id === undefined || job.job_id === null ? null : String(job.job_id);
  const name = job.job_name ? String(job.job_name) : (id ?? "");
  const tr = document.createElement("tr");
  tr.dataset.testid = "job-row";
  if (id !== null) tr.dataset.jobId = id;

  const select = el("input");
  select.type = "checkbox";
  select.dataset.testid = "row-select";
  if (id !== null) select.dataset.jobId = id;
  select.disabled = id === null;
  select.checked = id !== null && selection.has(id);
  select.ariaLabel = `Select ${name}`;
  td(tr, "col-select").appendChild(select);

  const open = button("job-link", "open", null, job.job_name);
  open.title = "Job details";
  td(tr, "col-job_name", "job-name").appendChild(open);

  const [label, kind] = STATUS[job.status] || [`Unknown (${job.status})`, "unknown"];
  const badge = el("span", `badge badge-${kind}`, label);
  badge.dataset.testid = "status-badge";
  badge.dataset.status = String(job.status);
  td(tr, "col-status").appendChild(badge);

  const created = new Date(job.create_time);
  const valid = typeof job.create_time === "number" && !Number.isNaN(created.getTime());
  const time = el("time", "", valid ? dateFormat.format(created) : "");
  if (valid) time.dateTime = created.toISOString();
  td(tr, "col-create_time", "create-time").appendChild(time);

  const durationCell = td(tr, "col-duration num", "duration");
  let live = null;
  if (job.status === RUNNING) {
    live = new Live(durationCell, job);
    live.show(0);
  } else {
    durationCell.textContent = duration(job.duration);
  }

  const desc = td(tr, "col-job_desc", "job-desc");
  if (job.job_desc) {
    desc.textContent = job.job_desc;
    desc.title = job.job_desc;
  }
  serviceCell(td(tr, "col-service_url"), job);
  copyable(td(tr, "col-train_url path"), "train_url", "train-url", job.train_url);
  copyable(td(tr, "col-job_id id"), "job_id", "job-id", id);
  copyable(td(tr, "col-resource_id id"), "resource_id", "resource-id", job.resource_id);

  const group = el("div");
  group.dataset.testid = "row-actions";
  group.setAttribute("role", "group");
  group.ariaLabel = `Actions for ${name}`;
  for (const [verb, text] of [["stop", "Stop"], ["restart", "Restart"], ["delete", "Delete"]]) {
    const b = button(verb === "delete" ? "act danger" : "act", verb, `action-${verb}`, text);
    b.disabled = !(id !== null && allowed(verb, job.status));
    group.appendChild(b);
  }
  td(tr, "col-actions").appendChild(group);
  return { tr, live };
}

// What a row shows, except the figures a running job changes on every answer.
function rowKey(job) {
  return JSON.stringify([job.job_id, job.job_name, job.status, job.create_time, job.job_desc,
    job.service_url, job.train_url, job.resource_id, job.schedule]);
}

const tbody = document.querySelector("tbody");
const selection = new Set();
let rows = new Map(); // key -> { tr, live }
let loadedAt = 0;

function render(body) {
  loadedAt = Date.now();
  const next = new Map();
  const order = [];
  for (const job of body.jobs || []) {
    const key = rowKey(job);
    let row = rows.get(key);
    if (row && !next.has(key)) {
      rows.delete(key);
      if (row.live) {
        row.live.set(job);
        row.live.show(0);
      }
    } else {
      row = jobRow(job);
    }
    next.set(key, row);
    order.push(row.tr);
  }
  rows = next;
  // Put the rows in order, moving only those out of place, and drop the rest.
  let cursor = tbody.firstChild;
  for (const tr of order) {
    if (tr === cursor) cursor = cursor.nextSibling;
    else tbody.insertBefore(tr, cursor);
  }
  while (cursor) {
    const next = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
  document.querySelector("[data-testid=total-count]").textContent =
    `${body.job_total_count} jobs`;
  for (const b of document.querySelectorAll("button.sort")) {
    const on = b.dataset.key === query.sortBy;
    b.closest("th").setAttribute("aria-sort", !on ? "none"
      : query.order === "asc" ? "ascending" : "descending");
    b.querySelector(".arrow").textContent = !on ? "↕" : query.order === "asc" ? "▲" : "▼";
  }
  requestAnimationFrame(() => performance.mark(MARK));
}

// The page's clock: running rows tick every second, as in the console.
setInterval(() => {
  const elapsed = Math.max(Date.now() - loadedAt, 0);
  for (const row of rows.values()) row.live?.show(elapsed);
}, 1000);

let inFlight = null;

async function load() {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const qs = new URLSearchParams(query);
  const url = `/v1/${encodeURIComponent(projectId)}/visualization-jobs?${qs}`;
  try {
    const response = await fetch(url, { signal: controller.signal });
    const body = await response.json();
    if (inFlight !== controller) return;
    inFlight = null;
    if (!response.ok || !body.is_success) throw new Error(body.error_message || response.status);
    render(body);
  } catch (e) {
    if (e.name !== "AbortError") console.error("plain baseline:", e);
  }
}

// One handler each for every button and checkbox in the body.
tbody.addEventListener("click", (ev) => {
  const b = ev.target.closest("button[data-act]");
  if (b?.dataset.act === "copy") {
    navigator.clipboard?.writeText(b.dataset.copy).catch(() => {});
  }
});
tbody.addEventListener("change", (ev) => {
  const box = ev.target.closest("input[data-testid=row-select]");
  if (!box) return;
  if (box.checked) selection.add(box.dataset.jobId);
  else selection.delete(box.dataset.jobId);
});
document.querySelector("[data-testid=select-all]").addEventListener("change", (ev) => {
  const checked = ev.target.checked;
  for (const box of tbody.querySelectorAll("[data-testid=row-select]")) {
    box.checked = checked;
    if (checked) selection.add(box.dataset.jobId);
    else selection.delete(box.dataset.jobId);
  }
});

for (const b of document.querySelectorAll("button.sort")) {
  b.addEventListener("click", () => {
    const key = b.dataset.key;
    query.order = query.sortBy === key && query.order === "asc" ? "desc" : "asc";
    query.sortBy = key;
    load();
  });
}
document.querySelector("[data-testid=refresh]").addEventListener("click", load);

// The column names for phones (`td::before`), once on the table, as the console does.
const table = document.querySelector("table");
for (const [key, label] of Object.entries(LABELS)) {
  table.style.setProperty(`--label-${key}`, `"${label}"`);
}

const config = await fetch("/config.json").then((r) => r.json()).catch(() => ({}));
projectId = params.get("project_id") || config.project_id || "";
load();
