import { describe, expect, it } from 'vitest';
import { pipelineMessages } from '../../pipeline/ui/messages';
import { conflictFieldLabel, conflictValueText } from './conflictFields';

// The conflicts list names fields as the features do, in the UI's language, and shows money in yuan.

const tIn = (lang: 'zh-CN' | 'en') => (key: string) => {
  const [ns, path] = key.split(':') as [string, string];
  expect(ns).toBe('pipeline');
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], pipelineMessages[lang]) as string;
};

describe('conflict fields', () => {
  it('labels account and opportunity columns in the UI language; an unnamed column stays as it is', () => {
    expect(conflictFieldLabel(tIn('zh-CN'), 'zh-CN', 'accounts', 'receivable_fen')).toBe('应收余额');
    expect(conflictFieldLabel(tIn('en'), 'en', 'accounts', 'receivable_fen')).toBe('Receivable balance');
    expect(conflictFieldLabel(tIn('zh-CN'), 'zh-CN', 'accounts', 'city')).toBe('城市');
    expect(conflictFieldLabel(tIn('zh-CN'), 'zh-CN', 'opportunities', 'amount_fen')).toBe('金额');
    expect(conflictFieldLabel(tIn('en'), 'en', 'opportunities', 'expected_close')).toBe('Expected close');
    expect(conflictFieldLabel(tIn('zh-CN'), 'zh-CN', 'rcv_credit_control', 'limit_fen')).toBe('limit_fen');
  });

  it('shows money columns (integer fen) as yuan, other values as they are', () => {
    expect(conflictValueText('zh-CN', 'receivable_fen', 1234567)).toBe('¥12,345.67');
    expect(conflictValueText('en', 'amount_fen', -50)).toBe('-¥0.50');
    expect(conflictValueText('zh-CN', 'city', '苏州')).toBe('苏州');
    expect(conflictValueText('zh-CN', 'city', null)).toBe('—');
    expect(conflictValueText('zh-CN', 'grade', { a: 1 })).toBe('{"a":1}');
    // With the app's formatter (万 on): money goes through it, other values do not.
    const wan = (fen: number) => `万:${fen}`;
    expect(conflictValueText('zh-CN', 'receivable_fen', 1234567, wan)).toBe('万:1234567');
    expect(conflictValueText('zh-CN', 'city', '苏州', wan)).toBe('苏州');
  });
});
