// Asks for config.json while the wasm downloads and compiles, instead of after: the
// console reads this promise (src/ui/app.rs) and saves a round trip before its first
// request. Loaded with defer, so it runs before the module that starts the wasm; without
// it (trunk serve) the console asks itself. A failure resolves to null, which the console
// reads as "no config".
window.vizjobsConfig = fetch("config.json", { cache: "no-cache" }).catch(() => null);

// Loads localStorage now: its first use waits for the browser (up to ~5 ms), which the
// console would otherwise spend while its first answer waits. Blocked storage: nothing.
try {
  localStorage.length;
} catch (_) {}
