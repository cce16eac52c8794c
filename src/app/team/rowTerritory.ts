import type { RowData, SyncedTable } from '../../features/team/protocol';

/**
 * The territory a row belongs to, from its own column, its parent's territory (looked up by
 * `parentTerritory`), or none. Team-wide rows (none, or a parent without one) return null.
 */
export async function rowTerritory(
  spec: SyncedTable,
  data: RowData,
  parentTerritory: (table: string, id: string) => Promise<string | null>,
): Promise<string | null> {
  if (spec.territory === 'none') return null;
  if (spec.territory === 'own') {
    const territory = data[spec.territoryColumn ?? 'territory_id'];
    return typeof territory === 'string' ? territory : null;
  }
  const parentId = data[spec.territory.column];
  return typeof parentId === 'string' ? parentTerritory(spec.territory.via, parentId) : null;
}
