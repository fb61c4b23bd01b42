import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { Sku } from '../product/sku.model';

@ObjectType({ description: "A SKU's out-of-stock status across all warehouses." })
export class SkuStockStatus {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  skuId: string;

  @Field(() => ID)
  productId: string;

  @Field(() => Int, { description: 'Out of stock when available units summed over all warehouses are at or below this.' })
  outOfStockThreshold: number;

  @Field({ description: 'available <= outOfStockThreshold; the same flag as Sku.outOfStock.' })
  outOfStock: boolean;

  @Field(() => Int, { description: 'Available units across warehouses when the status was last refreshed.' })
  available: number;

  @Field({ description: 'When the out-of-stock flag last flipped.' })
  changedAt: Date;

  @Field(() => Sku, { nullable: true })
  sku?: Sku | null;
}

@ObjectType()
export class SkuStockStatusConnection extends Connection(SkuStockStatus, 'SkuStockStatus') {}

/** Row shape of sku_stock_status. */
export interface SkuStockStatusRow {
  sku_id: string;
  product_id: string;
  out_of_stock_threshold: number;
  out_of_stock: boolean;
  available: number;
  changed_at: Date;
}

export const toSkuStockStatus = (r: SkuStockStatusRow): SkuStockStatus => ({
  id: r.sku_id,
  skuId: r.sku_id,
  productId: r.product_id,
  outOfStockThreshold: r.out_of_stock_threshold,
  outOfStock: r.out_of_stock,
  available: r.available,
  changedAt: r.changed_at,
});
