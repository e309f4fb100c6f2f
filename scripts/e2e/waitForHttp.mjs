/** Polls a URL until it answers with any HTTP status below 500, or fails with a message naming `what`. */
export async function waitForHttp(url, { timeoutMs, process: child, what }) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child?.once('exit', code => {
    exited = code;
  });
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(`${what} exited with code ${exited} before answering`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 1_000));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
}
