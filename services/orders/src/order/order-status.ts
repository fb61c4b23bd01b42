import { registerEnumType } from '@nestjs/graphql';

/**
 * The marketplace's order statuses, plus PENDING: placed, waiting for catalog to confirm the stock.
 */
export enum OrderStatus {
  PENDING = 'PENDING',
  UNPAID = 'UNPAID',
  ON_HOLD = 'ON_HOLD',
  AWAITING_SHIPMENT = 'AWAITING_SHIPMENT',
  PARTIALLY_SHIPPING = 'PARTIALLY_SHIPPING',
  AWAITING_COLLECTION = 'AWAITING_COLLECTION',
  IN_TRANSIT = 'IN_TRANSIT',
  DELIVERED = 'DELIVERED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(OrderStatus, { name: 'OrderStatus', description: 'Lifecycle status of an order.' });
