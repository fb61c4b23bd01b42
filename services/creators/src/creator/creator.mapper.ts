import { CreatorEntity } from './creator.entity';
import { Creator } from './creator.model';

export const toCreator = (c: CreatorEntity): Creator => ({
  id: c.id,
  handle: c.handle,
  displayName: c.displayName,
  followerCount: c.followerCount,
  categories: c.categories,
});
