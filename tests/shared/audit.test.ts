/** The audit log's rules: what a type filter stands for, and when retention cuts. */
import { describe, expect, it } from 'vitest';
import { AUDIT_RETENTION, auditRetentionCutoff, auditTypeFilter } from '@shared/domain/audit';

/** Whether `type` falls in the filter, compared in byte order as the databases do. */
function matches(filter: ReturnType<typeof auditTypeFilter>, type: string): boolean {
  if ('type' in filter) return type === filter.type;
  return type >= filter.typeRange.from && type < filter.typeRange.to;
}

describe('auditTypeFilter', () => {
  it('is a type as is unless it ends in "."', () => {
    expect(auditTypeFilter('agent.updated')).toEqual({ type: 'agent.updated' });
    expect(matches(auditTypeFilter('request'), 'request.created')).toBe(false);
  });

  it('with a final ".", stands for every type that starts with it, and for nothing else', () => {
    const filter = auditTypeFilter('request.');
    for (const type of ['request.created', 'request.status_changed', 'request.deleted', 'request.~'])
      expect(matches(filter, type), type).toBe(true);
    for (const type of ['request', 'requests.created', 'request/x', 'request-x', 'sign_in.failed', 'reques'])
      expect(matches(filter, type), type).toBe(false);
    expect(matches(auditTypeFilter('sign_in.'), 'sign_in.failed')).toBe(true);
    expect(matches(auditTypeFilter('sign_in.'), 'signXin.failed')).toBe(false);
  });
});

describe('auditRetentionCutoff', () => {
  it('is the retention’s days before now', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(auditRetentionCutoff(now, 1)).toBe(Date.parse('2026-11-21T12:00:00Z'));
    expect(auditRetentionCutoff(now, AUDIT_RETENTION.defaultDays)).toBe(Date.parse('2025-11-22T12:00:00Z'));
  });
});
