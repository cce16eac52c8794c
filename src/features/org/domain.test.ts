import { describe, expect, it } from 'vitest';
import { personProblems, splitTerritoryCell, territoryCell, territoryProblems, type PersonDraft } from './domain';

const east = { id: 't1', nameZh: '华东区', nameEn: 'East' };
const rep = (p: Partial<PersonDraft> = {}): PersonDraft => ({
  nameZh: '李娜',
  nameEn: 'Li Na',
  email: null,
  role: 'rep',
  territoryId: 't1',
  leads: [],
  ...p,
});

describe('territoryProblems', () => {
  it('wants both names, unique in either language ignoring case, without the leads separator', () => {
    expect(territoryProblems({ nameZh: '华西区', nameEn: 'West' }, [east])).toEqual([]);
    expect(territoryProblems({ nameZh: ' ', nameEn: 'West' }, [east])).toEqual([{ field: 'nameZh', reason: 'required: the Chinese name' }]);
    expect(territoryProblems({ nameZh: '东区', nameEn: 'EAST' }, [east])).toEqual([
      { field: 'nameEn', reason: 'another territory is already called EAST' },
    ]);
    expect(territoryProblems({ id: 't1', nameZh: '华东区', nameEn: 'East' }, [east])).toEqual([]);
    expect(territoryProblems({ nameZh: '华东;华南', nameEn: 'EastSouth' }, [east])[0]!.reason).toMatch(/cannot contain ";"/);
  });
});

describe('personProblems', () => {
  const ids = new Set(['t1', 't2']);
  it('a rep works exactly one known territory', () => {
    expect(personProblems(rep(), [], ids)).toEqual([]);
    expect(personProblems(rep({ territoryId: null }), [], ids)).toEqual([
      { field: 'territory', reason: 'required for a rep: the territory they work' },
    ]);
    expect(personProblems(rep({ territoryId: 'tx' }), [], ids)).toEqual([{ field: 'territory', reason: 'unknown territory' }]);
  });
  it('a manager leads any number of known territories; other roles have none', () => {
    expect(personProblems(rep({ role: 'manager', territoryId: null, leads: ['t1', 't2'] }), [], ids)).toEqual([]);
    expect(personProblems(rep({ role: 'manager', territoryId: null, leads: ['t1', 't1'] }), [], ids)[0]!.reason).toBe(
      'the same territory is named twice',
    );
    expect(personProblems(rep({ role: 'finance', territoryId: null, leads: ['t1'] }), [], ids)[0]!.field).toBe('territory');
    expect(personProblems(rep({ role: 'admin', territoryId: null }), [], ids)).toEqual([]);
  });
  it('checks the email and keeps it unique ignoring case', () => {
    expect(personProblems(rep({ email: 'li@x' }), [], ids)).toEqual([
      { field: 'email', reason: 'not an email address (like name@example.com)' },
    ]);
    expect(personProblems(rep({ email: 'LI@x.cn' }), [{ id: 'p2', email: 'li@x.cn' }], ids)).toEqual([
      { field: 'email', reason: 'another person already has this email' },
    ]);
    expect(personProblems(rep({ id: 'p2', email: 'LI@x.cn' }), [{ id: 'p2', email: 'li@x.cn' }], ids)).toEqual([]);
  });
});

describe('the Territory cell', () => {
  it("holds a rep's territory or a manager's list, and splits back", () => {
    const name = (id: string) => ({ t1: 'East', t2: 'West' })[id]!;
    expect(territoryCell({ role: 'rep', territoryId: 't1', leads: [] }, name)).toBe('East');
    expect(territoryCell({ role: 'manager', territoryId: null, leads: ['t1', 't2'] }, name)).toBe('East; West');
    expect(splitTerritoryCell(' East ;West; ')).toEqual(['East', 'West']);
  });
});
