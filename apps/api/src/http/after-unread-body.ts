import type { IncomingMessage } from 'node:http';

/** How long an early refusal waits for the rest of a body it will not read before answering anyway. */
const LINGER_MS = 2_000;

/**
 * Runs `answer` once the request's body has been received (and discarded), or after 2 s at most. A refusal sent
 * before the body is read (413: the declared length exceeds the limit) is followed by closing the connection;
 * closing while the client's unread bytes wait in the socket makes the kernel reset it, and the client loses the
 * answer with it (9 of 200 concurrent 2 MB posts did). Reading the rest first is what a lingering close does.
 */
export function afterUnreadBody(request: IncomingMessage, answer: () => void): void {
  if (request.complete || request.readableEnded || request.destroyed) {
    answer();
    return;
  }
  let answered = false;
  const once = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    request.off('end', once).off('close', once).off('error', once);
    answer();
  };
  const timer = setTimeout(once, LINGER_MS);
  request.on('end', once).on('close', once).on('error', once);
  request.resume();
}
