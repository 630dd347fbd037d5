/** SQL of the organisation settings: one row, filled from the configuration at the first start. */
import type { SqliteDatabase } from '../../db/database';
import { toOrganisation, type OrganisationRow, type RawOrganisation } from '../rows';

export class SqliteOrganisationStore {
  private readonly getStmt;
  private readonly seedStmt;
  private readonly putStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[], RawOrganisation>(
      `SELECT name, remote_app_name, remote_app_url, remote_id_required, remote_app_instructions,
         consent_grace_minutes, audit_retention_days, require_two_factor, require_close_outcome,
         satisfaction_email, updated_at
       FROM organisation WHERE id = 1`,
    );
    const columns = `(id, name, remote_app_name, remote_app_url, remote_id_required, remote_app_instructions,
         consent_grace_minutes, audit_retention_days, require_two_factor, require_close_outcome,
         satisfaction_email, updated_at)
       VALUES (1, @name, @remoteAppName, @remoteAppUrl, @remoteIdRequired, @remoteAppInstructions,
         @consentGraceMinutes, @auditRetentionDays, @requireTwoFactor, @requireCloseOutcome,
         @satisfactionEmail, @updatedAt)`;
    this.seedStmt = db.prepare(`INSERT OR IGNORE INTO organisation ${columns}`);
    this.putStmt = db.prepare(`INSERT OR REPLACE INTO organisation ${columns}`);
  }

  /** The settings; undefined only before `seed` ran. */
  get(): OrganisationRow | undefined {
    const raw = this.getStmt.get();
    return raw && toOrganisation(raw);
  }

  /** Writes `row` unless the settings exist already: what an admin saved wins over the configuration. */
  seed(row: OrganisationRow): void {
    this.seedStmt.run(toParams(row));
  }

  put(row: OrganisationRow): void {
    this.putStmt.run(toParams(row));
  }
}

function toParams(row: OrganisationRow) {
  return {
    ...row,
    remoteIdRequired: row.remoteIdRequired ? 1 : 0,
    requireTwoFactor: row.requireTwoFactor ? 1 : 0,
    requireCloseOutcome: row.requireCloseOutcome ? 1 : 0,
    satisfactionEmail: row.satisfactionEmail ? 1 : 0,
  };
}
