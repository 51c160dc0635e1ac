import { SECTION_HEADING_ID } from '../ui/SectionPage';
import { sectionHref, type SectionId } from './sections';

let focusHeadingAfterRender = false;

/**
 * Goes to a section by changing the URL hash (the store follows `hashchange`). With
 * `focusHeading`, focus moves to the new section's h1 once it has rendered, so keyboard and
 * screen-reader users land where the content starts.
 */
export function goToSection(section: SectionId, options: { focusHeading?: boolean } = {}): void {
  const href = sectionHref(section);
  if (window.location.hash === href) {
    if (options.focusHeading) focusSectionHeading();
    return;
  }
  focusHeadingAfterRender = options.focusHeading ?? false;
  window.location.hash = href;
}

/**
 * Asks for the section heading to take focus the next time a section renders (after the vault
 * gate opens the frame, focus would otherwise be lost with the unlock form).
 */
export function requestHeadingFocus(): void {
  focusHeadingAfterRender = true;
}

/** Called by the section outlet after a section has rendered. */
export function takeHeadingFocusRequest(): boolean {
  const requested = focusHeadingAfterRender;
  focusHeadingAfterRender = false;
  return requested;
}

export function focusSectionHeading(): void {
  document.getElementById(SECTION_HEADING_ID)?.focus();
}
