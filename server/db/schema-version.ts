/** What both dialects' migration runners share: a database written by a newer Sessiondesk is refused. */

export class DatabaseTooNewError extends Error {
  /** `database`: the SQLite file, or the PostgreSQL database (never its password: `describeDatabaseUrl`). */
  constructor(database: string, found: number, known: number) {
    super(
      `The database ${database} has schema version ${found}, newer than this Sessiondesk knows (${known}). ` +
        'Run a newer Sessiondesk, or restore a backup made by this version.',
    );
  }
}
