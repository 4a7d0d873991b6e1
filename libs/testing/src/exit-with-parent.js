// Preloaded (-r) into the app processes tests start: when the test runner dies without stopping
// them (killed, crashed), they would live on and, through the shared test database, act on other
// tests' runs. An orphan is re-parented, so a changed parent pid means "exit now".
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1000).unref();
