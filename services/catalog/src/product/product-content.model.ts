import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** How createProduct saves: as a draft, or submitted for review (TT `save_mode`). */
export enum SaveMode {
  DRAFT = 'DRAFT',
  LISTING = 'LISTING',
}
registerEnumType(SaveMode, { name: 'SaveMode', description: 'DRAFT keeps the product private; LISTING submits it for review.' });

@ObjectType({ description: 'A product attribute such as Material = Cotton.' })
export class ProductAttribute {
  @Field()
  name: string;

  @Field()
  value: string;
}

@InputType()
export class ProductAttributeInput {
  @Field()
  name: string;

  @Field()
  value: string;
}

@ObjectType({ description: 'One review finding: where, what is wrong, and how to fix it.' })
export class FailedReason {
  @Field({ description: 'Where the problem is, e.g. "title" or "images[2]".' })
  position: string;

  @Field(() => [String])
  reasons: string[];

  @Field(() => [String])
  suggestions: string[];
}

@InputType()
export class FailedReasonInput {
  @Field()
  position: string;

  @Field(() => [String])
  reasons: string[];

  @Field(() => [String], { defaultValue: [] })
  suggestions: string[];
}

@ObjectType({ description: 'A content edit of a live product and its review.' })
export class ProductRevision {
  @Field(() => Int)
  revisionNo: number;

  @Field({ description: 'PENDING, APPROVED or REJECTED.' })
  reviewStatus: string;

  @Field(() => [String])
  changedFields: string[];

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

  @Field(() => [FailedReason])
  failedReasons: FailedReason[];

  @Field()
  createdAt: Date;
}
