import { z } from 'zod';
import {
  InventoryCommittedV1,
  InventoryReleasedV1,
  InventoryReservationFailedV1,
  InventoryReservedV1,
  InventoryRestockedV1,
  InventorySoldV1,
  ProductCreatedV1,
  ProductStatusChangedV1,
  ShopRegisteredV1,
  SkuPriceChangedV1,
  SkuStockTransitionV1,
} from './catalog.events';
import { OrderCancelledV1, OrderConfirmedV1, OrderLinesCancelledV1, OrderPaidV1, OrderPlacedV1, OrderStatusChangedV1, PackageShippedV1 } from './orders.events';
import { ConversationOpenedV1, ConversationResolvedV1, MessageSentV1 } from './inquiry.events';
import { RefundIssuedV1, ReturnCancelledV1, ReturnReceivedV1, ReturnRequestedV1 } from './returns.events';
import { PageViewedV1 } from './storefront.events';
import { PromotionCreatedV1, PromotionDeactivatedV1 } from './marketing.events';
import { CollaborationCreatedV1 } from './creators.events';
import {
  StaffActivatedV1,
  StaffDeactivatedV1,
  StaffInvitationExpiredV1,
  StaffInvitedV1,
  StaffReactivatedV1,
  StaffRoleChangedV1,
  StaffRolesChangedV1,
} from './staff.events';

/** A topic's contract: its owner and, per event type and version, the payload schema. */
export interface TopicContract {
  owner: 'catalog' | 'orders' | 'returns' | 'marketing' | 'creators' | 'storefront';
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
    events: {
      'product.created': { 1: ProductCreatedV1 },
      'product.status_changed': { 1: ProductStatusChangedV1 },
      'sku.price_changed': { 1: SkuPriceChangedV1 },
      'shop.registered': { 1: ShopRegisteredV1 },
    },
  },
  'catalog.inventory.v1': {
    owner: 'catalog',
    description: 'Outcomes of inventory operations requested by other services; key = order id.',
    events: {
      'inventory.reserved': { 1: InventoryReservedV1 },
      'inventory.reservation_failed': { 1: InventoryReservationFailedV1 },
      'inventory.committed': { 1: InventoryCommittedV1 },
      'inventory.released': { 1: InventoryReleasedV1 },
      'inventory.sold': { 1: InventorySoldV1 },
      'inventory.restocked': { 1: InventoryRestockedV1 },
      'sku.out_of_stock': { 1: SkuStockTransitionV1 },
      'sku.back_in_stock': { 1: SkuStockTransitionV1 },
    },
  },
  'catalog.staff.v1': {
    owner: 'catalog',
    description:
      "A shop's staff members and custom roles (no email address, invitation content or code); key = member id (custom role id for staff.role_changed).",
    events: {
      'staff.invited': { 1: StaffInvitedV1 },
      'staff.activated': { 1: StaffActivatedV1 },
      'staff.deactivated': { 1: StaffDeactivatedV1 },
      'staff.reactivated': { 1: StaffReactivatedV1 },
      'staff.roles_changed': { 1: StaffRolesChangedV1 },
      'staff.invitation_expired': { 1: StaffInvitationExpiredV1 },
      'staff.role_changed': { 1: StaffRoleChangedV1 },
    },
  },
  'orders.order.v1': {
    owner: 'orders',
    description: 'Order lifecycle; key = order id.',
    events: {
      'order.placed': { 1: OrderPlacedV1 },
      'order.confirmed': { 1: OrderConfirmedV1 },
      'order.cancelled': { 1: OrderCancelledV1 },
      'order.paid': { 1: OrderPaidV1 },
      'order.status_changed': { 1: OrderStatusChangedV1 },
      'order.lines_cancelled': { 1: OrderLinesCancelledV1 },
      'package.shipped': { 1: PackageShippedV1 },
    },
  },
  'orders.inquiry.v1': {
    owner: 'orders',
    description: 'Buyer inquiries (conversations and their messages, without message text); key = conversation id.',
    events: {
      'conversation.opened': { 1: ConversationOpenedV1 },
      'message.sent': { 1: MessageSentV1 },
      'conversation.resolved': { 1: ConversationResolvedV1 },
    },
  },
  'returns.return.v1': {
    owner: 'returns',
    description: 'Return requests; key = return id.',
    events: { 'return.requested': { 1: ReturnRequestedV1 }, 'return.received': { 1: ReturnReceivedV1 }, 'return.cancelled': { 1: ReturnCancelledV1 } },
  },
  'returns.refund.v1': {
    owner: 'returns',
    description: 'Refunds to buyers; key = the return request (or cancellation) id that caused the refund.',
    events: { 'refund.issued': { 1: RefundIssuedV1 } },
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
  'storefront.traffic.v1': {
    owner: 'storefront',
    description: 'Shopper traffic from the storefront (outside this system); key = product id.',
    events: { 'page.viewed': { 1: PageViewedV1 } },
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
