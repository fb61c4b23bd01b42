import { DEFAULT_ROLES } from '@sc/auth';
import { newId } from '@sc/db';
import { checkEmail, checkPermissions, checkRoleName, checkRoleRefs, normaliseEmail, validateUpdateStaffRole } from './staff.validation';
import { permissionsOfRoles } from './staff-roles.catalogue';

const fields = (problems: Array<{ field: string }>) => problems.map((p) => p.field);

describe('staff input validation', () => {
  it('normalises and accepts ordinary email addresses', () => {
    expect(normaliseEmail('  Ana.Lima@Example.COM ')).toBe('ana.lima@example.com');
    for (const email of ['a@b.co', 'ana+cs@shop.example.com', ' Ana@Example.com ']) expect(checkEmail('email', email)).toEqual([]);
  });

  it.each([
    ['', 'email'],
    ['ana', 'email'],
    ['ana@', 'email'],
    ['@example.com', 'email'],
    ['ana@example', 'email'],
    ['ana lima@example.com', 'email'],
    ['ana@@example.com', 'email'],
    ['.ana@example.com', 'email'],
    ['ana@example..com', 'email'],
    [`${'a'.repeat(65)}@example.com`, 'email'],
    [`a@${'b'.repeat(250)}.com`, 'email'],
    ['ana\u0000@example.com', 'email'],
    ['ana\uD800@example.com', 'email'],
  ])('refuses %j', (email, field) => {
    expect(fields(checkEmail('email', email))).toEqual([field]);
  });

  it('takes 1 to 10 distinct, well-formed role references', () => {
    expect(checkRoleRefs('roles', ['CUSTOMER_SERVICE', newId('rol')])).toEqual([]);
    expect(fields(checkRoleRefs('roles', []))).toEqual(['roles']);
    expect(
      fields(
        checkRoleRefs(
          'roles',
          Array.from({ length: 11 }, () => newId('rol')),
        ),
      ),
    ).toEqual(['roles']);
    expect(fields(checkRoleRefs('roles', ['OWNER', 'customer_service', 'rol_x', 'ADMIN']))).toEqual(['roles[0]', 'roles[1]', 'roles[2]']);
    expect(fields(checkRoleRefs('roles', ['ADMIN', 'ADMIN']))).toEqual(['roles']);
  });

  it('refuses role names that are empty, too long or a default role', () => {
    expect(checkRoleName('name', 'Warehouse team')).toEqual([]);
    for (const name of ['', '   ', 'x'.repeat(61), 'Admin', 'customer service', 'CUSTOMER_SERVICE', 'Owner']) {
      expect(fields(checkRoleName('name', name))).toEqual(['name']);
    }
  });

  it('grants only seller-center modules, never the owner-only ones', () => {
    expect(checkPermissions('permissions', ['ORDERS:VIEW', 'INQUIRIES:EDIT'])).toEqual([]);
    expect(fields(checkPermissions('permissions', []))).toEqual(['permissions']);
    const problems = checkPermissions('permissions', ['ORDERS:VIEW', 'STAFF:EDIT', 'SHOP_PROFILE:VIEW', 'ORDERS:DELETE', 'orders:view', 'NOPE']);
    expect(fields(problems)).toEqual(['permissions[1]', 'permissions[2]', 'permissions[3]', 'permissions[4]', 'permissions[5]']);
    expect(problems[0].message).toMatch(/only the owner/);
  });

  it('needs a name or permissions to update a role', () => {
    expect(fields(validateUpdateStaffRole({ roleId: newId('rol'), idempotencyKey: 'key-12345678' }))).toEqual(['name']);
    expect(validateUpdateStaffRole({ roleId: newId('rol'), name: 'Packers', idempotencyKey: 'key-12345678' })).toEqual([]);
    expect(fields(validateUpdateStaffRole({ roleId: 'stf_1', permissions: [], idempotencyKey: 'short' }))).toEqual(['roleId', 'idempotencyKey', 'permissions']);
  });

  it('unions the permissions of default and custom roles, EDIT covering VIEW', () => {
    const packers = newId('rol');
    expect(permissionsOfRoles(['CUSTOMER_SERVICE', packers], new Map([[packers, ['ORDERS:EDIT', 'INVENTORY:VIEW']]]))).toEqual([
      'PRODUCTS:VIEW',
      'INVENTORY:VIEW',
      'ORDERS:EDIT',
      'RETURNS:VIEW',
      'INQUIRIES:EDIT',
    ]);
    expect(permissionsOfRoles(['ADMIN'], new Map())).toEqual(DEFAULT_ROLES.ADMIN.permissions);
    expect(permissionsOfRoles([newId('rol')], new Map())).toEqual([]);
  });
});
