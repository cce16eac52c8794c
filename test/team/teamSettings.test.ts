import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../src/platform/context';
import { bookClock } from '../../src/platform/context';
import type { Settings } from '../../src/shared/contract/system';
import type { ParetoSettings } from '../../src/features/pareto/contract';
import type { TeamStatus } from '../../src/features/team/contract';
import { readBookIdentity } from '../../src/platform/bookIdentity';
import { logChange } from '../../src/platform/db/changeLog';
import { AppError } from '../../src/shared/errors';
import { call, EAST, PEOPLE, startDesktopTeam, syncOk, type DesktopTeam } from './desktopTeam';

// The team's settings travel as changes (issue 21 follow-up): the method's configuration the
// admin sets (Pareto thresholds, the book's time zone, …) reaches every member's book at their
// next sync; each person's own preferences (language, money in 万) and the book's identity stay
// in their book; a member who is not the admin cannot change the team's settings.

let team: DesktopTeam;
let wang: ServerContext;
let li: ServerContext;

beforeAll(async () => {
  team = await startDesktopTeam();
  wang = await team.join('wang');
  li = await team.join('li');
}, 180_000);
afterAll(async () => {
  await team?.stop();
});

const sync = syncOk;
const settings = (ctx: ServerContext) => call<Settings>(ctx, 'settings:get');
const pareto = (ctx: ServerContext) => call<ParetoSettings>(ctx, 'pareto:settings');
const status = (ctx: ServerContext) => call<TeamStatus>(ctx, 'team:status');
/** How many accounts of the rep's territory fall in each class with the book's saved thresholds. */
const classCounts = async (ctx: ServerContext) => {
  const s = await pareto(ctx);
  const a = await call<{ composition: { cls: string; accounts: number }[] }>(ctx, 'pareto:analyze', {
    params: { measure: s.measure, a: s.a, b: s.b, territoryId: EAST },
    maxBars: 10,
  });
  return Object.fromEntries(a.composition.map((c) => [c.cls, c.accounts]));
};

describe('joining', () => {
  it("a member's new book is their own: not marked as the demo the admin's book is, in their own language", async () => {
    expect(readBookIdentity(team.admin.db).demo).toBe(true);
    expect(readBookIdentity(wang.db).demo).toBe(false);
    await call(team.admin, 'settings:update', { locale: 'en', moneyWan: true });
    await sync(team.admin);
    await sync(wang);
    expect(await settings(wang)).toMatchObject({ locale: 'zh-CN', moneyWan: false });
  });
});

describe("the admin's team settings reach every member", () => {
  it('Pareto thresholds: after a sync the rep grades by them', async () => {
    const before = await classCounts(wang);
    expect(await pareto(wang)).toMatchObject({ a: 55, b: 85 });
    await call(team.admin, 'pareto:saveSettings', { a: 80, b: 95 });
    expect((await status(team.admin)).pending).toBe(1);
    await sync(team.admin);
    expect((await status(team.admin)).pending).toBe(0);

    expect(await pareto(wang)).toMatchObject({ a: 55, b: 85 }); // not pulled yet
    await sync(wang);
    expect(await pareto(wang)).toMatchObject({ a: 80, b: 95 });
    const after = await classCounts(wang);
    expect(after.A).toBeGreaterThan(before.A!);
    expect(after.A! + after.B! + after.C!).toBe(before.A! + before.B! + before.C!);
  });

  it("the time zone: the rep's today is the date in the team's zone; the rep's language stays theirs", async () => {
    await call(wang, 'settings:update', { locale: 'en' });
    // 2026-11-25 20:00 UTC is already the 26th in Shanghai, still the 25th in New York.
    const evening = bookClock(wang.db, () => new Date('2026-11-25T20:00:00.000Z'));
    expect((await settings(wang)).timeZone).toBe('Asia/Shanghai');
    expect(evening.today()).toBe('2026-11-26');

    await call(team.admin, 'settings:update', { timeZone: 'America/New_York', locale: 'zh-CN' });
    await sync(team.admin);
    await sync(wang);
    expect(await settings(wang)).toMatchObject({ timeZone: 'America/New_York', locale: 'en', moneyWan: false });
    expect(evening.today()).toBe('2026-11-25');
    expect(await settings(team.admin)).toMatchObject({ timeZone: 'America/New_York', locale: 'zh-CN', moneyWan: true });
    // Nothing of the rep's own preferences went to the server: li's book keeps its defaults.
    await sync(li);
    expect(await settings(li)).toMatchObject({ timeZone: 'America/New_York', locale: 'zh-CN', moneyWan: false });
  });
});

