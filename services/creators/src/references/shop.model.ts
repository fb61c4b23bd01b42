import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Catalog's shop; creators contributes its collaborations. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Shop {
  @Field(() => ID)
  id: string;
}
