import { registerEnumType } from '@nestjs/graphql';

/** Status of a buyer cancellation request (the marketplace's names). */
export enum CancellationStatus {
  CANCELLATION_REQUEST_PENDING = 'CANCELLATION_REQUEST_PENDING',
  CANCELLATION_REQUEST_SUCCESS = 'CANCELLATION_REQUEST_SUCCESS',
  CANCELLATION_REQUEST_CANCEL = 'CANCELLATION_REQUEST_CANCEL',
}

registerEnumType(CancellationStatus, { name: 'CancellationStatus' });
