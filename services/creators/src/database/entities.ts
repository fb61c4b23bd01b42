import { CatalogProductEntity } from '../projections/catalog-product.entity';
import { CreatorEntity } from '../creator/creator.entity';
import { CollaborationEntity } from '../collaboration/collaboration.entity';

/** Every TypeORM entity of the creators database. */
export const entities = [CatalogProductEntity, CreatorEntity, CollaborationEntity];
