import { Injectable } from '@nestjs/common';
import { PageArgs, readPageArgs, toConnection } from '@sc/graphql';
import { ProductRepository } from './product.repository';
import { ProductStatus } from './product-status';
import { toProduct } from './product.mapper';

/** Seller-facing product lists. */
@Injectable()
export class ProductQueries {
  constructor(private readonly products: ProductRepository) {}

  async listForShop(sellerId: string, page: PageArgs, status: ProductStatus | null) {
    const { limit, afterKey } = readPageArgs(page);
    const rows = await this.products.listForSeller(sellerId, status, limit, afterKey);
    return toConnection(rows.map(toProduct), limit);
  }
}
