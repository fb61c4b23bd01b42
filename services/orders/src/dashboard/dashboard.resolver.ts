import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { Shop } from '../shared/shop.model';
import { ActionCounters, SalesRangeInput, SalesSummary } from './sales-summary.model';
import { SalesSummaryQueries } from './sales-summary.queries';

const ownShop = (shop: Shop): string => ownShopId(shop.id, 'ORDERS:VIEW', 'its dashboard');

/** The home-dashboard fields of catalog's Shop. */
@Resolver(() => Shop)
export class DashboardResolver {
  constructor(private readonly queries: SalesSummaryQueries) {}

  @ResolveField(() => SalesSummary, {
    nullable: true,
    description: 'GMV, net sales, orders, buyers, visitors and conversion for a range, with the previous period.',
  })
  salesSummary(@Parent() shop: Shop, @Args('range', { type: () => SalesRangeInput }) range: SalesRangeInput): Promise<SalesSummary> {
    return this.queries.summary(ownShop(shop), range);
  }

  @ResolveField(() => ActionCounters, { nullable: true })
  actionCounters(@Parent() shop: Shop): Promise<ActionCounters> {
    return this.queries.actionCounters(ownShop(shop));
  }
}
