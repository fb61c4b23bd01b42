import { registerEnumType } from '@nestjs/graphql';

/** The marketplace's promotion statuses (domain §B.4). */
export enum PromotionStatus {
  DRAFT = 'DRAFT',
  NOT_START = 'NOT_START',
  ONGOING = 'ONGOING',
  EXPIRED = 'EXPIRED',
  DEACTIVATED = 'DEACTIVATED',
  NOT_EFFECTIVE = 'NOT_EFFECTIVE',
}

registerEnumType(PromotionStatus, { name: 'PromotionStatus', description: 'Lifecycle status of a promotion.' });
