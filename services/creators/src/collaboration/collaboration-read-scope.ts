import { staffReadSellerId } from '@sc/auth';

/** The seller whose collaborations the caller may read, or null: collaborations are visible to their shop only. */
export function collaborationReaderSellerId(): string | null {
  return staffReadSellerId('CREATORS:VIEW');
}
