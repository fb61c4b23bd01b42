import { Identity, OWNER_ACCESS, signClientToken, signInternalContext, type SigningKey } from '@sc/auth';
import { BIG_SHOP_ID, BIG_SHOP_OWNER_ID } from '../dataset/shape';

/**
 * The big shop's owner: every read workload runs as this seller. Its client token carries no access (our
 * gateway resolves it from catalog); the internal context signed here for direct subgraph calls and for Hive
 * carries the owner's access, as our gateway would sign it.
 */
export const BENCH_SELLER: Identity = { userId: BIG_SHOP_OWNER_ID, sellerId: BIG_SHOP_ID, roles: ['SELLER_STAFF'], access: OWNER_ACCESS };
/** The buyer who places orders in the placement workload. */
export const BENCH_BUYER: Identity = { userId: 'usr_bench_buyer', sellerId: null, roles: ['BUYER'] };

/** Re-sign internal contexts this often; they are valid for 60 s. */
const REFRESH_MS = 20_000;

/**
 * Client JWTs for our gateway (signed with the stack's client token issuer key), and gateway-style internal
 * contexts for direct subgraph calls and for Hive (which forwards the header as is), signed with the gateway's
 * own key as our gateway signs them. Internal contexts are re-signed in the background before they expire.
 */
export class BenchTokens {
  sellerToken = '';
  buyerToken = '';
  sellerInternal = '';
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clientTokenKey: SigningKey,
    private readonly internalSigningKey: SigningKey,
  ) {}

  async start(): Promise<void> {
    this.sellerToken = await signClientToken(BENCH_SELLER, this.clientTokenKey, '12h');
    this.buyerToken = await signClientToken(BENCH_BUYER, this.clientTokenKey, '12h');
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  private async refresh(): Promise<void> {
    this.sellerInternal = await signInternalContext(BENCH_SELLER, this.internalSigningKey);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
