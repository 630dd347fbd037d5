/**
 * The service's schema in each dialect, with the same version numbers: SQLite's list (`sqlite/`, from
 * version 1, on PRAGMA user_version) and PostgreSQL's (`postgres/`, from its baseline, in a `schema_version`
 * row). Every schema change from version 7 on lands as a pair, one file in each; a test fails when the two
 * lists end at different versions.
 */
export { MIGRATIONS } from './sqlite/index';
export { POSTGRES_MIGRATIONS, type PostgresMigration } from './postgres/index';
