import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderPlacedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';
import { ReservationService } from './reservation.service';

/** order.placed → reserve stock (exactly once, through the inbox). */
@Injectable()
export class OrderPlacedHandler implements EventHandler<OrderPlacedV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.placed';

  constructor(private readonly reservations: ReservationService) {}

  handle(event: EventEnvelope<OrderPlacedV1>, manager: EntityManager): Promise<void> {
    return this.reservations.reserveForOrder(manager, event);
  }
}
