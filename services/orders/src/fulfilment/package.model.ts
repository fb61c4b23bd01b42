import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PackageStatus } from './package-status';

@ObjectType()
export class PackageLine {
  @Field(() => ID)
  orderLineId: string;

  @Field(() => Int)
  quantity: number;
}

@ObjectType({ description: 'A parcel of order lines.' })
export class Package {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  orderId: string;

  @Field(() => PackageStatus)
  status: PackageStatus;

  @Field(() => String, { nullable: true })
  carrier: string | null;

  @Field(() => String, { nullable: true })
  trackingNumber: string | null;

  @Field(() => Date, { nullable: true })
  shippedAt: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => [PackageLine])
  lines: PackageLine[];
}
