import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ProductAttributeInput } from '../product/product-content.model';

@InputType({ description: 'The listing content to check, as it would be submitted.' })
export class ListingCheckInput {
  @Field()
  title: string;

  @Field({ defaultValue: '' })
  description: string;

  @Field(() => String, { nullable: true })
  categoryId?: string | null;

  @Field(() => [String], { defaultValue: [] })
  images: string[];

  @Field(() => [ProductAttributeInput], { defaultValue: [] })
  attributes: ProductAttributeInput[];
}

@ObjectType({ description: 'One reason review would refuse the listing.' })
export class ListingCheckProblem {
  @Field()
  field: string;

  @Field({ description: 'CATEGORY_REQUIRED, UNKNOWN_CATEGORY, MISSING_ATTRIBUTE, NO_IMAGES, TITLE_LENGTH, TITLE_ALL_CAPS or TITLE_PROMOTIONAL.' })
  code: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'Outcome of a listing dry run: what a submit would fail on.' })
export class ListingCheckResult {
  @Field()
  passed: boolean;

  @Field(() => [ListingCheckProblem])
  problems: ListingCheckProblem[];
}
