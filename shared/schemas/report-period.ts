/**
 * The rules of a report's period beyond its shape (reportQuerySchema): it ends after it starts, and spans
 * at most REPORT_MAX_DAYS (its per-day list has a row for each day).
 */
import { REPORT_MAX_DAYS } from '../domain/reports';
import { TIME } from '../domain/limits';
import { fieldIssue, type FieldIssue } from './validation';

export function checkReportPeriod(period: { readonly from: number; readonly to: number }): FieldIssue[] {
  if (period.to <= period.from) return [fieldIssue('to', 'period_order')];
  if (period.to - period.from > REPORT_MAX_DAYS * TIME.DAY_MS) {
    return [fieldIssue('from', 'duration_too_long', { unit: 'days', amount: REPORT_MAX_DAYS })];
  }
  return [];
}
