import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Why one item of a bulk action failed.' })
export class BulkItemError {
  @Field({ description: 'Stable error code, as in extensions.code.' })
  code: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'The outcome of a bulk action for one product.' })
export class BulkProductResult {
  @Field(() => ID)
  productId: string;

  @Field()
  ok: boolean;

  @Field(() => BulkItemError, { nullable: true })
  error: BulkItemError | null;
}
