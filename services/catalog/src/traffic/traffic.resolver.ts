import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { ownShopId, staffSellerId } from '@sc/auth';
import { assertValid, groupLoader } from '@sc/graphql';
import { Shop } from '../shop/shop.model';
import { Product } from '../product/product.model';
import { TrafficDay } from './traffic.model';
import { checkDayRange, fillSeries } from './traffic-days';

interface DailyRow {
  key: string;
  day: string;
  visitors: number;
  pageViews: number;
}

/** Shop.visitors and Product.pageViews: daily series from the page-view rollups. */
@Resolver(() => Shop)
export class ShopTrafficResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveField(() => [TrafficDay], {
    nullable: true,
    description: 'Distinct visitors and page views per day, from and to inclusive (YYYY-MM-DD, shop time zone).',
  })
  async visitors(@Parent() shop: Shop, @Args('from') from: string, @Args('to') to: string): Promise<TrafficDay[]> {
    const sellerId = ownShopId(shop.id, 'PRODUCTS:VIEW', 'its traffic');
    assertValid(checkDayRange(from, to));
    const rows: DailyRow[] = await this.dataSource.query(
      `SELECT seller_id AS key, to_char(day, 'YYYY-MM-DD') AS day, visitors, page_views AS "pageViews"
         FROM shop_traffic_daily WHERE seller_id = $1 AND day BETWEEN $2 AND $3`,
      [sellerId, from, to],
    );
    return fillSeries(from, to, rows);
  }
}

@Resolver(() => Product)
export class ProductTrafficResolver {
  constructor(private readonly dataSource: DataSource) {}

  @ResolveField(() => [TrafficDay], { nullable: true, description: 'Distinct visitors and page views of this product per day (shop time zone).' })
  async pageViews(@Parent() product: Product, @Args('from') from: string, @Args('to') to: string): Promise<TrafficDay[]> {
    const sellerId = staffSellerId('PRODUCTS:VIEW');
    assertValid(checkDayRange(from, to));
    // One statement per range per request, however many products a list shows.
    const loader = groupLoader<string, DailyRow>(
      `catalog.productTraffic:${from}:${to}`,
      (ids) =>
        this.dataSource.query(
          `SELECT product_id AS key, to_char(day, 'YYYY-MM-DD') AS day, visitors, page_views AS "pageViews"
             FROM product_traffic_daily WHERE product_id = ANY($1) AND seller_id = $2 AND day BETWEEN $3 AND $4`,
          [ids, sellerId, from, to],
        ),
      (r) => r.key,
    );
    return fillSeries(from, to, await loader.load(product.id));
  }
}
