// Asks for config.json while the wasm downloads and compiles, instead of after: the
// console reads this promise (src/ui/app.rs) and saves a round trip before its first
// request. Loaded with defer, so it runs before the module that starts the wasm; without
// it (trunk serve) the console asks itself. A failure resolves to null, which the console
// reads as "no config".
window.vizjobsConfig = fetch("config.json", { cache: "no-cache" }).catch(() => null);

// The first use of localStorage in a page waits for the browser to hand over the whole
// store (up to ~5 ms here). The console reads it while it builds the page, after its
// list request has left and before that answer can be shown; touching it now does the
// waiting while the wasm is still on its way. Storage may be disabled: then nothing.
try {
  localStorage.length;
} catch (_) {
  // The console copes without it (src/browser.rs).
}
