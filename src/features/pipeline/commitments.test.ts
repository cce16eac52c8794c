import { describe, expect, it } from 'vitest';
import { evaluateCommitment, commitmentsByRep } from './commitments';
import { index, FROM, TO, several, won, stalled, decreased, all } from './domainFixtures';

// Last week's commitments checked against the hand-built histories of ./domainFixtures.

describe('commitments', () => {
  const c = { id: 'c1', opportunityId: 'x', ownerId: 'rep1', reviewDate: FROM, step: 'Demo', dueDate: '2026-03-06', doneOn: null };

  it('is kept when the stage moved or it was won after the review, or it was marked done', () => {
    expect(evaluateCommitment(c, several.events, index, TO)).toEqual({ outcome: 'kept', keptBy: 'stageMoved', keptOn: '2026-03-03' });
    expect(evaluateCommitment(c, won.events, index, TO)).toMatchObject({ outcome: 'kept', keptBy: 'won' });
    expect(evaluateCommitment({ ...c, doneOn: '2026-03-05' }, stalled.events, index, TO)).toMatchObject({
      outcome: 'kept',
      keptBy: 'done',
    });
  });

  it('is not kept when due before the review and nothing happened; pending while not yet due', () => {
    expect(evaluateCommitment(c, stalled.events, index, TO).outcome).toBe('notKept');
    expect(evaluateCommitment({ ...c, dueDate: '2026-03-12' }, stalled.events, index, TO).outcome).toBe('pending');
    // An amount change is not the promised step.
    expect(evaluateCommitment(c, decreased.events, index, TO).outcome).toBe('notKept');
  });

  it('groups by rep', () => {
    const byRep = commitmentsByRep(
      [
        c,
        { ...c, id: 'c2', opportunityId: 'stalled', ownerId: 'rep2' },
        { ...c, id: 'c3', opportunityId: 'decreased', ownerId: 'rep2', dueDate: '2026-03-20' },
      ],
      (id) => (id === 'x' ? several.events : all.find((h) => h.id === id)!.events),
      index,
      TO,
    );
    expect(byRep.map((g) => [g.ownerId, g.kept, g.notKept, g.pending])).toEqual([
      ['rep1', 1, 0, 0],
      ['rep2', 0, 1, 1],
    ]);
  });
});
