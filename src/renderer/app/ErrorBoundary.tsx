import { Component, type ReactNode } from 'react';
import { Result } from 'antd';

/** A page that throws shows its error instead of blanking the whole window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error) return <Result status="error" title="Error / 出错了" subTitle={this.state.error.message} />;
    return this.props.children;
  }
}
