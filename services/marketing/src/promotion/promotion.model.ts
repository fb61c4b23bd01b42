import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { PromotionStatus } from './promotion-status';

@ObjectType({ description: "A percentage discount on some of a shop's products within a time window." })
@Directive('@key(fields: "id")')
export class Promotion {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => Int, { description: 'Discount in basis points: 100 = 1 %.' })
  discountBasisPoints: number;

  @Field(() => PromotionStatus, { description: 'Derived from the window and the time of the request.' })
  status: PromotionStatus;

  @Field({ description: 'Start of the window (UTC), inclusive.' })
  startsAt: Date;

  @Field({ description: 'End of the window (UTC), exclusive.' })
  endsAt: Date;
}

@ObjectType()
export class PromotionConnection extends Connection(Promotion, 'Promotion') {}
