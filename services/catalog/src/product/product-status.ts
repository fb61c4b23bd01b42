import { registerEnumType } from '@nestjs/graphql';

/** The marketplace's product statuses; product.state-machine.ts holds the one transition table. */
export enum ProductStatus {
  DRAFT = 'DRAFT',
  PENDING = 'PENDING',
  FAILED = 'FAILED',
  ACTIVATE = 'ACTIVATE',
  SELLER_DEACTIVATED = 'SELLER_DEACTIVATED',
  PLATFORM_DEACTIVATED = 'PLATFORM_DEACTIVATED',
  FREEZE = 'FREEZE',
  DELETED = 'DELETED',
}

registerEnumType(ProductStatus, { name: 'ProductStatus', description: 'Lifecycle status of a product listing.' });
