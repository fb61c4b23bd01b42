import { Field, ID, InputType } from '@nestjs/graphql';
import { FieldProblem } from '@sc/graphql';
import { OrderStatus } from './order-status';

@InputType({ description: "Filters of a shop's order list; all given filters must match." })
export class OrderListFilter {
  @Field(() => [OrderStatus], { nullable: true })
  statuses?: OrderStatus[] | null;

  @Field(() => Date, { nullable: true, description: 'Created at or after.' })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Created before.' })
  createdTo?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Paid at or after.' })
  paidFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Paid before.' })
  paidTo?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Ship-by deadline before this time.' })
  shipByBefore?: Date | null;

  @Field(() => ID, { nullable: true })
  buyerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Orders with a line of this SKU.' })
  skuId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Orders with (true) or without (false) a pending buyer cancellation request.' })
  hasOpenCancellation?: boolean | null;
}

/** Problems with a filter: empty status lists and inverted ranges. */
export function validateOrderListFilter(filter: OrderListFilter): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (filter.statuses && filter.statuses.length === 0) problems.push({ field: 'filter.statuses', message: 'must not be empty' });
  if (filter.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo)
    problems.push({ field: 'filter.createdTo', message: 'must not be before createdFrom' });
  if (filter.paidFrom && filter.paidTo && filter.paidFrom > filter.paidTo) problems.push({ field: 'filter.paidTo', message: 'must not be before paidFrom' });
  return problems;
}
