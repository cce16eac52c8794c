import { describe, expect, it } from 'vitest';
import { DEFAULT_VISIT_SETTINGS, listFirstContacts, planVisits, workingDaysOf, type PlanAccount } from './visitPlan';

const acc = (id: string, grade: PlanAccount['grade'], city: string | null, value = 0): PlanAccount => ({
  id,
  name: `Account ${id}`,
  city,
  grade,
  value,
});
const contactsOf = (plan: ReturnType<typeof planVisits>, id: string) =>
  plan.days.flatMap((d) => d.groups.flatMap((g) => g.contacts.filter((c) => c.accountId === id).map((c) => ({ ...c, date: d.date }))));

describe('workingDaysOf', () => {
  it('lists Monday to Friday of the month', () => {
    const days = workingDaysOf('2026-11'); // 1 Nov 2026 is a Sunday
    expect(days.length).toBe(21);
    expect(days[0]).toBe('2026-11-02');
    expect(days.at(-1)).toBe('2026-11-30');
    expect(days).not.toContain('2026-11-07');
    expect(workingDaysOf('2026-02').length).toBe(20);
    expect(() => workingDaysOf('2026-13')).toThrow(RangeError);
  });
});

describe('planVisits', () => {
  it('gives A three visits with the first in week 1, B two, C one phone call', () => {
    const plan = planVisits('2026-11', [
      acc('a', 'A', '上海', 100),
      acc('b', 'B', '杭州', 50),
      acc('c', 'C', '南京', 10),
      acc('d', 'D', '南京'),
    ]);
    const a = contactsOf(plan, 'a');
    expect(a.map((c) => c.n)).toEqual([1, 2, 3]);
    expect(a.every((c) => c.mode === 'visit')).toBe(true);
    expect(a[0]!.date <= '2026-11-06').toBe(true); // week 1 = the first five working days
    expect(new Set(a.map((c) => c.date)).size).toBe(3);
    expect(contactsOf(plan, 'b').length).toBe(2);
    expect(contactsOf(plan, 'c')).toMatchObject([{ mode: 'call', n: 1, of: 1 }]);
    expect(contactsOf(plan, 'd')).toEqual([]);
    expect(plan.visits).toBe(5);
    expect(plan.calls).toBe(1);
    expect(plan.byGrade.find((g) => g.grade === 'A')).toMatchObject({ accounts: 1, perAccount: 3, contacts: 3, mode: 'visit' });
    // 5 visits / 4 a day + 1 call / 12 a day = 1.33 → 1.3 days of 21
    expect(plan.daysNeeded).toBe(1.3);
    expect(plan.overloaded).toBe(false);
  });

  it('puts B and C visits on the day a trip already goes to their city', () => {
    const s = { ...DEFAULT_VISIT_SETTINGS, byPhone: { A: false, B: false, C: false, D: true } };
    const plan = planVisits(
      '2026-11',
      [acc('a1', 'A', '上海', 100), acc('a2', 'A', '杭州', 90), acc('b1', 'B', '杭州', 50), acc('c1', 'C', '上海', 5)],
      s,
    );
    const aDays = new Set(contactsOf(plan, 'a2').map((c) => c.date));
    for (const c of contactsOf(plan, 'b1')) expect(aDays.has(c.date)).toBe(true);
    const shanghaiDays = new Set(contactsOf(plan, 'a1').map((c) => c.date));
    expect(shanghaiDays.has(contactsOf(plan, 'c1')[0]!.date)).toBe(true);
    // On such a day the group for the city holds the A account and its neighbour.
    const day = plan.days.find((d) => d.date === contactsOf(plan, 'b1')[0]!.date)!;
    expect(
      day.groups
        .find((g) => g.city === '杭州')!
        .contacts.map((c) => c.accountId)
        .sort(),
    ).toEqual(['a2', 'b1']);
  });

  it('flags overload when the visits need more days than the month has', () => {
    const many = Array.from({ length: 30 }, (_, i) => acc(`a${i}`, 'A', `City ${i % 3}`, 100 - i));
    const plan = planVisits('2026-11', many); // 90 visits at 4 a day = 22.5 days > 21
    expect(plan.daysNeeded).toBe(22.5);
    expect(plan.overloaded).toBe(true);
    expect(plan.overloadedDays).toBeGreaterThan(0);
    // Week 1 holds 30 first visits for 20 slots: those days are flagged.
    expect(plan.days.slice(0, 5).some((d) => d.overloaded)).toBe(true);
    const lighter = planVisits('2026-11', many, { ...DEFAULT_VISIT_SETTINGS, visitsPerDay: 6 });
    expect(lighter.daysNeeded).toBe(15);
    expect(lighter.overloaded).toBe(false);
  });
});

describe('listFirstContacts (the plan screen of a rep with more accounts than a month holds)', () => {
  // 3,000 B accounts in two cities and 1,000 C calls: every day far over its 4 visits and 12 calls.
  const many = [
    ...Array.from({ length: 3000 }, (_, i) => acc(`b${i}`, 'B', i % 2 ? '上海' : '杭州', i)),
    ...Array.from({ length: 1000 }, (_, i) => acc(`c${i}`, 'C', '苏州', i)),
  ];
  const plan = planVisits('2026-11', many);

  it("lists each day's first contacts, trips then calls, counts the rest, and keeps the day's totals", () => {
    const listed = listFirstContacts(plan, 40);
    for (const [i, d] of listed.days.entries()) {
      const whole = plan.days[i]!;
      const all = whole.groups.flatMap((g) => g.contacts);
      const shown = d.groups.flatMap((g) => g.contacts);
      expect(shown).toEqual(all.slice(0, 40));
      expect(d.hidden).toBe(all.length - shown.length);
      expect([d.visits, d.calls, d.overloaded]).toEqual([whole.visits, whole.calls, whole.overloaded]);
      expect(d.groups.every((g) => g.contacts.length > 0)).toBe(true);
    }
    expect(listed.days.reduce((n, d) => n + d.hidden, 0)).toBe(3000 * 2 + 1000 - 40 * listed.days.length);
    expect([listed.visits, listed.calls, listed.daysNeeded]).toEqual([plan.visits, plan.calls, plan.daysNeeded]);
  });

  it('leaves a day within the limit whole, with nothing hidden', () => {
    const small = planVisits('2026-11', [acc('a', 'A', '上海', 100), acc('c', 'C', null, 1)]);
    const listed = listFirstContacts(small, 40);
    expect(listed.days.map((d) => d.groups)).toEqual(small.days.map((d) => d.groups));
    expect(listed.days.every((d) => d.hidden === 0)).toBe(true);
  });
});
