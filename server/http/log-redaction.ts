import type { FastifyRequest } from 'fastify';

/**
 * Addresses that carry a secret: an invitation link (`/moi/<token>`, `/api/invitations/<token>…`)
 * and a calendar feed (`/api/calendar/<token>.ics`). Whoever reads the logs must not be able to
 * open them. A numeric invitation id (`DELETE /api/invitations/12`) is no secret and stays.
 */
const SECRET_IN_PATH = /^(\/(?:api\/invitations|api\/calendar|moi)\/)[A-Za-z0-9_-]{16,}(\.ics)?(?=\/|$)/;

/** The request's address as logged: the path's secret token replaced, the query string dropped. */
export function redactUrl(url: string): string {
  const [path = ''] = url.split('?', 1);
  return path.replace(
    SECRET_IN_PATH,
    (_all, prefix: string, ics: string | undefined) => `${prefix}[token]${ics ?? ''}`,
  );
}

/** Pino serializer of the request in every request log line (Fastify's fields, the address redacted). */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
