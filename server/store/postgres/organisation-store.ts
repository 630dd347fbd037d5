/**
 * PostgreSQL SQL of the organisation settings, one row (meaning: ../sqlite/organisation-store.ts).
 * Row locks (row-locks.ts): `get` locks the row inside a transaction — an admin's edit reads the settings,
 * then writes them whole; two edits at once are applied one after the other, neither lost.
 */
import { toOrganisation, type OrganisationRow, type RawOrganisation } from '../rows';
import type { OrganisationTable } from '../store';
import type { PostgresExecutor } from './executor';

const COLUMNS = `(id, name, remote_app_name, remote_app_url, remote_id_required, remote_app_instructions,
    consent_grace_minutes, audit_retention_days, require_two_factor, require_close_outcome,
    satisfaction_email, updated_at)
  VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

export class PostgresOrganisationStore implements OrganisationTable {
  constructor(private readonly db: PostgresExecutor) {}

  async get(): Promise<OrganisationRow | undefined> {
    const raw = await this.db.row<RawOrganisation>(
      `SELECT name, remote_app_name, remote_app_url, remote_id_required, remote_app_instructions,
           consent_grace_minutes, audit_retention_days, require_two_factor, require_close_outcome,
           satisfaction_email, updated_at
         FROM organisation WHERE id = 1`,
    );
    return raw && toOrganisation(raw);
  }

  /** SQLite's INSERT OR IGNORE: what an admin saved wins over the configuration. */
  async seed(row: OrganisationRow): Promise<void> {
    await this.db.exec(`INSERT INTO organisation ${COLUMNS} ON CONFLICT (id) DO NOTHING`, values(row));
  }

  /** SQLite's INSERT OR REPLACE of the one row. */
  async put(row: OrganisationRow): Promise<void> {
    await this.db.exec(
      `INSERT INTO organisation ${COLUMNS}
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, remote_app_name = excluded.remote_app_name,
         remote_app_url = excluded.remote_app_url, remote_id_required = excluded.remote_id_required,
         remote_app_instructions = excluded.remote_app_instructions,
         consent_grace_minutes = excluded.consent_grace_minutes,
         audit_retention_days = excluded.audit_retention_days,
         require_two_factor = excluded.require_two_factor,
         require_close_outcome = excluded.require_close_outcome,
         satisfaction_email = excluded.satisfaction_email, updated_at = excluded.updated_at`,
      values(row),
    );
  }
}

function values(row: OrganisationRow) {
  return [
    row.name,
    row.remoteAppName,
    row.remoteAppUrl,
    row.remoteIdRequired ? 1 : 0,
    row.remoteAppInstructions,
    row.consentGraceMinutes,
    row.auditRetentionDays,
    row.requireTwoFactor ? 1 : 0,
    row.requireCloseOutcome ? 1 : 0,
    row.satisfactionEmail ? 1 : 0,
    row.updatedAt,
  ];
}
