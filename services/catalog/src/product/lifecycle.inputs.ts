import { Field, ID, InputType } from '@nestjs/graphql';
import { MoneyInput } from '@sc/graphql';
import { ProductAttributeInput } from './product-content.model';

@InputType({ description: 'Content fields to change; omitted fields stay as they are.' })
export class EditProductInput {
  @Field(() => ID)
  productId: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  categoryId?: string | null;

  @Field(() => [String], { nullable: true })
  images?: string[] | null;

  @Field(() => [ProductAttributeInput], { nullable: true })
  attributes?: ProductAttributeInput[] | null;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class ProductCommandInput {
  @Field(() => ID)
  productId: string;

  @Field()
  idempotencyKey: string;
}

@InputType({ description: 'Up to 100 products; each is changed in its own transaction.' })
export class BulkProductsInput {
  @Field(() => [ID])
  productIds: string[];

  @Field()
  idempotencyKey: string;
}

@InputType()
export class SkuPriceInput {
  @Field(() => ID)
  skuId: string;

  @Field(() => MoneyInput)
  price: MoneyInput;

  @Field(() => MoneyInput, { nullable: true })
  listPrice?: MoneyInput | null;
}

@InputType({ description: 'New prices for SKUs of one product; prices skip review.' })
export class UpdateSkuPricesInput {
  @Field(() => ID)
  productId: string;

  @Field(() => [SkuPriceInput])
  prices: SkuPriceInput[];

  @Field()
  idempotencyKey: string;
}
