import {
  DEFAULT_ROLES,
  GRANTABLE_PERMISSIONS,
  NO_ACCESS,
  OWNER_ACCESS,
  allows,
  parsePermission,
  staffAccessFromClaim,
  unionOfPermissions,
} from './permissions';

describe('staff permissions', () => {
  it('lets the owner do everything, owner-only areas included', () => {
    expect(allows(OWNER_ACCESS, 'STAFF:EDIT')).toBe(true);
    expect(allows(OWNER_ACCESS, 'SHOP_PROFILE:EDIT')).toBe(true);
    expect(allows(OWNER_ACCESS, 'ORDERS:EDIT')).toBe(true);
  });

  it('refuses everything to a member without access, and to an identity without an access claim', () => {
    expect(allows(NO_ACCESS, 'ORDERS:VIEW')).toBe(false);
    expect(allows(undefined, 'ORDERS:VIEW')).toBe(false);
  });

  it('lets EDIT cover VIEW of the same module only', () => {
    const access = { owner: false, permissions: unionOfPermissions([['ORDERS:EDIT']]) };
    expect(allows(access, 'ORDERS:VIEW')).toBe(true);
    expect(allows(access, 'ORDERS:EDIT')).toBe(true);
    expect(allows(access, 'RETURNS:VIEW')).toBe(false);
  });

  it('never grants owner-only areas through a role, not even Admin', () => {
    const admin = { owner: false, permissions: unionOfPermissions([DEFAULT_ROLES.ADMIN.permissions, ['STAFF:EDIT', 'SHOP_PROFILE:VIEW']]) };
    expect(allows(admin, 'STAFF:VIEW')).toBe(false);
    expect(allows(admin, 'SHOP_PROFILE:EDIT')).toBe(false);
    expect(allows(admin, 'PROMOTIONS:EDIT')).toBe(true);
    expect(GRANTABLE_PERMISSIONS.some((p) => p.startsWith('STAFF:') || p.startsWith('SHOP_PROFILE:'))).toBe(false);
  });

  it("unions several roles' permissions into one normalised set", () => {
    const union = unionOfPermissions([DEFAULT_ROLES.CUSTOMER_SERVICE.permissions, DEFAULT_ROLES.MARKETING.permissions, ['ORDERS:EDIT', 'BOGUS:EDIT']]);
    expect(union).toEqual(['PRODUCTS:VIEW', 'ORDERS:EDIT', 'RETURNS:VIEW', 'INQUIRIES:EDIT', 'PROMOTIONS:EDIT', 'ADS:EDIT', 'CREATORS:EDIT']);
  });

  it('gives Customer Service what the issue asks: view orders, reply to inquiries, view returns, and no price or refund edits', () => {
    const cs = { owner: false, permissions: DEFAULT_ROLES.CUSTOMER_SERVICE.permissions };
    expect(allows(cs, 'ORDERS:VIEW')).toBe(true);
    expect(allows(cs, 'INQUIRIES:EDIT')).toBe(true);
    expect(allows(cs, 'RETURNS:VIEW')).toBe(true);
    expect(allows(cs, 'PRODUCTS:EDIT')).toBe(false);
    expect(allows(cs, 'RETURNS:EDIT')).toBe(false);
  });

  it('parses only grantable permissions and well-formed access claims', () => {
    expect(parsePermission('ORDERS:VIEW')).toBe('ORDERS:VIEW');
    expect(parsePermission('STAFF:EDIT')).toBeNull();
    expect(parsePermission('orders:view')).toBeNull();
    expect(staffAccessFromClaim({ owner: false, permissions: ['ORDERS:VIEW', 'ORDERS:VIEW', 7] })).toEqual({ owner: false, permissions: ['ORDERS:VIEW'] });
    expect(staffAccessFromClaim({ owner: 'yes', permissions: [] })).toBeUndefined();
    expect(staffAccessFromClaim(undefined)).toBeUndefined();
  });
});
