import { describe, expect, it } from 'vitest';
import type { MessageInstance } from 'antd/es/message/interface';
import { lateMessages } from './lateMessages';

const fakeApi = (log: string[]) => ({ error: (m: string) => log.push(`error:${m}`) }) as unknown as MessageInstance;

describe('lateMessages', () => {
  it('holds a message asked for before the API arrives and shows it, in order, once it does', () => {
    const log: string[] = [];
    const messages = lateMessages();
    messages.show((m) => void m.error('first'));
    messages.show((m) => void m.error('second'));
    expect(log).toEqual([]);
    messages.set(fakeApi(log));
    expect(log).toEqual(['error:first', 'error:second']);
    messages.show((m) => void m.error('third'));
    expect(log).toEqual(['error:first', 'error:second', 'error:third']);
  });
});
