import { Component, type ReactNode } from 'react';

/** A part of the page that fails to render says so and offers a retry, instead of blanking the app. */
export class ErrorBoundary extends Component<{ children: ReactNode; label: string }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) { return { error }; }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error" role="alert" data-testid="render-error">
        {this.props.label}: {this.state.error.message}{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>↻</button>
      </div>
    );
  }
}
