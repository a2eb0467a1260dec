import type { ReactNode } from 'react';

export interface CardProps {
  title?: ReactNode;
  /** Buttons and selectors at the right of the title. */
  actions?: ReactNode;
  footer?: ReactNode;
  /** No padding: for tables and feeds that run to the edges. */
  flush?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Card({ title, actions, footer, flush, className, testId, children }: CardProps) {
  return (
    <section
      className={`card ${className ?? ''}`}
      data-testid={testId}
      aria-label={typeof title === 'string' ? title : undefined}
    >
      {(title || actions) && (
        <header className="card-head">
          {typeof title === 'string' ? <h2>{title}</h2> : title}
          {actions}
        </header>
      )}
      <div className={flush ? 'card-body flush' : 'card-body'}>{children}</div>
      {footer && <footer className="card-foot muted">{footer}</footer>}
    </section>
  );
}