describe('a member who is not the admin', () => {
  it('is refused a change of a team setting up front, and nothing is pushed', async () => {
    const err = await call(wang, 'pareto:saveSettings', { a: 60, b: 70 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'forbidden', message: expect.stringContaining("Only the team's admin") });
    await expect(call(wang, 'settings:update', { timeZone: 'Europe/Berlin' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(wang, 'pipeline:settings', { stallDays: 10 })).rejects.toMatchObject({ code: 'forbidden' });
    // The sales stages are the team's too.
    type Stage = { id: string; nameZh: string; nameEn: string; probabilityBp: number };
    const active = (await call<{ id: string; active: boolean; stages: Stage[] }[]>(wang, 'pipeline:stageModels')).find((m) => m.active)!;
    const input = (nameZh: (st: Stage) => string) => ({
      modelId: active.id,
      stages: active.stages.map((st) => ({ id: st.id, nameZh: nameZh(st), nameEn: st.nameEn, probabilityBp: st.probabilityBp })),
      removed: [],
    });
    await expect(
      call(
        wang,
        'pipeline:saveStages',
        input((st) => `${st.nameZh}改`),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // So is the organisation: territories and people (a manager edits people; a rep neither).
    await expect(call(wang, 'org:saveTerritory', { nameZh: '新区域', nameEn: 'New' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call(wang, 'org:setActive', { id: PEOPLE.li.id, active: false })).rejects.toMatchObject({ code: 'forbidden' });
    // The same input is valid: the admin's book takes it (only the role refused it above).
    await call(
      team.admin,
      'pipeline:saveStages',
      input((st) => st.nameZh),
    );
    expect(await pareto(wang)).toMatchObject({ a: 80, b: 95 });
    expect((await settings(wang)).timeZone).toBe('America/New_York');
    expect((await status(wang)).pending).toBe(0);
    // Their own preferences they change as before.
    await call(wang, 'settings:update', { moneyWan: true });
    expect((await settings(wang)).moneyWan).toBe(true);
    expect((await status(wang)).pending).toBe(0);
  });

  it('a change that reaches the server anyway (a book of an earlier version) is refused there and taken back', async () => {
    // What an earlier version wrote: the row and its change_log entry, with no check of the role.
    const before = wang.db.prepare("SELECT value FROM settings WHERE key = 'pareto'").pluck().get() as string;
    const mine = JSON.stringify({ ...(JSON.parse(before) as ParetoSettings), a: 60, b: 70 });
    wang.db.transaction(() => {
      wang.db.prepare("UPDATE settings SET value = ?, version = version + 1 WHERE key = 'pareto'").run(mine);
      logChange(wang, 'settings', 'pareto', 'update', { value: [before, mine] });
    })();
    expect(await pareto(wang)).toMatchObject({ a: 60, b: 70 });
    await sync(wang);
    expect(await pareto(wang)).toMatchObject({ a: 80, b: 95 });
    // Taken back in the rep's book; nothing stays pending (the server lists no conflict for a
    // change the person may not make: it is refused, not lost to someone else's edit).
    expect((await status(wang)).pending).toBe(0);
    await sync(li);
    await sync(team.admin);
    expect(await pareto(li)).toMatchObject({ a: 80, b: 95 });
    expect(await pareto(team.admin)).toMatchObject({ a: 80, b: 95 });
  });
});

describe('finance', () => {
  it('saves new provision rates (receivables rows finance writes, which reach the reps) but not the ladder, a team setting', async () => {
    const finance = await team.join('finance');
    type Rcv = { settings: { bounds: number[]; ratesBp: number[]; ladderFromDays: number[]; provisionBasis?: string } };
    const current = (await call<Rcv>(finance, 'receivables:settings')).settings;
    const ratesBp = current.ratesBp.map((bp) => Math.min(bp + 50, 10_000));
    await call(finance, 'receivables:saveSettings', { ...current, ratesBp, effectiveFrom: '2026-11-01' });
    await expect(
      call(finance, 'receivables:saveSettings', { ...current, ratesBp, ladderFromDays: current.ladderFromDays.map((d) => d + 1) }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await sync(finance);
    expect((await status(finance)).pending).toBe(0);
    await sync(team.admin);
    const admin = await call<Rcv>(team.admin, 'receivables:settings');
    expect(admin.settings).toMatchObject({ ratesBp, ladderFromDays: current.ladderFromDays });
    // The rates in force are team-wide rows a rep sees too: their aging provisions at the team's rates.
    await sync(wang);
    expect((await call<Rcv>(wang, 'receivables:settings')).settings.ratesBp).toEqual(ratesBp);
  });
});

describe('a team made before the split', () => {
  it("a member joining takes the team's time zone from the old shared row, not the admin's language or demo mark", async () => {
    // What an earlier version uploaded: the admin's preferences with the zone, and the book's identity.
    const old = { locale: 'en', moneyWan: true, backupKeep: 3, timeZone: 'Asia/Tokyo' };
    await team.pool.query(
      "UPDATE rows SET data = jsonb_set(data, '{value}', to_jsonb($1::text)) WHERE table_name = 'settings' AND id = 'app'",
      [JSON.stringify(old)],
    );
    await team.pool.query(
      `INSERT INTO rows (table_name, id, family, territory_id, data, deleted_at, position)
       VALUES ('settings', 'book', 'settings', NULL, $1, NULL, 0)`,
      [
        {
          key: 'book',
          value: JSON.stringify({ companyName: '演示公司', demo: true }),
          created_at: '2026-11-01T00:00:00.000Z',
          updated_at: '2026-11-01T00:00:00.000Z',
          version: 1,
        },
      ],
    );
    const zhang = await team.join('zhang');
    expect(await settings(zhang)).toEqual({ locale: 'zh-CN', moneyWan: false, backupKeep: 14, timeZone: 'Asia/Tokyo' });
    expect(readBookIdentity(zhang.db)).toEqual({ companyName: '', demo: false });
    // The admin's next change of the zone replaces the old row for everyone.
    await call(team.admin, 'settings:update', { timeZone: 'Europe/Berlin' });
    await sync(team.admin);
    await sync(zhang);
    expect(await settings(zhang)).toEqual({ locale: 'zh-CN', moneyWan: false, backupKeep: 14, timeZone: 'Europe/Berlin' });
  });
});
