import { FieldProblem, checkIdempotencyKey, checkInteger, checkText } from '@sc/graphql';
import { CreatePromotionInput, CreateTieredPromotionInput } from './create-promotion.input';

/** Smallest and largest discount, in basis points (1 % and 99 %). */
export const MIN_DISCOUNT_BPS = 100;
export const MAX_DISCOUNT_BPS = 9900;
/** Most products one promotion may cover. */
export const MAX_PROMOTION_PRODUCTS = 100;
/** Longest promotion window. */
export const MAX_PROMOTION_DURATION_MS = 365 * 24 * 60 * 60 * 1000;
/** How far in the past a new promotion may start; absorbs clock skew and a slow form, not backdating. */
export const MAX_START_IN_PAST_MS = 5 * 60 * 1000;

/** A well-formed id with this prefix; whether it exists is a separate NOT_FOUND question. */
export const ID_PATTERN = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9_]{1,60}$`);
const isValidDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/** Every problem of a create-promotion input at time `now`; empty when valid. */
export function validateCreatePromotion(input: CreatePromotionInput, now: Date): FieldProblem[] {
  // In field order: title, discount, then the rest.
  return [
    ...checkText('title', input.title, 1, 100),
    ...checkInteger('discountBasisPoints', input.discountBasisPoints, MIN_DISCOUNT_BPS, MAX_DISCOUNT_BPS),
    ...checkCommon(input, now),
  ];
}

/** Most tiers of a buy-more-save-more promotion; fewest units its first tier may ask for, and most. */
export const MAX_TIERS = 5;
export const MIN_TIER_QUANTITY = 2;
export const MAX_TIER_QUANTITY = 999;

/** Every problem of a tiered promotion: the common rules, and tiers both ascending in quantity and in discount. */
export function validateCreateTieredPromotion(input: CreateTieredPromotionInput, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [...checkText('title', input.title, 1, 100), ...checkCommon(input, now)];
  if (input.tiers.length < 1 || input.tiers.length > MAX_TIERS) problems.push({ field: 'tiers', message: `must have 1 to ${MAX_TIERS} tiers` });
  input.tiers.forEach((tier, i) => {
    problems.push(...checkInteger(`tiers[${i}].minQuantity`, tier.minQuantity, MIN_TIER_QUANTITY, MAX_TIER_QUANTITY));
    problems.push(...checkInteger(`tiers[${i}].discountBasisPoints`, tier.discountBasisPoints, MIN_DISCOUNT_BPS, MAX_DISCOUNT_BPS));
    const before = input.tiers[i - 1];
    if (before && !(tier.minQuantity > before.minQuantity)) problems.push({ field: `tiers[${i}].minQuantity`, message: 'must be above the tier before' });
    if (before && !(tier.discountBasisPoints > before.discountBasisPoints))
      problems.push({ field: `tiers[${i}].discountBasisPoints`, message: 'must be above the tier before' });
  });
  return problems;
}

/** The rules every promotion shares besides its title: key, products, window. */
function checkCommon(input: { idempotencyKey: string; productIds: string[]; startsAt: Date; endsAt: Date }, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [...checkIdempotencyKey('idempotencyKey', input.idempotencyKey)];
  if (input.productIds.length < 1 || input.productIds.length > MAX_PROMOTION_PRODUCTS) {
    problems.push({ field: 'productIds', message: `must have 1 to ${MAX_PROMOTION_PRODUCTS} products` });
  }
  if (new Set(input.productIds).size !== input.productIds.length) problems.push({ field: 'productIds', message: 'must not repeat a product' });
  input.productIds.forEach((id, i) => {
    if (!ID_PATTERN('prd').test(id)) problems.push({ field: `productIds[${i}]`, message: 'is not a product id' });
  });
  problems.push(...checkWindow(input.startsAt, input.endsAt, now));
  return problems;
}

function checkWindow(startsAt: Date, endsAt: Date, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isValidDate(startsAt)) problems.push({ field: 'startsAt', message: 'is not a valid time' });
  if (!isValidDate(endsAt)) problems.push({ field: 'endsAt', message: 'is not a valid time' });
  if (problems.length > 0) return problems;
  if (startsAt.getTime() < now.getTime() - MAX_START_IN_PAST_MS) {
    problems.push({ field: 'startsAt', message: 'must not be more than 5 minutes in the past' });
  }
  const duration = endsAt.getTime() - startsAt.getTime();
  if (duration <= 0) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
  else if (duration > MAX_PROMOTION_DURATION_MS) problems.push({ field: 'endsAt', message: 'must be at most 365 days after startsAt' });
  return problems;
}
