import * as z from 'zod';
import { channel, zFileToken, zId, zImportError, zJobId, zOk } from '../../shared/contract/define';
import { EMAIL_MAX, NAME_MAX, ROLES } from './domain';

// The organisation: territories and the people of the team, edited in Settings and
// carried in and out by the `org` workbook (sheets Territories and People).

const zName = z.string().trim().max(NAME_MAX);

export const zTerritory = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), version: z.number() });
export const zPerson = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  territoryId: z.string().nullable(),
  leads: z.array(z.string()),
  active: z.boolean(),
  version: z.number(),
});
export type OrgPerson = z.infer<typeof zPerson>;
export type OrgTerritory = z.infer<typeof zTerritory>;

/** A rejected cell of the org workbook: which sheet, then the usual row/column/value/reason. */
export const zOrgImportError = zImportError.extend({ sheet: z.string() });
export type OrgImportError = z.infer<typeof zOrgImportError>;

/** A territory, rep or (invoice import) customer an import created (or would create) because the file names it. */
export const zCreated = z.object({ kind: z.enum(['territory', 'rep', 'account']), name: z.string(), territory: z.string().nullable() });
/** The import's switch: create the territories and reps the file names that the book lacks. */
export const zCreateMissing = z.boolean().default(false);

const zCounts = z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() });

export const orgContract = {
  'org:get': channel(z.object({}).strict(), z.object({ territories: z.array(zTerritory), people: z.array(zPerson) })),
  'org:saveTerritory': channel(z.object({ id: zId.optional(), nameZh: zName, nameEn: zName }).strict(), z.object({ id: z.string() })),
  'org:savePerson': channel(
    z
      .object({
        id: zId.optional(),
        nameZh: zName,
        nameEn: zName,
        email: z.string().trim().max(EMAIL_MAX).nullable().default(null),
        role: z.enum(ROLES),
        territoryId: zId.nullable().default(null),
        leads: z.array(zId).max(500).default([]),
      })
      .strict(),
    z.object({ id: z.string() }),
  ),
  'org:setActive': channel(z.object({ id: zId, active: z.boolean() }).strict(), zOk),
  'org:import': channel(z.object({ file: zFileToken, jobId: zJobId }).strict(), z.object({ territories: zCounts, people: zCounts }), {
    long: true,
  }),
  'org:export': channel(z.object({ file: zFileToken, jobId: zJobId }).strict(), z.object({ territories: z.number(), people: z.number() }), {
    long: true,
  }),
} as const;
