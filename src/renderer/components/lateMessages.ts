import type { MessageInstance } from 'antd/es/message/interface';

/**
 * Ant Design's messages for code that runs before Ant Design has loaded: the accounts grid's
 * callbacks (./firstScreen.ts). A message asked for before the API is there is shown once it is.
 */
export interface LateMessages {
  /** Given by the island that holds the API (its App.useApp()). */
  set(api: MessageInstance): void;
  show(fn: (api: MessageInstance) => void): void;
}

export function lateMessages(): LateMessages {
  let api: MessageInstance | null = null;
  const waiting: ((api: MessageInstance) => void)[] = [];
  return {
    set(next) {
      api = next;
      for (const fn of waiting.splice(0)) fn(next);
    },
    show(fn) {
      if (api) fn(api);
      else waiting.push(fn);
    },
  };
}
