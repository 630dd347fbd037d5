/** The databases the service runs on: embedded SQLite (the default) or PostgreSQL (a database URL). */
export const DATABASE_DIALECTS = ['sqlite', 'postgres'] as const;
export type DatabaseDialect = (typeof DATABASE_DIALECTS)[number];
