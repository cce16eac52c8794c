/** What a screen is narrowed to: one territory, one rep, or (neither given) the whole book. */
export type Scope = { territoryId?: string; ownerId?: string };

/** The scope a link names (…?territoryId=…&ownerId=…), keys in that order. */
export function scopeOfLink(params: URLSearchParams): Scope {
  const territoryId = params.get('territoryId');
  const ownerId = params.get('ownerId');
  return { ...(territoryId ? { territoryId } : {}), ...(ownerId ? { ownerId } : {}) };
}
