import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { groupLoader } from '@sc/graphql';
import { PackageEntity, PackageLineEntity } from './package.entity';

/** Per-request loaders of packages, for orders the caller already may read. */
@Injectable()
export class PackageLoaders {
  constructor(private readonly dataSource: DataSource) {}

  packagesByOrderId() {
    return groupLoader<string, PackageEntity>(
      'orders.packagesByOrderId',
      (orderIds) =>
        this.dataSource.getRepository(PackageEntity).createQueryBuilder('p').where('p.orderId = ANY(:orderIds)', { orderIds }).orderBy('p.id').getMany(),
      (p) => p.orderId,
    );
  }

  packageLinesByPackageId() {
    return groupLoader<string, PackageLineEntity>(
      'orders.packageLinesByPackageId',
      (packageIds) =>
        this.dataSource.getRepository(PackageLineEntity).createQueryBuilder('l').where('l.packageId = ANY(:packageIds)', { packageIds }).getMany(),
      (p) => p.packageId,
    );
  }
}
