import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { httpErrorCode } from '../errors/api-exception.filter.js';
import { documentNestsDeeperThan, MAX_DOCUMENT_NESTING } from '../limits/document-nesting.js';

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
  const body = errorBody(status, message);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The parts of Fastify's instance `guardRequestFraming` uses. */
interface FastifyLike {
  readonly server: Server;
  addHook(
    name: 'onRequest',
    hook: (
      request: { headers: Record<string, unknown> },
      reply: { code(status: number): { header(n: string, v: string): { send(body: string): void } } },
      done: () => void,
    ) => void,
  ): unknown;
}

/**
 * Requests that Node itself would answer with a bare status (a `Expect` other than 100-continue: 417) or that would
 * reach GraphQL without a host to resolve the URL against (HTTP/1.0, or HTTP/1.1 without `Host`, which Node is
 * told not to refuse on its own so that the answer has the usual shape): both get a GraphQL-shaped error.
 */
export function guardRequestFraming(fastify: FastifyLike): void {
  fastify.server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const body = errorBody(417, `only 'Expect: 100-continue' is supported`);
    response.writeHead(417, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
    response.end(body);
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (typeof request.headers.host === 'string' && request.headers.host !== '') return done();
    reply
      .code(400)
      .header('content-type', 'application/json; charset=utf-8')
      .send(errorBody(400, 'the request has no Host header'));
  });
}

/** The parts of Fastify's instance `guardDocumentNesting` uses. */
interface FastifyHooks {
  addHook(
    name: 'preHandler',
    hook: (
      request: { url: string; body?: unknown; query?: unknown },
      reply: { code(status: number): { header(n: string, v: string): { send(body: string): void } } },
      done: () => void,
    ) => void,
  ): unknown;
}

/**
 * A document nested deeper than MAX_DOCUMENT_NESTING is refused before graphql-js parses it (its recursive
 * descent can overflow the stack on a 5,000-level selection): 400 BAD_REQUEST in the GraphQL shape.
 */
export function guardDocumentNesting(fastify: FastifyHooks): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!request.url.startsWith('/graphql')) return done();
    const documents = [request.body, request.query]
      .flatMap((carrier) => (Array.isArray(carrier) ? carrier : [carrier]))
      .map((carrier) => (carrier as { query?: unknown } | null | undefined)?.query)
      .filter((query): query is string => typeof query === 'string');
    if (!documents.some((query) => documentNestsDeeperThan(query))) return done();
    reply
      .code(400)
      .header('content-type', 'application/json; charset=utf-8')
      .send(
        errorBody(
          400,
          `the document nests deeper than ${MAX_DOCUMENT_NESTING} levels of braces, brackets or parentheses`,
        ),
      );
  });
}

function errorBody(status: number, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code: httpErrorCode(status) } }] });
}
