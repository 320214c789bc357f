// A background job on the host: once shortly after start, then every
// `intervalMs`. The timers never keep the process alive; the returned
// function stops both.
export function repeat(run: () => void, firstMs: number, intervalMs: number): () => void {
  const first = setTimeout(run, firstMs);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
