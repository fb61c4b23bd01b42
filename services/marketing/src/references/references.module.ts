import { Module } from '@nestjs/common';
import { PromotionModule } from '../promotion/promotion.module';
import { ProductResolver } from './product.resolver';
import { ShopResolver } from './shop.resolver';

/** The fields marketing adds to catalog's entities: `Product.activePromotions` and `Shop.promotions`. Exports nothing. */
@Module({
  imports: [PromotionModule],
  providers: [ProductResolver, ShopResolver],
})
export class ReferencesModule {}
