import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogProductEntity } from './catalog-product.entity';

/** Reads of the catalog product read model; always bounded by the owning seller. */
@Injectable()
export class CatalogProductRepository {
  /** The seller's product, or null when it is unknown, not yet projected, or another seller's. */
  findOwned(manager: EntityManager, sellerId: string, productId: string): Promise<CatalogProductEntity | null> {
    return manager.getRepository(CatalogProductEntity).findOneBy({ id: productId, sellerId });
  }
}
