import { Component, type ReactNode } from 'react';
import { Alert } from 'antd';

/** A page that throws shows its error instead of blanking the whole window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    // An Alert, not a Result: Result's illustrations would weigh on every screen's first download.
    if (this.state.error)
      return <Alert type="error" showIcon style={{ margin: 24 }} title="Error / 出错了" description={this.state.error.message} />;
    return this.props.children;
  }
}
