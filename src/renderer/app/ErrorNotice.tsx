import { Alert } from 'antd';

/** What ErrorBoundary shows for a page that threw. An Alert, not a Result: Result's illustrations are heavy. */
export function ErrorNotice({ message }: { message: string }) {
  return <Alert type="error" showIcon style={{ margin: 24 }} title="Error / 出错了" description={message} />;
}
