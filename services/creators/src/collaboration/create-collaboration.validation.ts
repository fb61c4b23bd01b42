import { FieldProblem, checkIdempotencyKey, checkInteger } from '@sc/graphql';
import { CreateCollaborationInput } from './create-collaboration.input';

/** Lowest commission a collaboration may offer: 1 %. */
export const MIN_COMMISSION_RATE_BPS = 100;
/** Highest commission a collaboration may offer: 80 %. */
export const MAX_COMMISSION_RATE_BPS = 8000;

const ID_PATTERN = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9_]{1,60}$`);

/** Every problem of a create-collaboration input; empty when valid. */
export function validateCreateCollaboration(input: CreateCollaborationInput): FieldProblem[] {
  const problems: FieldProblem[] = [
    ...checkInteger('commissionRateBps', input.commissionRateBps, MIN_COMMISSION_RATE_BPS, MAX_COMMISSION_RATE_BPS),
    ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
  ];
  if (!ID_PATTERN('crt').test(input.creatorId)) problems.push({ field: 'creatorId', message: 'is not a creator id' });
  if (!ID_PATTERN('prd').test(input.productId)) problems.push({ field: 'productId', message: 'is not a product id' });
  return problems;
}
