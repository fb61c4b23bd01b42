import { validateAuditLogFilter } from './audit-log.validation';

describe('audit log filter', () => {
  it('accepts no filter, an open range and a proper one', () => {
    expect(validateAuditLogFilter(null)).toEqual([]);
    expect(validateAuditLogFilter({ from: new Date(0) })).toEqual([]);
    expect(validateAuditLogFilter({ userId: 'usr_1', operation: 'inviteStaff', from: new Date(0), to: new Date(1) })).toEqual([]);
  });

  it('refuses an empty time range and oversized or control-character texts', () => {
    expect(validateAuditLogFilter({ from: new Date(5), to: new Date(5) })).toEqual([{ field: 'filter.to', message: 'must be after filter.from' }]);
    expect(validateAuditLogFilter({ userId: 'x'.repeat(129) }).map((p) => p.field)).toEqual(['filter.userId']);
    expect(validateAuditLogFilter({ operation: 'a\u0000b' }).map((p) => p.field)).toEqual(['filter.operation']);
  });
});
