import { CatalogProductEntity } from '../projections/catalog-product.entity';
import { PromotionEntity } from '../promotion/promotion.entity';
import { PromotionProductEntity } from '../promotion/promotion-product.entity';

/** Every TypeORM entity of the marketing database. */
export const entities = [CatalogProductEntity, PromotionEntity, PromotionProductEntity];
