import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Money } from '@sc/graphql';
import { SalesRangePreset } from './day-range';

registerEnumType(SalesRangePreset, { name: 'SalesRangePreset', description: 'Dashboard range; days are whole days in the shop time zone.' });

@InputType()
export class SalesRangeInput {
  @Field(() => SalesRangePreset)
  preset: SalesRangePreset;

  @Field(() => String, { nullable: true, description: 'CUSTOM only: first day, YYYY-MM-DD (shop time zone).' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'CUSTOM only: last day (included), YYYY-MM-DD.' })
  to?: string | null;
}

@ObjectType({ description: 'Sales figures of a range of whole days in the shop time zone.' })
export class SalesFigures {
  @Field({ description: 'First day, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'Last day (included), YYYY-MM-DD.' })
  to: string;

  @Field(() => Money)
  gmv: Money;

  @Field(() => Money, { description: 'Refunds of returns issued in range (by refund date), whatever the payment date of their orders.' })
  refunds: Money;

  @Field(() => Money)
  netSales: Money;

  @Field(() => Int)
  orders: number;

  @Field(() => Int)
  buyers: number;

  @Field(() => Money, { nullable: true })
  averageOrderValue: Money | null;

  @Field(() => Int)
  visitors: number;

  @Field(() => Int, { nullable: true, description: 'buyers ÷ visitors in basis points (10000 = 100%).' })
  conversionBasisPoints: number | null;
}

@ObjectType({ description: 'One day of the series.' })
export class DailySales {
  @Field({ description: 'YYYY-MM-DD in the shop time zone.' })
  day: string;

  @Field(() => Money)
  gmv: Money;

  @Field(() => Money, { description: 'Refunds of returns issued on this day.' })
  refunds: Money;

  @Field(() => Money)
  netSales: Money;

  @Field(() => Int)
  orders: number;

  @Field(() => Int)
  buyers: number;

  @Field(() => Int)
  visitors: number;
}

@ObjectType({ description: 'What a dashboard metric counts, machine-readable.' })
export class MetricDefinition {
  @Field()
  metric: string;

  @Field()
  definition: string;
}

@ObjectType({ description: 'The home dashboard: the range, the previous period of equal length, and a daily series.' })
export class SalesSummary {
  @Field()
  timeZone: string;

  @Field()
  currencyCode: string;

  @Field(() => SalesFigures)
  current: SalesFigures;

  @Field(() => SalesFigures, { description: 'The same figures for the equally long period just before.' })
  previous: SalesFigures;

  @Field(() => [DailySales], { description: 'Every day of the current range, oldest first (zero days included).' })
  daily: DailySales[];

  @Field(() => [MetricDefinition])
  definitions: MetricDefinition[];
}

@ObjectType({ description: "What needs the seller's attention now." })
export class ActionCounters {
  @Field(() => Int)
  awaitingShipment: number;

  @Field(() => Int, { description: 'Awaiting shipment with a ship-by deadline in the next 24 h.' })
  toShipWithin24h: number;

  @Field(() => Int, { description: 'Orders that will be auto-cancelled in the next 24 h unless shipped.' })
  autoCancelWithin24h: number;

  @Field(() => Int)
  pendingCancellationRequests: number;

  @Field(() => Int)
  unreadInquiries: number;
}
