/**
 * How the service writes CSV (the audit log's export, the requests report), in one place: RFC 4180 with
 * CRLF line ends and a header line, UTF-8 with a byte order mark so that Excel reads every language right.
 *
 * No cell a spreadsheet would run (CSV or formula injection, OWASP): a cell people typed — a recipient's
 * name, a note, the e-mail tried at a refused sign-in — that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is a formula to Excel, LibreOffice and Google Sheets, so it is written with a leading
 * single quote, which they show as text. csv-stringify's `escape_formulas` does exactly that (and for the
 * full-width = + - @ that Apple Numbers reads as the plain ones): the library's tested rule, not a copy of
 * it here. Numbers the service writes itself (ids, counts, durations) are given to it as numbers, so a
 * negative one stays a number; every string is treated as text.
 */
import { stringify, type Stringifier } from 'csv-stringify';

/** One line of an export: its cells by column; text as strings, the service's own figures as numbers. */
export type CsvRecord<Column extends string> = Record<Column, string | number>;

/** A stream taking one CsvRecord per line and giving the CSV's bytes, header line first. */
export function csvExport<Column extends string>(columns: readonly Column[]): Stringifier {
  return stringify({
    bom: true,
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}
