import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money } from '@sc/graphql';
import { PriceLayer } from '@sc/graphql/pricing';
import { OrderStatus } from './order-status';
import { Product, Sku } from '../shared/catalog-references.model';
import { Region } from './policy/region-policy';

@ObjectType()
export class OrderLine {
  @Field(() => ID)
  id: string;

  @Field(() => Sku)
  sku: Sku;

  @Field(() => Product)
  product: Product;

  @Field(() => Int)
  quantity: number;

  @Field(() => Money, { description: 'Price of one unit when the order was placed.' })
  unitPrice: Money;

  @Field(() => Money)
  lineTotal: Money;

  @Field(() => Int, { description: 'Units cancelled before shipment.' })
  cancelledQuantity: number;

  @Field(() => Int)
  shippedQuantity: number;

  @Field(() => Money, { description: "This line's share of the order's shipping fee; the shares sum to it exactly." })
  shippingFee: Money;

  @Field(() => Money, { description: "This line's share of the order's seller discount; the shares sum to it exactly." })
  sellerDiscount: Money;

  @Field(() => [PriceLayer], {
    description: 'Every discount on the line when it was placed, item layer first: the promotion, who funds it, what it took off. They sum to sellerDiscount.',
  })
  priceBreakdown: PriceLayer[];

  @Field(() => ID, { nullable: true, description: 'Creator whose content or link led to this line (attribution).' })
  creatorId: string | null;

  @Field(() => ID, { nullable: true })
  contentId: string | null;

  @Field(() => ID, { nullable: true })
  adCampaignId: string | null;
}

@ObjectType({ description: 'Where the order goes. Masked while the order is ON_HOLD (buyer-remorse window).' })
export class Recipient {
  @Field({ description: 'True while the details are hidden.' })
  masked: boolean;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  address: string | null;
}

@ObjectType({ description: 'What has to happen next to an order, who does it, and by when.' })
export class NextAction {
  @Field({ description: 'PAY, WAIT_REMORSE_WINDOW, SHIP, RESPOND_TO_CANCELLATION, CARRIER_PICK_UP, DELIVER, COMPLETE, or CONFIRM_STOCK.' })
  action: string;

  @Field({ description: 'BUYER, SELLER_STAFF, SYSTEM or CARRIER.' })
  actor: string;

  @Field(() => Date, { nullable: true, description: 'When the platform acts if nobody else does (expiry, auto-cancel, auto-approve, completion).' })
  deadline: Date | null;
}

@ObjectType({ description: 'A buyer order placed with a shop.' })
@Directive('@key(fields: "id")')
export class Order {
  @Field(() => ID)
  id: string;

  @Field(() => OrderStatus)
  status: OrderStatus;

  @Field(() => ID)
  buyerId: string;

  @Field(() => Money)
  total: Money;

  @Field(() => String, { nullable: true, description: 'Why the order was cancelled, e.g. INSUFFICIENT_STOCK.' })
  cancelReason: string | null;

  @Field(() => String, { nullable: true, description: 'BUYER, SELLER or SYSTEM once cancelled.' })
  cancelledBy: string | null;

  @Field(() => Region)
  region: Region;

  @Field(() => Money, { description: 'Sum of line totals of the units not cancelled (line-level cancellations take theirs out).' })
  subtotal: Money;

  @Field(() => Money)
  shippingFee: Money;

  @Field(() => Money)
  sellerDiscount: Money;

  @Field(() => Recipient, { nullable: true })
  recipient: Recipient | null;

  @Field(() => Date, { nullable: true })
  paidAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'An UNPAID order is cancelled at this time.' })
  unpaidExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the buyer-remorse window (ON_HOLD).' })
  remorseEndsAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Dispatch SLA.' })
  shipByDeadline: Date | null;

  @Field(() => Date, { nullable: true, description: 'The platform cancels the order if it has not shipped by then.' })
  autoCancelAt: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the after-sales window; the order completes then.' })
  completesAt: Date | null;

  @Field({ description: 'True while a buyer cancellation request awaits the seller.' })
  hasOpenCancellation: boolean;

  /** Id of the open cancellation request, for resolving nextAction. */
  openCancellationId: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class OrderConnection extends Connection(Order, 'Order') {}
