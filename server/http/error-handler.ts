import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  type ZodFastifySchemaValidationError,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isConnectionError, pgErrorCode } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { localeOf, translate } from '../i18n/messages.ts';

const VI = z.locales.vi();

/** zod's message for one issue, in Vietnamese when the caller reads Vietnamese. */
function issueMessage(issue: ZodFastifySchemaValidationError, locale: 'vi' | 'en'): string {
  if (locale === 'en' || issue.keyword === 'custom') return issue.message ?? '';
  const localized = VI.localeError({ code: issue.keyword, ...issue.params } as unknown as Parameters<
    typeof VI.localeError
  >[0]);
  return (typeof localized === 'string' ? localized : localized?.message) ?? issue.message ?? '';
}

/** Every failure leaves as `{"error": {"code", "message", "field"}}`, in the caller's language. */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const locale = localeOf(request.headers['accept-language']);
  if (error instanceof AppError) {
    if (error.status === 429) {
      const retry = (error.details as { retryAfter?: number } | undefined)?.retryAfter;
      if (retry) reply.header('Retry-After', String(retry));
    }
    return reply.status(error.status).send({
      error: {
        code: error.code,
        message: translate(error.key, locale, error.params),
        field: error.field,
        ...(error.details !== undefined ? { details: error.details } : {}),
      },
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0]!;
    const context = (error as unknown as { validationContext?: string }).validationContext ?? 'body';
    const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = path || context;
    return reply.status(400).send({
      error: {
        code: 'validation',
        message: translate('validation', locale, { field, detail: issueMessage(first, locale) }),
        field,
        details: error.validation.map((v) => ({
          field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || context,
          message: issueMessage(v, locale),
        })),
      },
    });
  }
  const fastifyError = error as FastifyError;
  if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (fastifyError.statusCode === 400 && error instanceof SyntaxError)
  ) {
    return reply.status(400).send({
      error: { code: 'malformed_json', message: translate('malformed_json', locale), field: 'body' },
    });
  }
  if (fastifyError.statusCode === 413 || fastifyError.code === 'FST_REQ_FILE_TOO_LARGE') {
    return reply.status(413).send({
      error: { code: 'payload_too_large', message: translate('payload_too_large', locale), field: 'file' },
    });
  }
  // Fastify's other refusals (a content type no parser takes, an empty JSON body, …): a code and a
  // message in the caller's language, never the framework's English text.
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const key = fastifyError.statusCode === 415 ? 'unsupported_media_type' : 'bad_request';
    return reply.status(fastifyError.statusCode).send({
      error: { code: key, message: translate(key, locale), field: null },
    });
  }
  // The database away (restart, failover): nothing was saved; the same request may be sent again.
  if (isConnectionError(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('Retry-After', '2');
    return reply.status(503).send({
      error: {
        code: 'database_unavailable',
        message: translate('database_unavailable', locale),
        field: null,
      },
    });
  }
  // Database refusals that input can provoke are the client's problem, not a crash.
  const pg = pgErrorCode(error);
  if (pg === '40001' || pg === '40P01' || pg === '55P03') {
    reply.header('Retry-After', '1');
    return reply
      .status(503)
      .send({ error: { code: 'busy', message: translate('busy', locale), field: null } });
  }
  // Cancelled by DATABASE_STATEMENT_TIMEOUT_MS: the transaction rolled back, nothing was saved.
  if (pg === '57014') {
    request.log.warn({ err: error }, 'statement timeout');
    reply.header('Retry-After', '5');
    return reply
      .status(503)
      .send({ error: { code: 'query_timeout', message: translate('query_timeout', locale), field: null } });
  }
  if (pg === '23505' || pg === '23503') {
    return reply
      .status(409)
      .send({ error: { code: 'conflict', message: translate('conflict', locale), field: null } });
  }
  if (pg?.startsWith('22')) {
    return reply
      .status(400)
      .send({ error: { code: 'validation', message: translate('out_of_range', locale), field: null } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .send({ error: { code: 'internal', message: translate('internal', locale), field: null } });
}
