// Asks for config.json while the wasm downloads and compiles, instead of after: the
// console reads this promise (src/ui/app.rs) and saves a round trip before its first
// request. Loaded with defer, so it runs before the module that starts the wasm; without
// it (trunk serve) the console asks itself. A failure resolves to null, which the console
// reads as "no config".
window.vizjobsConfig = fetch("config.json", { cache: "no-cache" }).catch(() => null);

// Sends again the list request this address led to last time (src/list_replay.rs); the
// console takes the answer only for the very same URL (src/api/client.rs).
window.vizjobsFirstList = (() => {
  try {
    const lines = (localStorage.getItem("vizjobs.recent-lists") || "").split("\n");
    let url = "";
    for (let i = 0; i + 1 < lines.length; i += 2) {
      if (lines[i] === location.search && lines[i + 1]) {
        url = lines[i + 1];
        break;
      }
    }
    if (!url) return null;
    const abort = new AbortController();
    const answer = fetch(url, { headers: { Accept: "application/json" }, signal: abort.signal })
      .then((r) => r.arrayBuffer().then((bytes) => ({ status: r.status, bytes })));
    answer.catch(() => {}); // if not taken
    return { url, answer, abort: () => abort.abort() };
  } catch (_) {
    return null;
  }
})();
