import { Module } from '@nestjs/common';
import { CollaborationModule } from '../collaboration/collaboration.module';
import { ProductResolver } from './product.resolver';
import { ShopResolver } from './shop.resolver';

/** The fields creators adds to catalog's entities: `Product.collaborations` and `Shop.collaborations`. Exports nothing. */
@Module({
  imports: [CollaborationModule],
  providers: [ProductResolver, ShopResolver],
})
export class ReferencesModule {}
