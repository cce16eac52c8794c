// The accounts' rules, as pure functions. The grid's saves (server/handlers.ts), the
// spreadsheet import (server/import.ts), the field list (fields.ts) and the contract's
// schemas (contract.ts) all take them from here, so an account is held to one set of rules
// however it arrives.

/** The longest text each account field keeps, in characters (the contract, the import and the fields list check these). */
export const ACCOUNT_TEXT_MAX = {
  name: 200,
  nameEn: 200,
  industry: 100,
  city: 100,
  size: 100,
  nature: 100,
  productsInUse: 1000,
  notes: 20000,
} as const;

const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An account's ID as an export writes it (a UUID, any case); the import matches rows to accounts by it. */
export function isAccountId(text: string): boolean {
  return ACCOUNT_ID.test(text.trim());
}

/** Money an account holds is never empty: an empty cell is 0 fen. */
export function moneyOrZero(fen: number | null | undefined): number {
  return fen ?? 0;
}

/**
 * Where an account's grade came from: typed in the grid ('manual') or given by an import
 * ('import'); a Pareto grading sets its own. A cleared grade has no source.
 */
export function gradeSource(grade: string | null | undefined, by: 'manual' | 'import'): 'manual' | 'import' | null {
  return grade ? by : null;
}

/**
 * Moving an account to another territory without naming an owner keeps its owner only when
 * they work in the new territory; otherwise the account is left without one.
 */
export function ownerAfterMove(owner: { id: string; territoryId: string | null } | null, territoryId: string): string | null {
  return owner && owner.territoryId === territoryId ? owner.id : null;
}

/** A deactivated rep keeps the accounts they own but is given no new one. */
export function mayOwn(rep: { id: string; active: boolean }, currentOwnerId: string | null | undefined): boolean {
  return rep.active || rep.id === currentOwnerId;
}
