import { Field, InputType, Int } from '@nestjs/graphql';
import { MoneyInput } from '@sc/graphql';
import { SalesAttributeInput } from './sales-attribute.model';
import { ProductAttributeInput, SaveMode } from './product-content.model';

@InputType()
export class CreateSkuInput {
  @Field({ description: "The seller's SKU code, unique within the shop." })
  sellerSku: string;

  @Field(() => [SalesAttributeInput], { defaultValue: [] })
  salesAttributes: SalesAttributeInput[];

  @Field(() => MoneyInput)
  price: MoneyInput;

  @Field(() => MoneyInput, { nullable: true, description: 'The crossed-out "was" price; at least the price, shop currency.' })
  listPrice?: MoneyInput | null;

  @Field(() => Int, { defaultValue: 0, description: 'Units on hand in the default warehouse.' })
  initialStock: number;
}

@InputType()
export class CreateProductInput {
  @Field()
  title: string;

  @Field({ defaultValue: '' })
  description: string;

  @Field(() => String, { nullable: true, description: 'Category id; required (with its attributes) for review.' })
  categoryId?: string | null;

  @Field(() => [String], { defaultValue: [], description: 'Image URLs (https), main image first.' })
  images: string[];

  @Field(() => [ProductAttributeInput], { defaultValue: [] })
  attributes: ProductAttributeInput[];

  @Field(() => SaveMode, { defaultValue: SaveMode.DRAFT, description: 'DRAFT (default) or LISTING: submit for review at once.' })
  saveMode: SaveMode;

  @Field(() => [CreateSkuInput])
  skus: CreateSkuInput[];

  @Field({ description: 'Same key and same input returns the same product; same key and other input is refused.' })
  idempotencyKey: string;
}
