import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A seller's shop: the root of every seller-center view." })
@Directive('@key(fields: "id")')
export class Shop {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'ISO 4217 currency every price of the shop is in.' })
  currencyCode: string;

  @Field({ description: 'IANA time zone dashboards bucket days by.' })
  timeZone: string;

  @Field()
  createdAt: Date;
}
