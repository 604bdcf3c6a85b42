// Asks for config.json while the wasm downloads and compiles, instead of after: the
// console reads this promise (src/ui/app.rs) and saves a round trip before its first
// request. Loaded async: if it has not run when the console starts, the console asks
// itself. A failure resolves to null, which the console reads as "no config".
window.vizjobsConfig = fetch("config.json", { cache: "no-cache" }).catch(() => null);
