/**
 * The organisation settings: the name end users see, the remote-control app they are asked to start, and
 * how long an end user's Allow access lasts after a session.
 * Stored in the database (filled from the configuration at the first start); any agent reads them, admins
 * change them, and every connected agent is told when they do.
 */
import { AUDIT_RETENTION } from '@shared/domain/audit';
import { CONSENT_GRACE } from '@shared/domain/consent';
import { canAdminister } from '@shared/domain/permissions';
import type { Organisation } from '@shared/protocol/api';
import type { UpdateOrganisationInput } from '@shared/schemas/organisation-input';
import type { AgentRow, OrganisationRow } from '../store/rows';
import type { Store } from '../store/store';
import { agentAccess } from './access';
import { changedFields } from './audit';
import { iso } from './clock';
import type { OrgSettings, ServiceContext } from './context';
import { ServiceError } from './errors';

/**
 * At every start: the configured settings are written only when none are stored yet. The consent grace
 * has no flag: it starts at its default and admins change it.
 */
export async function seedOrganisation(
  store: Store,
  configured: Omit<OrgSettings, 'consentGraceMinutes'>,
  now: number,
): Promise<void> {
  await store.organisation.seed({
    name: configured.orgName,
    remoteAppName: configured.remoteAppName,
    remoteAppUrl: configured.remoteAppUrl,
    remoteIdRequired: configured.remoteIdRequired,
    remoteAppInstructions: configured.remoteAppInstructions,
    consentGraceMinutes: CONSENT_GRACE.defaultMinutes,
    auditRetentionDays: AUDIT_RETENTION.defaultDays,
    requireTwoFactor: false,
    requireCloseOutcome: false,
    satisfactionEmail: false,
    updatedAt: now,
  });
}

async function loadRow(store: Store): Promise<OrganisationRow> {
  const row = await store.organisation.get();
  // seedOrganisation runs before anything reads them; missing settings are a bug, not an input error.
  if (!row) throw new Error('The organisation settings were read before they were seeded.');
  return row;
}

/** The settings as they are now, for the join page and the e-mails (ServiceContext.org). */
export async function currentOrgSettings(store: Store): Promise<OrgSettings> {
  const row = await loadRow(store);
  return {
    orgName: row.name,
    remoteAppName: row.remoteAppName,
    remoteAppUrl: row.remoteAppUrl,
    remoteIdRequired: row.remoteIdRequired,
    remoteAppInstructions: row.remoteAppInstructions,
    consentGraceMinutes: row.consentGraceMinutes,
  };
}

function toJson(row: OrganisationRow): Organisation {
  return {
    name: row.name,
    remoteAppName: row.remoteAppName,
    remoteAppUrl: row.remoteAppUrl,
    remoteIdRequired: row.remoteIdRequired,
    remoteAppInstructions: row.remoteAppInstructions,
    consentGraceMinutes: row.consentGraceMinutes,
    auditRetentionDays: row.auditRetentionDays,
    requireTwoFactor: row.requireTwoFactor,
    requireCloseOutcome: row.requireCloseOutcome,
    satisfactionEmail: row.satisfactionEmail,
    updatedAt: iso(row.updatedAt),
  };
}

export class OrganisationService {
  constructor(private readonly ctx: ServiceContext) {}

  async get(): Promise<Organisation> {
    return toJson(await loadRow(this.ctx.store));
  }

  async update(actor: AgentRow, input: UpdateOrganisationInput): Promise<Organisation> {
    const { store, clock, signals, log } = this.ctx;
    const decision = canAdminister(await agentAccess(store, actor));
    if (!decision.allowed) throw ServiceError.forbidden(decision.denial);
    const next = await store.transaction(async () => {
      await store.lock('organisation');
      const current = await loadRow(store);
      const row: OrganisationRow = {
        name: input.name ?? current.name,
        remoteAppName: input.remoteAppName ?? current.remoteAppName,
        remoteAppUrl: input.remoteAppUrl ?? current.remoteAppUrl,
        remoteIdRequired: input.remoteIdRequired ?? current.remoteIdRequired,
        remoteAppInstructions: input.remoteAppInstructions ?? current.remoteAppInstructions,
        consentGraceMinutes: input.consentGraceMinutes ?? current.consentGraceMinutes,
        auditRetentionDays: input.auditRetentionDays ?? current.auditRetentionDays,
        requireTwoFactor: input.requireTwoFactor ?? current.requireTwoFactor,
        requireCloseOutcome: input.requireCloseOutcome ?? current.requireCloseOutcome,
        satisfactionEmail: input.satisfactionEmail ?? current.satisfactionEmail,
        updatedAt: clock.now(),
      };
      await store.organisation.put(row);
      const changes = changedFields(current, row, [
        'name',
        'remoteAppName',
        'remoteAppUrl',
        'remoteIdRequired',
        'remoteAppInstructions',
        'consentGraceMinutes',
        'auditRetentionDays',
        'requireTwoFactor',
        'requireCloseOutcome',
        'satisfactionEmail',
      ]);
      if (Object.keys(changes).length > 0) {
        await this.ctx.audit.record({ type: 'organisation.updated', data: changes }, row.updatedAt);
      }
      return row;
    });
    signals.invalidate('organisation');
    log.info({ by: actor.id, changed: Object.keys(input) }, 'organisation settings updated');
    return toJson(next);
  }
}
