import { describe, expect, it } from 'vitest';
import { roleEnum } from '@/db/schema/users';
import { can, permissions, roleHome } from '@/lib/permissions';

describe('permissions table', () => {
  it('gives every role a home page', () => {
    for (const role of roleEnum.enumValues) expect(roleHome[role]).toMatch(/^\//);
  });

  it('describes every permission and names only real roles', () => {
    for (const [name, p] of Object.entries(permissions)) {
      expect(p.description.length, name).toBeGreaterThan(5);
      for (const r of p.roles) expect(roleEnum.enumValues).toContain(r);
    }
  });

  it('keeps referral with prosecutors and account management with admins only', () => {
    expect(roleEnum.enumValues.filter((r) => can(r, 'case.refer'))).toEqual(['prosecutor']);
    expect(roleEnum.enumValues.filter((r) => can(r, 'user.manage'))).toEqual(['admin']);
    expect(can('volunteer', 'case.transition')).toBe(false);
    expect(can('participant', 'case.list')).toBe(false);
  });
});
