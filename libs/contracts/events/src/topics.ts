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
import { PromotionCreatedV1, PromotionDeactivatedV1, TieredPromotionCreatedV1 } from './marketing.events';
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
import { ActionRecordedV1 } from './audit.events';

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
  'catalog.audit.v1': {
    owner: 'catalog',
    description: "What a shop's staff members did in catalog (products, prices, stock, staff), for the shop's audit log; key = seller id.",
    events: { 'action.recorded': { 1: ActionRecordedV1 } },
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
  'orders.audit.v1': {
    owner: 'orders',
    description: "What a shop's staff members did in orders (orders, inquiries), for the shop's audit log; key = seller id.",
    events: { 'action.recorded': { 1: ActionRecordedV1 } },
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
  'returns.audit.v1': {
    owner: 'returns',
    description: "What a shop's staff members did in returns (returns, refunds), for the shop's audit log; key = seller id.",
    events: { 'action.recorded': { 1: ActionRecordedV1 } },
  },
  'marketing.promotion.v1': {
    owner: 'marketing',
    description: 'Promotions; key = promotion id.',
    events: {
      'promotion.created': { 1: PromotionCreatedV1 },
      'tiered_promotion.created': { 1: TieredPromotionCreatedV1 },
      'promotion.deactivated': { 1: PromotionDeactivatedV1 },
    },
  },
  'marketing.audit.v1': {
    owner: 'marketing',
    description: "What a shop's staff members did in marketing (promotions), for the shop's audit log; key = seller id.",
    events: { 'action.recorded': { 1: ActionRecordedV1 } },
  },
  'creators.collaboration.v1': {
    owner: 'creators',
    description: 'Creator collaborations; key = collaboration id.',
    events: { 'collaboration.created': { 1: CollaborationCreatedV1 } },
  },
  'creators.audit.v1': {
    owner: 'creators',
    description: "What a shop's staff members did in creators (collaborations), for the shop's audit log; key = seller id.",
    events: { 'action.recorded': { 1: ActionRecordedV1 } },
  },
  'storefront.traffic.v1': {
    owner: 'storefront',
    description: 'Shopper traffic from the storefront (outside this system); key = product id.',
    events: { 'page.viewed': { 1: PageViewedV1 } },
  },
} as const satisfies Record<string, TopicContract>;

/** A logical topic name (without any environment prefix). */
export type TopicName = keyof typeof TOPICS;

/** The services that run staff commands, each publishing them on its own audit topic. */
export type AuditedService = 'catalog' | 'orders' | 'returns' | 'marketing' | 'creators';

/** Every service's audit topic (`action.recorded` events; key = seller id), by service. */
export const AUDIT_TOPICS = {
  catalog: 'catalog.audit.v1',
  orders: 'orders.audit.v1',
  returns: 'returns.audit.v1',
  marketing: 'marketing.audit.v1',
  creators: 'creators.audit.v1',
} as const satisfies Record<AuditedService, TopicName>;

/** An audit topic. */
export type AuditTopic = (typeof AUDIT_TOPICS)[AuditedService];

/** The audit topic of a service, or null for a name that is not one of the audited services. */
export function auditTopicOf(service: string): AuditTopic | null {
  return Object.hasOwn(AUDIT_TOPICS, service) ? AUDIT_TOPICS[service as AuditedService] : null;
}

/** The dead-letter topic of a topic. */
export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;

/** Looks up the payload schema of an event type and version on a topic, or undefined if it is not in the contract. */
export function payloadSchemaFor(topic: TopicName, type: string, version: number): z.ZodType | undefined {
  const events = TOPICS[topic].events as Record<string, Record<number, z.ZodType>>;
  return events[type]?.[version];
}
