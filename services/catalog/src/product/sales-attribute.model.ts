import { Field, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A sales attribute of a SKU, such as Colour = Red.' })
export class SalesAttribute {
  @Field()
  name: string;

  @Field()
  value: string;
}

@InputType()
export class SalesAttributeInput {
  @Field()
  name: string;

  @Field()
  value: string;
}
