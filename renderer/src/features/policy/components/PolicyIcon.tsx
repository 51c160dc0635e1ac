import type { SVGProps } from 'react';

/** The Policy section's icon (a rule sheet with checks), drawn like the icons in ui/icons.tsx. */
export function PolicyIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <rect x="4.5" y="4" width="15" height="17" rx="2" />
      <path d="M9 4V2.8h6V4" />
      <path d="M8 10.5l1.5 1.5 2.5-2.5M8 16l1.5 1.5 2.5-2.5M14.5 11h2M14.5 16.5h2" />
    </svg>
  );
}
