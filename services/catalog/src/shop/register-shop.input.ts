import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class RegisterShopInput {
  @Field()
  name: string;

  @Field({ description: 'ISO 4217 currency of every price in the shop; cannot change later.' })
  currencyCode: string;

  @Field({ description: 'IANA time zone, e.g. Asia/Jakarta.' })
  timeZone: string;
}
