export { createDocumentService, contentHash, isLocked, type DocumentService } from './document.service';
export {
  loadTemplates,
  loadTemplateFile,
  type TemplateRegistry,
  type LoadedTemplate,
} from './template-registry';
export { documentChannelHandlers } from './documents.handlers';
