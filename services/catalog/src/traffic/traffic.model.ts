import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "One day of storefront traffic, in the shop's time zone." })
export class TrafficDay {
  @Field({ description: 'Calendar date YYYY-MM-DD in the shop time zone.' })
  date: string;

  @Field(() => Int, { description: 'Distinct visitors that day.' })
  visitors: number;

  @Field(() => Int)
  pageViews: number;
}
