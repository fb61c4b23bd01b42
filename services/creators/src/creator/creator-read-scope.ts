import { currentContext, staffMay } from '@sc/auth';

/**
 * Who may browse the creator directory: sellers' staff (to pick creators) and the platform (which
 * curates it). Buyers and carriers have no use for it. The directory is not per seller, so there is
 * no seller filter: every allowed caller sees the same creators.
 */
export function mayReadCreators(): boolean {
  const { identity } = currentContext();
  return staffMay('CREATORS:VIEW') || identity.roles.includes('PLATFORM');
}
