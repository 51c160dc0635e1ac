/** The document model shared by the core, the renderer, export and search (see document.model.ts). */
export * from './template.schema';
export * from './validate-template';
export * from './document.model';
export * from './rich-text';
export * from './validate-content';
export * from './limits';
