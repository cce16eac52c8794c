import { describe, expect, it } from 'vitest';
import { ACCOUNT_TEXT_MAX, gradeSource, isAccountId, mayOwn, moneyOrZero, ownerAfterMove } from './domain';
import { accountFieldByKey } from './fields';
import { zAccountPatch } from './contract';

describe('accounts domain', () => {
  it('an account ID is a UUID as an export writes it, in any case, spaces around ignored', () => {
    expect(isAccountId('0190f5c4-7b7e-7c3a-9d4e-1a2b3c4d5e6f')).toBe(true);
    expect(isAccountId(' 0190F5C4-7B7E-7C3A-9D4E-1A2B3C4D5E6F ')).toBe(true);
    expect(isAccountId('0190f5c4-7b7e-7c3a-9d4e-1a2b3c4d5e6')).toBe(false);
    expect(isAccountId('A-001')).toBe(false);
    expect(isAccountId('')).toBe(false);
  });

  it('empty money is 0 fen; a value (negative profit too) is kept', () => {
    expect(moneyOrZero(null)).toBe(0);
    expect(moneyOrZero(undefined)).toBe(0);
    expect(moneyOrZero(-12_345)).toBe(-12_345);
  });

  it('a grade is manual from the grid, import from a file, and a cleared grade has no source', () => {
    expect(gradeSource('A', 'manual')).toBe('manual');
    expect(gradeSource('B', 'import')).toBe('import');
    expect(gradeSource(null, 'manual')).toBeNull();
    expect(gradeSource('', 'import')).toBeNull();
  });

  it('a move keeps the owner only where they work', () => {
    expect(ownerAfterMove({ id: 'r1', territoryId: 'east' }, 'east')).toBe('r1');
    expect(ownerAfterMove({ id: 'r1', territoryId: 'east' }, 'north')).toBeNull();
    expect(ownerAfterMove(null, 'north')).toBeNull();
  });

  it('a deactivated rep keeps what they own and gets nothing new', () => {
    expect(mayOwn({ id: 'r1', active: true }, null)).toBe(true);
    expect(mayOwn({ id: 'r1', active: false }, 'r1')).toBe(true);
    expect(mayOwn({ id: 'r1', active: false }, 'r2')).toBe(false);
    expect(mayOwn({ id: 'r1', active: false }, null)).toBe(false);
  });

  it('the field list and the contract hold texts to the same limits', () => {
    for (const [key, max] of Object.entries(ACCOUNT_TEXT_MAX)) {
      expect(accountFieldByKey.get(key)?.maxLength, key).toBe(max);
      const base = { name: 'x', territoryId: '0190f5c4-7b7e-7c3a-9d4e-1a2b3c4d5e6f' };
      expect(zAccountPatch.safeParse({ ...base, [key]: 'x'.repeat(max) }).success, `${key} at ${max}`).toBe(true);
      expect(zAccountPatch.safeParse({ ...base, [key]: 'x'.repeat(max + 1) }).success, `${key} over ${max}`).toBe(false);
    }
  });
});
