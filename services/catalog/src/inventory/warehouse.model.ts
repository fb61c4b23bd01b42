import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class Warehouse {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  isDefault: boolean;
}
