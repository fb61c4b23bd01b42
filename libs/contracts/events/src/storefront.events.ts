import { z } from 'zod';
import { idOf } from './money.schema';

/**
 * `page.viewed` v1 (storefront.traffic.v1; key = product id): a shopper viewed a product page. The
 * storefront lives outside this system; the demo seeds the topic. `visitorId` is an opaque, stable id
 * per shopper device, so distinct visitors can be counted.
 */
export const PageViewedV1 = z.object({
  productId: idOf('prd'),
  visitorId: z.string().min(1).max(100),
  viewedAt: z.string(),
});
/** Payload of `page.viewed` v1. */
export type PageViewedV1 = z.infer<typeof PageViewedV1>;
