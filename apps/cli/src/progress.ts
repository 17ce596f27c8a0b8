/** Progress on stderr, only when a person is watching (stderr is a terminal); silent in pipes and CI logs. */
export function progress(label: string): { update(text: string): void; done(text?: string): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    update(text) {
      const now = performance.now();
      if (!tty || now - last < 100) return;
      last = now;
      process.stderr.write(`\r${label}: ${text}\x1b[K`);
    },
    done(text) {
      if (tty) process.stderr.write(`\r${label}: ${text ?? 'done'}\x1b[K\n`);
    },
  };
}
