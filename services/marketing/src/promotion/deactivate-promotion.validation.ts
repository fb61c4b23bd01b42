import { FieldProblem, checkIdempotencyKey } from '@sc/graphql';
import { DeactivatePromotionInput } from './deactivate-promotion.input';
import { ID_PATTERN } from './create-promotion.validation';

/** Every problem of a deactivate-promotion input; empty when valid. */
export function validateDeactivatePromotion(input: DeactivatePromotionInput): FieldProblem[] {
  return [
    ...(ID_PATTERN('prm').test(input.promotionId) ? [] : [{ field: 'promotionId', message: 'is not a promotion id' }]),
    ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
  ];
}
