import { Field, InputType, Int } from '@nestjs/graphql';
import { MoneyInput } from '@sc/graphql';
import { SalesAttributeInput } from './sales-attribute.model';

@InputType()
export class CreateSkuInput {
  @Field({ description: "The seller's SKU code, unique within the shop." })
  sellerSku: string;

  @Field(() => [SalesAttributeInput], { defaultValue: [] })
  salesAttributes: SalesAttributeInput[];

  @Field(() => MoneyInput)
  price: MoneyInput;

  @Field(() => Int, { defaultValue: 0, description: 'Units on hand in the default warehouse.' })
  initialStock: number;
}

@InputType()
export class CreateProductInput {
  @Field()
  title: string;

  @Field({ defaultValue: '' })
  description: string;

  @Field(() => [CreateSkuInput])
  skus: CreateSkuInput[];

  @Field({ description: 'Same key and same input returns the same product; same key and other input is refused.' })
  idempotencyKey: string;
}
