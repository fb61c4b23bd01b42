import { Field, InputType } from '@nestjs/graphql';
import { MoneyInput } from '@sc/graphql';

@InputType({ description: "The shop's shipping charge: a flat fee per order, free from a merchandise subtotal when set." })
export class SetShopShippingInput {
  @Field(() => MoneyInput, { description: 'Fee charged per order, in the shop currency; "0" ships every order free.' })
  flatFee: MoneyInput;

  @Field(() => MoneyInput, {
    nullable: true,
    description: 'Orders whose merchandise subtotal reaches this amount (shop currency) ship free; omit or null to always charge the flat fee.',
  })
  freeShippingThreshold?: MoneyInput | null;

  @Field({ description: 'Same key and same input returns the same settings; same key and other input is refused.' })
  idempotencyKey: string;
}
