import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money } from '@sc/graphql';
import { OrderStatus } from './order-status';
import { Product, Sku } from '../references/catalog-references.model';

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

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class OrderConnection extends Connection(Order, 'Order') {}
