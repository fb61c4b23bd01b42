import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class RegisterCreatorInput {
  @Field({ description: 'Unique handle: 2 to 30 of a-z, 0-9, dot and underscore.' })
  handle: string;

  @Field()
  displayName: string;

  @Field(() => Int)
  followerCount: number;

  @Field(() => [String], { defaultValue: [] })
  categories: string[];

  @Field({ description: 'Same key and same input returns the same creator; same key and other input is refused.' })
  idempotencyKey: string;
}
