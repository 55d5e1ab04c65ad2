import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import { sendError } from './http/error-handler.ts';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './http/json-depth.ts';
import { serializeRequest } from './http/log-redaction.ts';
import { API_TOKEN_SCHEME, API_TOKEN_USAGE, SESSION_SCHEME } from './http/openapi-security.ts';
import { trustProxyHops } from './http/proxy-trust.ts';
import { registerRoutes } from './http/register-routes.ts';
import { localeOf, translate } from './i18n/messages.ts';
import { APP_VERSION } from './routes/meta.routes.ts';
import { routeTable } from './routes/route-table.ts';
import type { Services } from './services/services.ts';

export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface AppOptions {
  config: Pick<Config, 'sessionTtlHours' | 'trustProxy' | 'trustProxyHops' | 'uploadMaxBytes' | 'logLevel'>;
  services: Services;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, services } = options;
  const app = Fastify({
    // Request lines never carry a token from an invitation link or a calendar feed's address.
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, serializers: { req: serializeRequest } },
    // A number of hops, not `true`: `true` would take the left-most X-Forwarded-For entry, which any
    // client writes as it likes (a forged address in the audit, a fresh sign-in limit per request).
    trustProxy: config.trustProxy ? trustProxyHops(config.trustProxyHops) : false,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  // A JSON body nested deeper than any the product sends is refused before it is parsed: every
  // walk over a parsed body (the NUL check, validation) would otherwise overflow the stack.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestsDeeperThan(body as string))
      return done(new AppError(400, 'json_too_deep', { max: MAX_JSON_DEPTH }, 'body'), undefined);
    parseJson(request, body as string, done);
  });

  await app.register(cookie);
  // The security headers, on every answer. helmet's middleware is built once: @fastify/helmet
  // built it again for every request (~2 % of the server's time under load).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.trustProxy,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 20 } });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tiến Độ API',
        version: APP_VERSION,
        description:
          'Kế hoạch, chỉ tiêu và báo cáo của tổ chức công đoàn. Errors: {"error": {"code", "message", "field"}}.' +
          API_TOKEN_USAGE,
      },
      components: { securitySchemes: { session: SESSION_SCHEME, apiToken: API_TOKEN_SCHEME } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerRoutes(app, routeTable(config), services);

  if (options.serveWeb && existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: ['index.html'],
      // The installable app (issue 21): its manifest with its own type; the service worker always
      // checked for a new version, and allowed to serve the whole site.
      setHeaders: (reply, path) => {
        if (path.endsWith('.webmanifest'))
          reply.header('content-type', 'application/manifest+json; charset=utf-8');
        if (path.endsWith('/sw.js'))
          reply.header('cache-control', 'no-cache').header('service-worker-allowed', '/');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // API paths, missing built files (/assets/x.js) and any path with an extension get a 404;
    // only the web app's own routes fall back to index.html.
    const path = request.url.split('?')[0] ?? '';
    const isFile = path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path);
    if (path.startsWith('/api/') || isFile || !options.serveWeb || !existsSync(WEB_DIST)) {
      const locale = localeOf(request.headers['accept-language']);
      return reply.status(404).send({
        error: { code: 'route_not_found', message: translate('route_not_found', locale), field: null },
      });
    }
    // The web app routes on the client: every other path gets index.html.
    return reply.sendFile('index.html');
  });
  return app;
}
