// Benchmark fixture: the console's job table by hand, without a framework. It reads
// config.json, fetches the same list from the same stand-in, renders the same nine
// columns with the same elements (text only, the same safe-link rule, stop countdowns,
// copy buttons) and sets the User Timing mark `plain:rows-rendered` in the frame after
// the rows are in the DOM, as the console sets `vizjobs:rows-rendered`. Sorting is the
// server's, as in the console. Left out: the console's live ticking of durations,
// other languages, and everything outside the table.

const MARK = "plain:rows-rendered";

// code: [English label, badge kind], as src/status.rs.
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
const RUNNING = 8;

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
function stopIn(job) {
  if (typeof job.remaining_duration === "number") return job.remaining_duration * 1000;
  const stop = (job.schedule || []).find((s) => String(s.type).toLowerCase() === "stop");
  const unit = { SECONDS: 1e3, MINUTES: 6e4, HOURS: 36e5, DAYS: 864e5 }[
    String(stop?.timeUnit).toUpperCase()];
  return stop && unit ? stop.duration * unit - (job.duration || 0) : null;
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
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function cell(row, key, extraClass, testid, text) {
  const td = el("td", extraClass ? `col-${key} ${extraClass}` : `col-${key}`, text);
  td.dataset.label = LABELS[key];
  if (testid) td.dataset.testid = testid;
  row.appendChild(td);
  return td;
}

// The value in a span, and a Copy button when there is a value.
function copyable(td, key, value) {
  const span = el("span", "", value);
  span.dataset.testid = key.replace("_", "-");
  td.appendChild(span);
  if (value === undefined || value === null || value === "") return;
  const button = el("button", "copy", "Copy");
  button.type = "button";
  button.dataset.testid = `copy-${key}`;
  button.title = button.ariaLabel = `Copy ${LABELS[key]}`;
  button.addEventListener("click", () => navigator.clipboard.writeText(String(value)));
  td.appendChild(button);
}

function jobRow(job) {
  const tr = document.createElement("tr");
  tr.dataset.testid = "job-row";
  tr.dataset.jobId = String(job.job_id);
  cell(tr, "job_name", "", "job-name", job.job_name);

  const [label, kind] = STATUS[job.status] || [`Unknown (${job.status})`, "unknown"];
  const badge = el("span", `badge badge-${kind}`, label);
  badge.dataset.testid = "status-badge";
  badge.dataset.status = String(job.status);
  cell(tr, "status").appendChild(badge);

  const created = new Date(job.create_time);
  const time = el("time", "", Number.isNaN(created.getTime()) ? "" : dateFormat.format(created));
  if (!Number.isNaN(created.getTime())) time.dateTime = time.title = created.toISOString();
  cell(tr, "create_time", "", "create-time").appendChild(time);

  const dur = cell(tr, "duration", "num", "duration", duration(job.duration));
  const stop = job.status === RUNNING ? stopIn(job) : null;
  if (stop !== null) {
    const note = el("span", "hint stops-in", ` · stops in ${countdown(stop)}`);
    note.dataset.testid = "stops-in";
    dur.appendChild(note);
  }
  cell(tr, "job_desc", "", "job-desc", job.job_desc).title = job.job_desc ?? "";

  const link = cell(tr, "service_url");
  const raw = (job.service_url || "").trim() ? job.service_url : "";
  if (raw) {
    const href = safeHttpUrl(raw);
    if (href) {
      const a = el("a", "", "Open TensorBoard");
      a.dataset.testid = "service-link";
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      link.appendChild(a);
      if (job.status !== RUNNING) link.appendChild(el("span", "hint", " (not running)"));
    } else {
      const span = el("span", "unsafe-url", raw);
      span.appendChild(el("span", "hint", " (not a web link)"));
      link.appendChild(span);
    }
  }
  copyable(cell(tr, "train_url", "path"), "train_url", job.train_url);
  copyable(cell(tr, "job_id", "id"), "job_id", job.job_id);
  copyable(cell(tr, "resource_id", "id"), "resource_id", job.resource_id);
  return tr;
}

function render(body) {
  const rows = document.createDocumentFragment();
  for (const job of body.jobs || []) rows.appendChild(jobRow(job));
  document.querySelector("tbody").replaceChildren(rows);
  document.querySelector("[data-testid=total-count]").textContent =
    `${body.job_total_count} jobs`;
  for (const b of document.querySelectorAll("button.sort")) {
    const th = b.closest("th");
    th.setAttribute("aria-sort", b.dataset.key !== query.sortBy ? "none"
      : query.order === "asc" ? "ascending" : "descending");
  }
  requestAnimationFrame(() => performance.mark(MARK));
}

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

for (const b of document.querySelectorAll("button.sort")) {
  b.addEventListener("click", () => {
    const key = b.dataset.key;
    query.order = query.sortBy === key && query.order === "asc" ? "desc" : "asc";
    query.sortBy = key;
    load();
  });
}
document.querySelector("[data-testid=refresh]").addEventListener("click", load);

const config = await fetch("/config.json").then((r) => r.json()).catch(() => ({}));
projectId = params.get("project_id") || config.project_id || "";
load();
