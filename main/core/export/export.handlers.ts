import type { ParsedRequestOf, ReplyOf } from '../../../common/contract';
import { AuditedReply } from '../router/handlers';
import type { ExportService } from './export.service';

/**
 * `documents.export`: the result with the facts the audit entry records (format, document, bytes,
 * SHA-256 of the file). The router has already checked policy for this classification and format.
 */
export async function documentsExport(
  service: ExportService,
  request: ParsedRequestOf<'documents.export'>,
): Promise<AuditedReply<ReplyOf<'documents.export'>>> {
  const result = await service.export(request);
  return new AuditedReply(result, {
    format: result.format,
    documentId: request.documentId,
    ...(request.version !== undefined && { version: request.version }),
    bytes: result.bytes,
    sha256: result.sha256,
  });
}
