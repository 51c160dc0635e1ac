import { useEffect } from 'react';
import { assertNever } from '../../../common/errors';
import { AssistantView } from '../features/assistant/components/AssistantView';
import { AuditView } from '../features/audit/components/AuditView';
import { DocumentsRoute } from '../features/editor/components/DocumentsRoute';
import { TemplateGallery } from '../features/editor/components/TemplateGallery';
import { ModelsView } from '../features/models/components/ModelsView';
import { PolicyView } from '../features/policy/components/PolicyView';
import { SettingsView } from '../features/settings/components/SettingsView';
import { useStore } from '../store';
import { focusSectionHeading, takeHeadingFocusRequest } from './navigation';
import type { SectionId } from './sections';

function SectionView({ section }: { section: SectionId }) {
  switch (section) {
    case 'documents':
      return <DocumentsRoute />;
    case 'templates':
      return <TemplateGallery />;
    case 'assistant':
      return <AssistantView />;
    case 'audit':
      return <AuditView />;
    case 'models':
      return <ModelsView />;
    case 'settings':
      return <SettingsView />;
    case 'policy':
      return <PolicyView />;
    default:
      return assertNever(section, 'section');
  }
}

export function SectionOutlet() {
  const section = useStore((s) => s.section);
  useEffect(() => {
    if (takeHeadingFocusRequest()) focusSectionHeading();
  }, [section]);
  return <SectionView key={section} section={section} />;
}
