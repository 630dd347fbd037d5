/**
 * GET /audit: the audit log, newest first — JSON pages, or the whole selection exported as CSV (RFC 4180,
 * UTF-8 with a BOM so that Excel reads every language right) or JSON Lines. Exports are streamed: entries
 * are read from the store a batch at a time and written as they come (AuditLog.export), never built in
 * memory. CSV is written as every export of the service is (services/csv-export.ts): csv-stringify's quoting,
 * CRLF line ends and BOM, and no cell a spreadsheet would run as a formula (names and e-mails are typed).
 */
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { auditPageSchema, type AuditEntry } from '@shared/protocol/integrations';
import { auditQuerySchema } from '@shared/schemas/integration-input';
import { csvExport, type CsvRecord } from '../../services/csv-export';
import type { Services } from '../../services/services';
import { authorize, securedBy, signedIn } from '../auth';
import { errorResponses } from './responses';
import type { App } from './types';

/** The CSV's columns, in order: one per field of an entry, the actor and target spread out, data as JSON. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'type',
  'actor_kind',
  'actor_id',
  'actor_name',
  'actor_email',
  'address',
  'target_kind',
  'target_id',
  'target_name',
  'data',
] as const;

function csvRecord(entry: AuditEntry): CsvRecord<(typeof AUDIT_CSV_COLUMNS)[number]> {
  const { actor } = entry;
  return {
    id: Number(entry.id),
    at: entry.at,
    type: entry.type,
    actor_kind: actor.kind,
    actor_id: actor.kind === 'agent' ? actor.agentId : actor.kind === 'integration' ? actor.tokenId : '',
    actor_name: actor.kind === 'agent' || actor.kind === 'integration' ? actor.name : '',
    actor_email: actor.kind === 'anonymous' ? (actor.email ?? '') : '',
    address: entry.address ?? '',
    target_kind: entry.target?.kind ?? '',
    target_id: entry.target?.id ?? '',
    target_name: entry.target?.name ?? '',
    data: JSON.stringify(entry.data),
  };
}

/**
 * Sends a stream as the answer. The type provider types `send` by the JSON schema of the answer; an
 * export's body is text the route writes itself, which Fastify sends as it comes without serializing.
 */
function sendStream(reply: FastifyReply, stream: Readable): FastifyReply {
  return reply.send(stream);
}

const MEDIA = { csv: 'text/csv; charset=utf-8', jsonl: 'application/jsonl; charset=utf-8' } as const;

export function registerAuditRoutes(app: App, services: Services): void {
  const { audit } = services;

  app.get('/audit', {
    onRequest: authorize(services, 'audit:read'),
    schema: {
      tags: ['audit'],
      operationId: 'listAuditEntries',
      summary:
        'The audit log, newest first (admin): sign-ins, admin changes and every request event; a page, or all of it as CSV or JSON Lines',
      security: securedBy('audit:read'),
      querystring: auditQuerySchema,
      response: {
        200: {
          description:
            'With `format=json` (the default), a page and the cursor of the next; with `format=csv` or ' +
            '`format=jsonl`, every entry matching the filters (no paging), streamed as an attachment.',
          content: {
            'application/json': { schema: auditPageSchema },
            'text/csv': {
              schema: z
                .string()
                .describe(
                  `UTF-8 with a byte order mark, RFC 4180 (CRLF, quoted where needed), a header line and one line per entry: ${AUDIT_CSV_COLUMNS.join(', ')} (data as JSON)`,
                ),
            },
            'application/jsonl': {
              schema: z.string().describe('One AuditEntry as JSON per line (JSON Lines)'),
            },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    },
    handler: async (request, reply) => {
      await audit.requireReader(signedIn(request).agent);
      const query = request.query;
      if (query.format === 'json') return reply.type('application/json').send(await audit.page(query));
      const entries = audit.export(query);
      const day = new Date(services.ctx.clock.now()).toISOString().slice(0, 10);
      reply
        .type(MEDIA[query.format])
        .header('content-disposition', `attachment; filename="audit-${day}.${query.format}"`);
      if (query.format === 'jsonl') {
        return sendStream(
          reply,
          Readable.from(
            (async function* () {
              for await (const entry of entries) yield `${JSON.stringify(entry)}\n`;
            })(),
          ),
        );
      }
      const csv = csvExport(AUDIT_CSV_COLUMNS);
      return sendStream(
        reply,
        Readable.from(
          (async function* () {
            for await (const entry of entries) yield csvRecord(entry);
          })(),
        ).pipe(csv),
      );
    },
  });
}
