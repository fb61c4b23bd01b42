import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { ProductStatus } from './product-status';

@ObjectType({ description: 'A product listing of a shop.' })
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => ProductStatus)
  status: ProductStatus;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class ProductConnection extends Connection(Product, 'Product') {}
