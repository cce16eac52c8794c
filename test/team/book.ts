import type { CreateTeamRequest } from '../../src/features/team/protocol';

// A small desktop book to upload as a team: two territories (East, West), a rep in each, a
// manager leading East, finance and a trainer; an account, a contact and receivables in each.

const meta = { created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z', version: 1, deleted_at: null };
const person = (id: string, role: string, territory: string | null, email: string) => ({
  id,
  territory_id: territory,
  name_zh: id,
  name_en: id,
  email,
  role,
  deactivated_at: null,
  ...meta,
});

export const PEOPLE = {
  admin: { id: 'p-admin', email: 'admin@team.cn' },
  repEast: { id: 'p-rep-east', email: 'east@team.cn' },
  repWest: { id: 'p-rep-west', email: 'west@team.cn' },
  managerEast: { id: 'p-mgr-east', email: 'mgr@team.cn' },
  finance: { id: 'p-fin', email: 'fin@team.cn' },
  trainer: { id: 'p-trainer', email: 'trainer@team.cn' },
} as const;

/** A rep who left: deactivated in the book. */
export const LEFT = { id: 'p-left', email: 'left@team.cn' } as const;

export const ADMIN_PASSWORD = 'admin-password-1';

export function teamBook(): CreateTeamRequest {
  const account = (id: string, territory: string, name: string) => ({
    id,
    territory_id: territory,
    owner_id: territory === 'T-east' ? PEOPLE.repEast.id : PEOPLE.repWest.id,
    name,
    city: null,
    phone: null,
    grade: 'B',
    receivable_fen: 0,
    ...meta,
  });
  return {
    admin: { email: PEOPLE.admin.email, password: ADMIN_PASSWORD },
    people: [...Object.values(PEOPLE), LEFT].map((p) => ({ id: p.id, email: p.email })),
    snapshot: {
      tables: {
        territories: [
          { id: 'T-east', name_zh: '华东', name_en: 'East', ...meta },
          { id: 'T-west', name_zh: '华西', name_en: 'West', ...meta },
        ],
        reps: [
          person(PEOPLE.admin.id, 'admin', null, PEOPLE.admin.email),
          person(PEOPLE.repEast.id, 'rep', 'T-east', PEOPLE.repEast.email),
          person(PEOPLE.repWest.id, 'rep', 'T-west', PEOPLE.repWest.email),
          person(PEOPLE.managerEast.id, 'manager', null, PEOPLE.managerEast.email),
          person(PEOPLE.finance.id, 'finance', null, PEOPLE.finance.email),
          person(PEOPLE.trainer.id, 'trainer', null, PEOPLE.trainer.email),
          { ...person(LEFT.id, 'rep', 'T-east', LEFT.email), deactivated_at: '2026-10-01T00:00:00.000Z' },
        ],
        manager_territories: [{ id: 'mt-1', person_id: PEOPLE.managerEast.id, territory_id: 'T-east', ...meta }],
        accounts: [account('acc-east', 'T-east', '东方机械'), account('acc-west', 'T-west', '西部电气')],
        contacts: [
          { id: 'con-east', account_id: 'acc-east', territory_id: 'T-east', name: '张三', ...meta },
          { id: 'con-west', account_id: 'acc-west', territory_id: 'T-west', name: '李四', ...meta },
        ],
        opportunities: [
          { id: 'opp-west', territory_id: 'T-west', account_id: 'acc-west', owner_id: PEOPLE.repWest.id, name: '西部扩容', ...meta },
        ],
        negotiation_worksheets: [{ id: 'ws-west', name: '西部谈判', opportunity_id: 'opp-west', ...meta }],
        rcv_invoices: [
          {
            id: 'inv-east',
            invoice_no: 'INV-E-1',
            account_id: 'acc-east',
            territory_id: 'T-east',
            invoice_date: '2026-11-01',
            due_date: '2026-12-01',
            amount_fen: 1_000_000,
            ...meta,
          },
          {
            id: 'inv-west',
            invoice_no: 'INV-W-1',
            account_id: 'acc-west',
            territory_id: 'T-west',
            invoice_date: '2026-11-01',
            due_date: '2026-12-01',
            amount_fen: 500_000,
            ...meta,
          },
        ],
        stages: [{ id: 'st-1', model_id: 'sm-1', name: '初步接触', ...meta }],
        training_sessions: [{ id: 'ts-1', name: '谈判训练', session_date: '2026-11-20', ...meta }],
      },
    },
  };
}
