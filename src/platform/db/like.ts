// SQL LIKE with the text taken as typed: % and _ (and the escape character) match
// themselves, not any run or any character. Use `${column} ${LIKE}` with a bound pattern.

export const LIKE = `LIKE ? ESCAPE '\\'`;

/** The text with LIKE's wildcards escaped (for LIKE ... ESCAPE '\'). */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A bound LIKE pattern for "contains the text". */
export const containsPattern = (s: string): string => `%${likeEscape(s)}%`;
