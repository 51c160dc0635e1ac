import type { ReactNode } from 'react';

export const SECTION_HEADING_ID = 'section-heading';

/** Every section's frame: one h1 (focus lands here on keyboard navigation), a line of context, actions. */
export function SectionPage(props: {
  title: string;
  description: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="section">
      <header className="section-header">
        <div className="section-header-text">
          <h1 id={SECTION_HEADING_ID} tabIndex={-1}>
            {props.title}
          </h1>
          <p className="section-description">{props.description}</p>
        </div>
        {props.actions && <div className="section-actions">{props.actions}</div>}
      </header>
      <div className="section-body">{props.children}</div>
    </div>
  );
}
