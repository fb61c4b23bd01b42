import { requestContextStore } from '@sc/auth';
import { Clock } from '@sc/kit';
import { PromotionEntity } from './promotion.entity';
import { PromotionRepository } from './promotion.repository';
import { PromotionQueries } from './promotion.queries';
import { PromotionStatus } from './promotion-status';

/** A clock stopped at one instant, as tests substitute for the service's CLOCK. */
class FixedClock implements Clock {
  constructor(private readonly at: Date) {}

  now(): Date {
    return this.at;
  }
}

const promotion = (id: string, startsAt: string, endsAt: string): PromotionEntity => ({
  id,
  sellerId: 'shp_1',
  title: id,
  type: 'PRODUCT_DISCOUNT' as const,
  tiers: null,
  discountBasisPoints: 1000,
  startsAt: new Date(startsAt),
  endsAt: new Date(endsAt),
  deactivatedAt: null,
  version: 1,
  createdAt: new Date(startsAt),
  updatedAt: new Date(startsAt),
});

describe('PromotionQueries', () => {
  it('derives every status of a page from the injected clock, read once per request', async () => {
    const rows = [
      promotion('prm_0000000003aaaaaaaaaaaaaaaa', '2030-02-01T00:00:00Z', '2030-03-01T00:00:00Z'),
      promotion('prm_0000000002aaaaaaaaaaaaaaaa', '2030-01-01T00:00:00Z', '2030-02-01T00:00:00Z'),
      promotion('prm_0000000001aaaaaaaaaaaaaaaa', '2029-01-01T00:00:00Z', '2029-02-01T00:00:00Z'),
    ];
    const listForSeller = jest.fn().mockResolvedValue(rows);
    const clock = new FixedClock(new Date('2030-01-15T00:00:00Z'));
    const now = jest.spyOn(clock, 'now');
    const queries = new PromotionQueries({ listForSeller } as unknown as PromotionRepository, clock);
    const context = { identity: { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF' as const] }, correlationId: 'c', scoped: new Map() };

    const page = await requestContextStore.run(context, async () => {
      await queries.listForShop('shp_1', { first: 3 }, null);
      return queries.listForShop('shp_1', { first: 3 }, PromotionStatus.ONGOING);
    });

    expect(page.nodes.map((n) => n.status)).toEqual([PromotionStatus.NOT_START, PromotionStatus.ONGOING, PromotionStatus.EXPIRED]);
    expect(listForSeller).toHaveBeenLastCalledWith('shp_1', PromotionStatus.ONGOING, new Date('2030-01-15T00:00:00Z'), 3, null);
    expect(now).toHaveBeenCalledTimes(1);
  });
});
