/** The Fastify application: schemas, errors, OpenAPI, and every route. */
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { healthSchema } from '@shared/protocol/api';
import { CONSOLE_SESSION_PATH } from '@shared/protocol/console';
import { registerConsoleRoutes } from '../console/routes';
import { registerConsoleSessionRoutes } from '../console/session-routes';
import { registerStreamTicketRoute } from '../console/stream-tickets';
import { registerJoinRoutes } from '../join/routes';
import type { JoinAssets } from '../join/assets';
import type { Services } from '../services/services';
import { registerSetPasswordRoutes } from '../set-password/routes';
import { apiDocumentOptions } from './api-document';
import { installCallContext } from './call-context-hook';
import { API_RECORDING_ENV, recordApiResponses } from './api-recording';
import {
  answerClientError,
  installErrorHandlers,
  sendError,
  writeErrorToSocket,
  zodValidatorCompiler,
} from './errors';
import { registerAccountRoutes } from './routes/account-routes';
import { registerAuditRoutes } from './routes/audit-routes';
import { registerChannelRoutes } from './routes/channel-routes';
import { registerConversationRoutes } from './routes/conversation-routes';
import { registerFeedRoutes } from './routes/feed-routes';
import { registerIntegrationTokenRoutes } from './routes/integration-token-routes';
import { registerOrganisationRoutes } from './routes/organisation-routes';
import { registerWebhookRoutes } from './routes/webhook-routes';
import { registerReportRoutes } from './routes/report-routes';
import { registerRequestRoutes } from './routes/request-routes';
import { registerSsoRoutes } from './routes/sso-routes';
import { registerTwoFactorRoutes } from './routes/two-factor-routes';
import { registerSmsRoutes } from './routes/sms-routes';
import type { App } from './routes/types';

export const API_PREFIX = '/api/v1';

/** Log lines never carry a link's token (an end user's, or a set-password link's), nor a stream ticket. */
const redactUrl = (url: string) =>
  url
    .replace(/\/j\/[^/?#]+/, '/j/…')
    .replace(/\/set-password\/[^/?#]+/, '/set-password/…')
    .replace(/([?&]ticket=)[^&#]*/, '$1…');

export async function buildHttpApp(
  services: Services,
  options: {
    logger: Logger;
    /** The reverse proxies whose X-Forwarded-For is believed (addresses, CIDR ranges), or none. */
    trustProxy: false | readonly string[];
    joinAssets: JoinAssets;
    version: string;
    streamMaxBufferedBytes?: number | undefined;
    /** False while the service is starting: every request answers 503 until then. */
    isReady: () => boolean;
    /** The web console's build folder (renderer/ and console/); default the repository's out/. */
    consoleBuildDir?: string | undefined;
  },
): Promise<FastifyInstance> {
  // Typed as Fastify's logger so the instance keeps Fastify's default generics.
  const logger: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance: logger,
    // Requests are logged once, by the onResponse hook below, with the link tokens redacted.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy === false ? false : [...options.trustProxy],
    bodyLimit: 64 * 1024,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // What Node's HTTP parser refuses (a bad request line or chunk, headers too large…) keeps the envelope.
    clientErrorHandler: answerClientError,
    // Errors the router raises before any handler (a malformed or over-long path) keep the envelope too.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void sendError(
        reply,
        tooLong ? 414 : 400,
        'invalid_input',
        tooLong ? 'A part of the URL is too long.' : 'The URL could not be read; check its escaping.',
      );
    },
  });
  app.decorateRequest('auth', null);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);
  installCallContext(app);

  app.addHook('onRequest', (_request, reply, done) => {
    if (options.isReady()) return done();
    void sendError(
      reply.header('retry-after', '1'),
      503,
      'unavailable',
      'The service is starting; try again in a moment.',
    );
  });

  // Answers carry tokens (sign-in), request data (the API, the feed) or a link's token (the end user's
  // pages and redirects): none may be kept by a browser or a shared cache. A route whose answer may be
  // cached (the join page's versioned assets) says so itself.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const line = {
      method: request.method,
      url: redactUrl(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (reply.statusCode >= 500) request.log.error(line, 'request failed');
    else if (reply.statusCode >= 400) request.log.info(line, 'request refused');
    else request.log.debug(line, 'request');
    done();
  });

  // Compression is negotiated per route (Accept-Encoding): only routes that ask for it compress (GET /sync).
  await app.register(compress, { global: false });
  await app.register(formbody);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  // A WebSocket handshake the ws library refuses (no key, an unknown version…) keeps the envelope too.
  // (Only GET routes upgrade, so the method is never what is wrong.)
  app.websocketServer.on('wsClientError', (error, socket) =>
    writeErrorToSocket(
      socket,
      400,
      'invalid_input',
      `The WebSocket handshake was refused: ${error.message}.`,
    ),
  );
  await app.register(
    swagger,
    apiDocumentOptions({ version: options.version, prefix: API_PREFIX, publicUrl: services.ctx.publicUrl }),
  );
  // Tests check every answer against the document (api-recording.ts); off unless the variable is set. The
  // console's session routes are in the document too, outside the API's prefix.
  const recordingDirectory = process.env[API_RECORDING_ENV];
  if (recordingDirectory) recordApiResponses(app, recordingDirectory, [API_PREFIX, CONSOLE_SESSION_PATH]);

  await app.register(
    (api, _opts, done) => {
      const typed: App = api.withTypeProvider<ZodTypeProvider>();
      registerAccountRoutes(typed, services);
      registerChannelRoutes(typed, services);
      registerOrganisationRoutes(typed, services);
      registerRequestRoutes(typed, services);
      registerReportRoutes(typed, services);
      registerFeedRoutes(typed, services, options.streamMaxBufferedBytes);
      registerStreamTicketRoute(typed, services);
      registerIntegrationTokenRoutes(typed, services);
      registerWebhookRoutes(typed, services);
      registerAuditRoutes(typed, services);
      registerSsoRoutes(typed, services, options.joinAssets);
      registerTwoFactorRoutes(typed, services);
      registerConversationRoutes(typed, services);
      registerSmsRoutes(typed, services);
      typed.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
      done();
    },
    { prefix: API_PREFIX },
  );

  app.withTypeProvider<ZodTypeProvider>().get('/healthz', {
    schema: { hide: true, response: { 200: healthSchema } },
    handler: async () => {
      // One query that reaches the database: while it cannot (PostgreSQL down), this answers 503
      // database_unavailable, and a load balancer stops sending this instance work it cannot do.
      await services.ctx.store.feed.prunedThrough();
      return { status: 'ok' as const, head: await services.ctx.store.requests.head() };
    },
  });

  registerJoinRoutes(app, services, options.joinAssets);
  registerSetPasswordRoutes(app, services, options.joinAssets);
  registerConsoleSessionRoutes(app, services);
  registerConsoleRoutes(app, { buildDir: options.consoleBuildDir });
  return app;
}
