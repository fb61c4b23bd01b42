import { ReturnRequestEntity } from './return-request.entity';
import { ReturnLineEntity } from './return-line.entity';
import { ReturnLine, ReturnRequest } from './return-request.model';

export const toReturnRequest = (r: ReturnRequestEntity): ReturnRequest => ({
  id: r.id,
  status: r.status,
  type: r.type,
  reason: r.reason,
  reasonText: r.reasonText,
  order: { id: r.orderId },
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toReturnLine = (l: ReturnLineEntity): ReturnLine => ({ id: l.id, orderLineId: l.orderLineId, quantity: l.quantity });
