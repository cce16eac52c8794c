/** What a screen is narrowed to: one territory, one rep, or (neither given) the whole book. */
export type Scope = { territoryId?: string; ownerId?: string };
