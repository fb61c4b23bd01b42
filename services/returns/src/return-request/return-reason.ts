import { registerEnumType } from '@nestjs/graphql';

/**
 * Why the buyer returns the items: the codes of the marketplace's after-sales forms (TikTok Shop
 * return reasons, Shopify `ReturnReason`), with free text for the details.
 */
export enum ReturnReason {
  DAMAGED = 'DAMAGED',
  DEFECTIVE = 'DEFECTIVE',
  WRONG_ITEM = 'WRONG_ITEM',
  MISSING_PARTS = 'MISSING_PARTS',
  NOT_AS_DESCRIBED = 'NOT_AS_DESCRIBED',
  SIZE_OR_FIT = 'SIZE_OR_FIT',
  NO_LONGER_NEEDED = 'NO_LONGER_NEEDED',
  OTHER = 'OTHER',
}

registerEnumType(ReturnReason, { name: 'ReturnReason', description: 'Why the buyer asks for a return or refund.' });
