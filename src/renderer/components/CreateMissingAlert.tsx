import type { ReactNode } from 'react';
import { Alert, Space, Switch, Tag } from 'antd';

/**
 * What an import's file names that the book lacks (territories, reps, customers), with the
 * switch that creates them in the import's own write (the CLI's --create-missing). The
 * accounts import preview and the invoice import's refusal show the same.
 */
export function CreateMissingAlert({
  on,
  onChange,
  message,
  items,
  switchLabel,
  note,
}: {
  on: boolean;
  onChange(on: boolean): void;
  /** Says what is missing (switch off) or what will be created (switch on). */
  message: string;
  /** Each thing to create, labelled in the UI's language. */
  items: string[];
  switchLabel: string;
  note?: ReactNode;
}) {
  return (
    <Alert
      type={on ? 'success' : 'warning'}
      showIcon
      data-testid="import-missing"
      message={message}
      description={
        <Space direction="vertical">
          <Space wrap size={[4, 4]}>
            {items.map((label) => (
              <Tag key={label}>{label}</Tag>
            ))}
          </Space>
          {note}
          <Space>
            <Switch checked={on} data-testid="import-create-missing" onChange={onChange} />
            {switchLabel}
          </Space>
        </Space>
      }
    />
  );
}
