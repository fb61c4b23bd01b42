import { FieldProblem, checkText } from '@sc/graphql';
import { AuditLogFilter } from './audit-log.model';

/** Problems of an audit log filter: bounded texts and a time range that is not empty. */
export function validateAuditLogFilter(filter: AuditLogFilter | null | undefined): FieldProblem[] {
  if (!filter) return [];
  const problems = [...checkText('filter.userId', filter.userId, 0, 128), ...checkText('filter.operation', filter.operation, 0, 128)];
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) problems.push({ field: 'filter.to', message: 'must be after filter.from' });
  return problems;
}
