import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';

/** Why a seller cancels; every one of them counts as a seller-fault cancellation. */
export enum SellerCancelReason {
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  PRICING_ERROR = 'PRICING_ERROR',
  UNABLE_TO_DELIVER = 'UNABLE_TO_DELIVER',
  OTHER = 'OTHER',
}

registerEnumType(SellerCancelReason, { name: 'SellerCancelReason', description: 'Seller-fault cancellation reasons.' });

@InputType({ description: 'An order and the idempotency key of the change.' })
export class OrderCommandInput {
  @Field(() => ID)
  orderId: string;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class BuyerCancelOrderInput extends OrderCommandInput {
  @Field({ description: 'Free-text reason, 1–500 characters.' })
  reason: string;
}

@InputType()
export class SellerCancelOrderInput extends OrderCommandInput {
  @Field(() => SellerCancelReason)
  reason: SellerCancelReason;
}

@InputType()
export class OrderLineQuantityInput {
  @Field(() => ID)
  orderLineId: string;

  @Field(() => Int)
  quantity: number;
}

@InputType()
export class RequestLineCancellationInput extends BuyerCancelOrderInput {
  @Field(() => [OrderLineQuantityInput], { description: 'Units to cancel; the rest of the order stays alive.' })
  lines: OrderLineQuantityInput[];
}

@InputType()
export class CancelOrderLinesInput extends OrderCommandInput {
  @Field(() => [OrderLineQuantityInput])
  lines: OrderLineQuantityInput[];

  @Field(() => SellerCancelReason)
  reason: SellerCancelReason;
}

@InputType()
export class CancellationDecisionInput {
  @Field(() => ID)
  cancellationId: string;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class RejectCancellationInput extends CancellationDecisionInput {
  @Field({ description: 'Why the seller refuses, 1–500 characters (e.g. the parcel is already packed).' })
  reason: string;
}

@InputType()
export class CreatePackageInput extends OrderCommandInput {
  @Field(() => [OrderLineQuantityInput])
  lines: OrderLineQuantityInput[];
}

@InputType()
export class PackageCommandInput {
  @Field(() => ID)
  packageId: string;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class ShipPackageInput extends PackageCommandInput {
  @Field()
  carrier: string;

  @Field()
  trackingNumber: string;
}
