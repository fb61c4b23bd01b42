import { FieldProblem, checkIdempotencyKey } from '@sc/graphql';
import { ReturnDecisionInput } from './return-decision.input';

/** Every problem of a decision input that needs no data; empty when valid. */
export function validateReturnDecision(input: ReturnDecisionInput): FieldProblem[] {
  const problems = checkIdempotencyKey('idempotencyKey', input.idempotencyKey);
  if (!/^ret_[A-Za-z0-9_]{1,60}$/.test(input.returnId)) problems.push({ field: 'returnId', message: 'is not a return request id' });
  return problems;
}
