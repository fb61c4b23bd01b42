import { Directive, Field, InputType, Int, ObjectType } from '@nestjs/graphql';

/** An amount of money: integer minor units (a string, so 64-bit totals keep every digit) and an ISO 4217 code. */
@ObjectType({ description: 'An amount of money in integer minor units of an ISO 4217 currency.' })
@Directive('@shareable')
export class Money {
  @Field({ description: 'Amount in minor units (cents for USD), as a base-10 integer string.' })
  amountMinor: string;

  @Field({ description: 'ISO 4217 currency code.' })
  currencyCode: string;

  @Field(() => Int, { description: 'Digits after the decimal point for this currency.' })
  fractionDigits: number;
}

/** Money as a client sends it. */
@InputType({ description: 'An amount of money in integer minor units of an ISO 4217 currency.' })
export class MoneyInput {
  @Field({ description: 'Amount in minor units as a base-10 integer string, e.g. "1999" for 19.99 USD.' })
  amountMinor: string;

  @Field({ description: 'ISO 4217 currency code; must be the shop currency.' })
  currencyCode: string;
}
