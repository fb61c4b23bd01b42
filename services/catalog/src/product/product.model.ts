import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { ProductStatus } from './product-status';
import { FailedReason, ProductAttribute } from './product-content.model';

@ObjectType({ description: 'A product listing of a shop.' })
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  categoryId: string | null;

  @Field(() => [String])
  images: string[];

  @Field(() => [ProductAttribute])
  attributes: ProductAttribute[];

  @Field(() => ProductStatus)
  status: ProductStatus;

  @Field(() => [FailedReason], { description: 'Findings of the last rejected review; empty otherwise.' })
  failedReasons: FailedReason[];

  @Field(() => String, { nullable: true, description: 'Why the platform deactivated or froze the product.' })
  statusReason: string | null;

  @Field({ description: 'True while a content revision waits for review; the live version keeps selling.' })
  hasPendingRevision: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class ProductConnection extends Connection(Product, 'Product') {}
