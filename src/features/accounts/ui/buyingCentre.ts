import type { Contact } from '../contract';
import { vocab } from '../../../shared/vocab';

/** Buying roles × levels, each cell the contacts in it; empty cells are people not met yet. */
export function buyingCentre(contacts: Contact[]): { role: string; level: string; contacts: Contact[] }[] {
  const cells: { role: string; level: string; contacts: Contact[] }[] = [];
  for (const role of vocab.buyingRole) {
    for (const level of vocab.level) {
      cells.push({
        role: role.key,
        level: level.key,
        contacts: contacts.filter((c) => c.buyingRole === role.key && c.level === level.key),
      });
    }
  }
  return cells;
}
