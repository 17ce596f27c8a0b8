import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { httpErrorCode } from '../errors/api-exception.filter.js';

/**
 * Fastify's `clientErrorHandler`: a request that Node's HTTP parser refuses before any route runs (headers over
 * the size limit, a malformed request line, a timeout) gets the same GraphQL-over-HTTP error shape as every
 * other answer, then the connection closes, as Node and Fastify do by default.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'the request headers exceed the size limit']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'the request was not received in time']
        : [400, 'the request is not valid HTTP'];
  const body = JSON.stringify({ errors: [{ message, extensions: { code: httpErrorCode(status) } }] });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
