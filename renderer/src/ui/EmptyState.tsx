import type { ReactNode } from 'react';

/** An honest "nothing here yet": what is missing, why, and what to do about it. */
export function EmptyState(props: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className="empty-state" aria-label={props.title}>
      <div className="empty-state-icon">{props.icon}</div>
      <h2 className="empty-state-title">{props.title}</h2>
      {props.children && <div className="empty-state-body">{props.children}</div>}
      {props.action && <div className="empty-state-action">{props.action}</div>}
    </section>
  );
}
