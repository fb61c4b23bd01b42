import { SelectQueryBuilder } from 'typeorm';
import { WriteTx } from '@sc/kit';
import { SkuEntity } from './sku.entity';

/**
 * What the product module needs of SKU stock, which the inventory module owns: the product module declares
 * these ports and never touches the inventory tables' writes; the inventory module provides them.
 */

/** The units a new SKU starts with. */
export interface OpeningStock {
  skuId: string;
  initialStock: number;
}

/**
 * Opens the stock of a new product's SKUs in the creating transaction: their inventory levels in the shop's
 * default warehouse, a RECEIPT movement each and their stock status (a SKU opened with no stock is out of
 * stock from its first moment).
 */
export interface SkuStockWriter {
  openStock(tx: WriteTx, sellerId: string, productId: string, skus: readonly OpeningStock[]): Promise<void>;
}

export const SKU_STOCK_WRITER = Symbol('catalog.SKU_STOCK_WRITER');

/** A loaded SKU and the raw row it came from, which carries the columns {@link SkuStockReads.addStockColumns} added. */
export interface SkuRow {
  sku: SkuEntity;
  raw: Record<string, unknown>;
}

/**
 * The stock facts of SKUs, read in the statement that loads the SKUs: the SKU's field resolvers
 * (availableQuantity, outOfStock, outOfStockThreshold) would otherwise each load them in a statement of their own.
 */
export interface SkuStockReads {
  /** Adds the stock columns to a query over SkuEntity aliased `s`; still one row per SKU. */
  addStockColumns(qb: SelectQueryBuilder<SkuEntity>): SelectQueryBuilder<SkuEntity>;
  /** Hands the loaded SKUs' stock columns to this request's stock loaders. */
  primeStock(rows: readonly SkuRow[]): void;
}

export const SKU_STOCK_READS = Symbol('catalog.SKU_STOCK_READS');
