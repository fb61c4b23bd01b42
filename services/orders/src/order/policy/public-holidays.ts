/**
 * Public holidays per region as local dates (YYYY-MM-DD in the region's zone): configuration, extended
 * year by year without touching the deadline code. US: federal holidays as observed (a Saturday holiday is
 * taken on the Friday before, a Sunday one on the Monday after), domain §C.3 15.
 * SG: none listed yet; its working-day rule counts weekends, and its lunar-calendar holidays are published
 * yearly by the Ministry of Manpower, to be added here when the SEA policy is confirmed.
 */
export const PUBLIC_HOLIDAYS: Readonly<Record<'US' | 'SG', readonly string[]>> = {
  US: [
    '2026-01-01',
    '2026-01-19',
    '2026-02-16',
    '2026-05-25',
    '2026-06-19',
    '2026-07-03',
    '2026-09-07',
    '2026-10-12',
    '2026-11-11',
    '2026-11-26',
    '2026-12-25',
    '2027-01-01',
    '2027-01-18',
    '2027-02-15',
    '2027-05-31',
    '2027-06-18',
    '2027-07-05',
    '2027-09-06',
    '2027-10-11',
    '2027-11-11',
    '2027-11-25',
    '2027-12-24',
    '2027-12-31',
    '2028-01-17',
    '2028-02-21',
    '2028-05-29',
    '2028-06-19',
    '2028-07-04',
    '2028-09-04',
    '2028-10-09',
    '2028-11-10',
    '2028-11-23',
    '2028-12-25',
  ],
  SG: [],
};
