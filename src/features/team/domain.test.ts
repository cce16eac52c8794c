import { describe, expect, it } from 'vitest';
import { allocationProblem, followerChanges, mergeChange, type ServerRow } from './domain';

const opts = { appendOnly: false, idColumn: 'id', rowId: 'acc1' };
const row = (data: Record<string, unknown>, deletedAt: string | null = null): ServerRow => ({
  data: { id: 'acc1', version: 3, ...data },
  deletedAt,
});

describe('merge rules of the team server', () => {
  it('an insert makes the row with the server-kept columns; a second insert of the id is rejected', () => {
    const d = mergeChange({ personId: 'A', op: 'insert', changes: { name: [null, '甲'] }, at: 't1' }, null, [], opts);
    expect(d).toEqual({
      outcome: 'applied',
      applied: { name: [null, '甲'] },
      next: { data: { id: 'acc1', name: '甲', created_at: 't1', updated_at: 't1', version: 1 }, deletedAt: null },
      conflicts: [],
    });
    const again = mergeChange({ personId: 'A', op: 'insert', changes: { name: [null, '甲'] }, at: 't1' }, row({ name: '甲' }), [], opts);
    expect(again).toEqual({ outcome: 'rejected', reason: 'exists' });
  });

  it('different fields both land, with no conflict', () => {
    const d = mergeChange(
      { personId: 'A', op: 'update', changes: { phone: ['1', '2'] }, at: 't2' },
      row({ phone: '1', city: 'B-city' }),
      [{ personId: 'B', position: 7, op: 'update', fields: ['city'] }],
      opts,
    );
    expect(d.outcome).toBe('applied');
    if (d.outcome !== 'applied') return;
    expect(d.next.data).toMatchObject({ phone: '2', city: 'B-city', version: 4, updated_at: 't2' });
    expect(d.conflicts).toEqual([]);
  });

  it('the same field: the later change wins and the overwritten person gets a same-field conflict', () => {
    const d = mergeChange(
      { personId: 'A', op: 'update', changes: { phone: ['1', 'A-phone'] }, at: 't2' },
      row({ phone: 'B-phone' }),
      [{ personId: 'B', position: 7, op: 'update', fields: ['phone'] }],
      opts,
    );
    expect(d).toMatchObject({
      outcome: 'applied',
      applied: { phone: ['B-phone', 'A-phone'] },
      conflicts: [{ personId: 'B', field: 'phone', kind: 'same-field', mine: 'B-phone', theirs: 'A-phone' }],
    });
  });

  it('my own earlier change to the field is no conflict', () => {
    const d = mergeChange(
      { personId: 'A', op: 'update', changes: { phone: ['2', '3'] }, at: 't2' },
      row({ phone: '2' }),
      [{ personId: 'A', position: 7, op: 'update', fields: ['phone'] }],
      opts,
    );
    expect(d).toMatchObject({ outcome: 'applied', conflicts: [] });
  });

  it('an edit of a deleted row is not applied and listed for the editor', () => {
    const d = mergeChange(
      { personId: 'A', op: 'update', changes: { phone: ['1', '2'] }, at: 't2' },
      row({ phone: '1', deleted_at: 't1' }, 't1'),
      [],
      opts,
    );
    expect(d).toEqual({
      outcome: 'conflict',
      conflicts: [{ personId: 'A', field: 'phone', kind: 'edit-on-deleted', mine: '2', theirs: null }],
    });
  });

  it('a delete after another person edited applies, and that person is told', () => {
    const d = mergeChange(
      { personId: 'A', op: 'delete', changes: { deleted_at: [null, 't3'] }, at: 't3' },
      row({ phone: 'B-phone' }),
      [{ personId: 'B', position: 9, op: 'update', fields: ['phone'] }],
      opts,
    );
    expect(d).toMatchObject({
      outcome: 'applied',
      applied: { deleted_at: [null, 't3'] },
      next: { deletedAt: 't3' },
      conflicts: [{ personId: 'B', field: null, kind: 'edit-on-deleted', mine: { phone: 'B-phone' }, theirs: null }],
    });
  });

  it('append-only tables take inserts and voids, never edits', () => {
    const ao = { ...opts, appendOnly: true };
    expect(mergeChange({ personId: 'A', op: 'update', changes: { amount_fen: [1, 2] }, at: 't' }, row({ amount_fen: 1 }), [], ao)).toEqual({
      outcome: 'rejected',
      reason: 'append-only',
    });
    expect(mergeChange({ personId: 'A', op: 'delete', changes: { deleted_at: [null, 't'] }, at: 't' }, row({}), [], ao).outcome).toBe(
      'applied',
    );
  });

  it('restore brings a deleted row back', () => {
    const d = mergeChange(
      { personId: 'A', op: 'restore', changes: { deleted_at: ['t1', null] }, at: 't2' },
      row({ deleted_at: 't1' }, 't1'),
      [],
      opts,
    );
    expect(d).toMatchObject({ outcome: 'applied', next: { deletedAt: null, data: { deleted_at: null } } });
  });
});

describe('allocation invariant', () => {
  const base = { invoiceAmount: 10_000, invoiceAllocated: 6_000, paymentAmount: 50_000, paymentAllocated: 0 };
  it('accepts up to the outstanding amount, refuses one fen more', () => {
    expect(allocationProblem({ ...base, amount: 4_000 })).toBeNull();
    expect(allocationProblem({ ...base, amount: 4_001 })).toMatch(/over-allocated: the invoice has 4000 fen outstanding/);
  });
  it('refuses more than the payment has left', () => {
    expect(allocationProblem({ ...base, paymentAmount: 3_000, amount: 3_001 })).toMatch(/payment has 3000 fen left/);
  });
});

describe('followerChanges (a row that goes where its parent goes)', () => {
  it('moves the territory; an open deal takes the account’s new owner, a closed one keeps its own', () => {
    expect(followerChanges('contacts', { territory_id: 'E', name: 'x' }, 'W', 'rep-w')).toEqual({ territory_id: ['E', 'W'] });
    expect(followerChanges('opportunities', { territory_id: 'E', status: 'open', owner_id: 'rep-e' }, 'W', 'rep-w')).toEqual({
      territory_id: ['E', 'W'],
      owner_id: ['rep-e', 'rep-w'],
    });
    expect(followerChanges('opportunities', { territory_id: 'E', status: 'won', owner_id: 'rep-e' }, 'W', 'rep-w')).toEqual({
      territory_id: ['E', 'W'],
    });
  });
  it('an account without an owner leaves the deal’s owner to be named; a row already there changes nothing', () => {
    expect(followerChanges('opportunities', { territory_id: 'E', status: 'open', owner_id: 'rep-e' }, 'W', null)).toEqual({
      territory_id: ['E', 'W'],
    });
    expect(followerChanges('contacts', { territory_id: 'W' }, 'W', null)).toEqual({});
  });
});
