import { ShopEntity } from './shop.entity';
import { Shop } from './shop.model';

export const toShop = (entity: ShopEntity): Shop => ({
  id: entity.id,
  name: entity.name,
  currencyCode: entity.currencyCode.trim(),
  timeZone: entity.timeZone,
  createdAt: entity.createdAt,
});
