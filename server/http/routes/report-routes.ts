/** /reports: what happened to the requests of a period, as figures and as a CSV of the requests. */
import { z } from 'zod';
import { reportSummarySchema } from '@shared/protocol/integrations';
import { reportQuerySchema } from '@shared/schemas/integration-input';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { answer, errorResponses } from './responses';
import type { App } from './types';

const csvSchema = z
  .string()
  .describe(
    'RFC 4180 CSV, UTF-8 with a byte order mark, CRLF line ends; a header line, then one line per request ' +
      '(id, created_at, channel, assignee, recipient_name, status, consent, allowed_at, denied_at, ' +
      'connected_at, finished_at, session_seconds), oldest first; times in ISO 8601 UTC, empty when never',
  );

export function registerReportRoutes(app: App, services: Services): void {
  const { reports } = services;
  const auth = authorize(services, 'reports:read');

  app.get('/reports/summary', {
    onRequest: auth,
    schema: {
      tags: ['reports'],
      operationId: 'getReportSummary',
      summary:
        'What happened to the requests created in [from, to) (default: the last 30 days): outcomes, times to Ready and to Connected, session time, per day, channel and agent',
      security: securedBy('reports:read'),
      querystring: reportQuerySchema,
      response: {
        200: answer('The figures of the period', reportSummarySchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: (request) => reports.summary(signedIn(request).agent, request.query),
  });

  app.get('/reports/requests.csv', {
    onRequest: auth,
    schema: {
      tags: ['reports'],
      operationId: 'exportRequestsCsv',
      summary:
        'The requests created in [from, to) as CSV, one line each with what happened to them (same filters and visibility as the summary), streamed',
      security: securedBy('reports:read'),
      querystring: reportQuerySchema,
      response: {
        200: {
          description: 'The requests, as an attachment `requests-<from>-<to>.csv` (the period’s UTC days)',
          content: { 'text/csv': { schema: csvSchema } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { filename, body } = await reports.requestsCsv(signedIn(request).agent, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body as unknown as string);
    },
  });
}
