import { describe, expect, it } from 'vitest';
import { numberSnapshotEvents } from './eventOrder';

// Two books that moved one opportunity offline each made event seq 2; every book numbers the
// events it receives by (date, id), so all books and any snapshot agree on one order.

describe('numberSnapshotEvents', () => {
  it('numbers each opportunity’s events 1..n by date, then id, whatever seq they came with', () => {
    const rows = [
      { id: '019b-0003', opportunity_id: 'o1', date: '2026-11-20', seq: 2 },
      { id: '019b-0002', opportunity_id: 'o1', date: '2026-11-20', seq: 2 },
      { id: '019b-0009', opportunity_id: 'o1', date: '2026-11-01', seq: 1 },
      { id: '019b-0001', opportunity_id: 'o2', date: '2026-11-05', seq: 1 },
    ];
    expect(numberSnapshotEvents(rows).map((r) => [r.opportunity_id, r.id, r.seq])).toEqual([
      ['o1', '019b-0009', 1],
      ['o1', '019b-0002', 2],
      ['o1', '019b-0003', 3],
      ['o2', '019b-0001', 1],
    ]);
  });
});
