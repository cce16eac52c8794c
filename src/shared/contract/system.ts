import * as z from 'zod';
import { channel, zEmpty, zFileToken, zOk } from './define';
import { isTimeZone } from '../bookTime';

// Channels every platform provides: app info, jobs (progress/cancel), files, settings.
export const zJobStatus = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled', 'unknown']),
  done: z.number(),
  total: z.number(),
  label: z.string(),
});

export const zSettings = z.object({
  locale: z.enum(['zh-CN', 'en']),
  moneyWan: z.boolean(),
  backupKeep: z.number().int().min(1).max(365),
  /** The book's time zone: "today" everywhere is the calendar date there. */
  timeZone: z.string().refine(isTimeZone, { message: 'not a time zone this app knows (e.g. Asia/Shanghai)' }),
});
export type Settings = z.infer<typeof zSettings>;

export const zFileRef = z.object({ token: zFileToken, name: z.string() }).strict();
export type FileRef = z.infer<typeof zFileRef>;

export const systemContract = {
  'app:info': channel(
    zEmpty,
    z.object({
      version: z.string(),
      schemaVersion: z.number(),
      dbPath: z.string(),
      platform: z.enum(['electron', 'web', 'cli', 'test']),
    }),
  ),
  'jobs:status': channel(z.object({ jobId: z.string().uuid() }).strict(), zJobStatus),
  'jobs:cancel': channel(z.object({ jobId: z.string().uuid() }).strict(), zOk),
  'settings:get': channel(zEmpty, zSettings),
  'settings:update': channel(zSettings.partial().strict(), zSettings),
  /** Asks the platform for a file to read (Electron: an open dialog). Null when cancelled. */
  'files:pickOpen': channel(
    z.object({ purpose: z.enum(['import', 'restore', 'book']), extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(10) }).strict(),
    zFileRef.nullable(),
  ),
  /** Asks the platform where to write a file (Electron: a save dialog). Null when cancelled. */
  'files:pickSave': channel(
    z
      .object({
        suggestedName: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[^/\\:*?"<>|]+$/),
      })
      .strict(),
    zFileRef.nullable(),
  ),
  'backup:list': channel(zEmpty, z.array(z.object({ name: z.string(), size: z.number(), createdAt: z.string() }))),
  'backup:create': channel(zEmpty, z.object({ name: z.string() })),
  'backup:restore': channel(z.object({ name: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/) }).strict(), zOk),
  'changes:forRow': channel(
    z.object({ rowId: z.string().uuid(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        table: z.string(),
        op: z.string(),
        changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
      }),
    ),
  ),
} as const;

export { zFileToken };
