import { Component, Suspense, type ReactNode } from 'react';
import { antdIsland } from '../components/antdIsland';

// Loaded when a page throws: the frame holds no Ant Design of its own (components/firstScreen.ts).
const ErrorNotice = antdIsland(() => import('./ErrorNotice').then((m) => m.ErrorNotice));

/** A page that throws shows its error instead of blanking the whole window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error)
      return (
        <Suspense fallback={<div style={{ margin: 24 }}>Error / 出错了: {this.state.error.message}</div>}>
          <ErrorNotice message={this.state.error.message} />
        </Suspense>
      );
    return this.props.children;
  }
}
