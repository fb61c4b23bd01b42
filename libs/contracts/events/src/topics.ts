import { z } from 'zod';
import { InventoryReservationFailedV1, InventoryReservedV1, ProductCreatedV1 } from './catalog.events';
import { OrderCancelledV1, OrderConfirmedV1, OrderPlacedV1 } from './orders.events';
import { ReturnRequestedV1 } from './returns.events';
import { PromotionCreatedV1, PromotionDeactivatedV1 } from './marketing.events';
import { CollaborationCreatedV1 } from './creators.events';

/** A topic's contract: its owner and, per event type and version, the payload schema. */
export interface TopicContract {
  owner: 'catalog' | 'orders' | 'returns' | 'marketing' | 'creators';
  description: string;
  events: Record<string, Record<number, z.ZodType>>;
}

/**
 * Every topic of the system, named `<service>.<aggregate>.v<major>`. The one source for producers,
 * consumers and the exported contracts in schemas/events/.
 */
export const TOPICS = {
  'catalog.product.v1': {
    owner: 'catalog',
    description: 'Product lifecycle and prices; key = product id.',
    events: { 'product.created': { 1: ProductCreatedV1 } },
  },
  'catalog.inventory.v1': {
    owner: 'catalog',
    description: 'Outcomes of inventory operations requested by other services; key = order id.',
    events: {
      'inventory.reserved': { 1: InventoryReservedV1 },
      'inventory.reservation_failed': { 1: InventoryReservationFailedV1 },
    },
  },
  'orders.order.v1': {
    owner: 'orders',
    description: 'Order lifecycle; key = order id.',
    events: {
      'order.placed': { 1: OrderPlacedV1 },
      'order.confirmed': { 1: OrderConfirmedV1 },
      'order.cancelled': { 1: OrderCancelledV1 },
    },
  },
  'returns.return.v1': {
    owner: 'returns',
    description: 'Return requests; key = return id.',
    events: { 'return.requested': { 1: ReturnRequestedV1 } },
  },
  'marketing.promotion.v1': {
    owner: 'marketing',
    description: 'Promotions; key = promotion id.',
    events: { 'promotion.created': { 1: PromotionCreatedV1 }, 'promotion.deactivated': { 1: PromotionDeactivatedV1 } },
  },
  'creators.collaboration.v1': {
    owner: 'creators',
    description: 'Creator collaborations; key = collaboration id.',
    events: { 'collaboration.created': { 1: CollaborationCreatedV1 } },
  },
} as const satisfies Record<string, TopicContract>;

/** A logical topic name (without any environment prefix). */
export type TopicName = keyof typeof TOPICS;

/** The dead-letter topic of a topic. */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;

/** Looks up the payload schema of an event type and version on a topic, or undefined if it is not in the contract. */
export function payloadSchemaFor(topic: TopicName, type: string, version: number): z.ZodType | undefined {
  const events = TOPICS[topic].events as Record<string, Record<number, z.ZodType>>;
  return events[type]?.[version];
}
