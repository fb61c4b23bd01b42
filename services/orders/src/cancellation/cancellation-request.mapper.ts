import { CancellationRequestEntity } from './cancellation-request.entity';
import { CancellationRequest } from './cancellation-request.model';

export const toCancellationRequest = (c: CancellationRequestEntity): CancellationRequest => ({
  id: c.id,
  orderId: c.orderId,
  status: c.status,
  reason: c.reason,
  lines: c.lines,
  rejectReason: c.rejectReason,
  requestedAt: c.requestedAt,
  respondBy: c.respondBy,
  decidedAt: c.decidedAt,
});
