/** SQL of the organisation settings: one row, filled from the configuration at the first start. */
import type { SqliteDatabase } from '../../db/database';
import type { OrganisationRow } from '../rows';

interface RawOrganisation {
  name: string;
  remote_app_name: string;
  remote_app_url: string;
  remote_id_required: number;
  remote_app_instructions: string;
  consent_grace_minutes: number;
  updated_at: number;
}

export class SqliteOrganisationStore {
  private readonly getStmt;
  private readonly seedStmt;
  private readonly putStmt;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare<[], RawOrganisation>(
      `SELECT name, remote_app_name, remote_app_url, remote_id_required, remote_app_instructions,
         consent_grace_minutes, updated_at
       FROM organisation WHERE id = 1`,
    );
    const columns = `(id, name, remote_app_name, remote_app_url, remote_id_required, remote_app_instructions,
         consent_grace_minutes, updated_at)
       VALUES (1, @name, @remoteAppName, @remoteAppUrl, @remoteIdRequired, @remoteAppInstructions,
         @consentGraceMinutes, @updatedAt)`;
    this.seedStmt = db.prepare(`INSERT OR IGNORE INTO organisation ${columns}`);
    this.putStmt = db.prepare(`INSERT OR REPLACE INTO organisation ${columns}`);
  }

  /** The settings; undefined only before `seed` ran. */
  get(): OrganisationRow | undefined {
    const raw = this.getStmt.get();
    return (
      raw && {
        name: raw.name,
        remoteAppName: raw.remote_app_name,
        remoteAppUrl: raw.remote_app_url,
        remoteIdRequired: raw.remote_id_required === 1,
        remoteAppInstructions: raw.remote_app_instructions,
        consentGraceMinutes: raw.consent_grace_minutes,
        updatedAt: raw.updated_at,
      }
    );
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
  return { ...row, remoteIdRequired: row.remoteIdRequired ? 1 : 0 };
}
