import type { ReactNode } from 'react';
import { Button, Space } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';

/**
 * "Done — Undo": a success message that stays ten seconds with an undo link beside what was
 * done (an import, a delete, grades applied). The link closes the message, then undoes.
 */
export function showUndoable(
  message: MessageInstance,
  opts: { key: string; content: ReactNode; undoLabel: string; undoTestId: string; onUndo(): void },
): void {
  message.open({
    key: opts.key,
    type: 'success',
    duration: 10,
    content: (
      <Space>
        {opts.content}
        <Button
          size="small"
          type="link"
          data-testid={opts.undoTestId}
          onClick={() => {
            message.destroy(opts.key);
            opts.onUndo();
          }}
        >
          {opts.undoLabel}
        </Button>
      </Space>
    ),
  });
}
