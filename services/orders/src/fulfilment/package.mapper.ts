import { PackageEntity, PackageLineEntity } from './package.entity';
import { Package } from './package.model';

export const toPackage = (p: PackageEntity, lines: PackageLineEntity[]): Package => ({
  id: p.id,
  orderId: p.orderId,
  status: p.status,
  carrier: p.carrier,
  trackingNumber: p.trackingNumber,
  shippedAt: p.shippedAt,
  deliveredAt: p.deliveredAt,
  lines: lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
});
