import type { ExportDocument, Paragraph } from './export-model';
import { meaningLabel } from './export-model';

/** YAML scalars are always double-quoted and escaped, so no value can break the front matter. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** Markdown's inline syntax characters are escaped in user text. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function paragraph(p: Paragraph, index: number): string {
  const text = p.runs
    .map((r) => {
      let t = escapeInline(r.text).replace(/\n/g, '  \n');
      if (r.bold) t = `**${t}**`;
      if (r.italic) t = `*${t}*`;
      return t;
    })
    .join('');
  switch (p.style) {
    case 'h1':
      return `#### ${text}`;
    case 'h2':
    case 'h3':
      return `##### ${text}`;
    case 'bullet':
      return `- ${text}`;
    case 'ordered':
      return `${index + 1}. ${text}`;
    case 'quote':
      return `> ${text}`;
    case 'code':
      return `\`\`\`\n${p.runs.map((r) => r.text).join('')}\n\`\`\``;
    default:
      return text;
  }
}

function tableCell(text: string): string {
  return escapeInline(text).replace(/\n/g, '<br>');
}

/** CommonMark + GFM tables, with YAML front matter carrying metadata, signatures and AI provenance. */
export function renderMarkdown(doc: ExportDocument, exportedAt: string): string {
  const lines: string[] = ['---'];
  lines.push(`title: ${yamlString(doc.title)}`);
  lines.push(`id: ${yamlString(doc.id)}`);
  lines.push(`version: ${doc.version}`);
  lines.push(`template: ${yamlString(doc.templateId)}`);
  lines.push(`industry: ${yamlString(doc.industry)}`);
  lines.push(`classification: ${yamlString(doc.classification)}`);
  lines.push(`updated: ${yamlString(doc.updatedAt)}`);
  lines.push(`exported: ${yamlString(exportedAt)}`);
  if (doc.signatures.length > 0) {
    lines.push('signatures:');
    for (const s of doc.signatures)
      lines.push(
        `  - { name: ${yamlString(s.name)}, at: ${yamlString(s.at)}, meaning: ${s.meaning}, version: ${s.version} }`,
      );
  }
  if (doc.provenance.length > 0) {
    lines.push('ai_provenance:');
    for (const p of doc.provenance)
      lines.push(
        `  - { model: ${yamlString(p.model)}, pack_sha256: ${yamlString(p.packSha256)}, provider: ${yamlString(p.provider)}, at: ${yamlString(p.at)}${p.field ? `, field: ${yamlString(p.field)}` : ''} }`,
      );
  }
  lines.push('---', '', `# ${escapeInline(doc.title)}`, '');
  for (const section of doc.sections) {
    if (section.title) lines.push(`## ${escapeInline(section.title)}`, '');
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'field':
          lines.push(`**${escapeInline(block.label)}:** ${escapeInline(block.text)}`, '');
          break;
        case 'rich':
          if (block.label) lines.push(`### ${escapeInline(block.label)}`, '');
          block.paragraphs.forEach((p, i) => lines.push(paragraph(p, i), ''));
          break;
        case 'table':
          lines.push(`### ${escapeInline(block.label)}`, '');
          lines.push(`| ${block.columns.map(tableCell).join(' | ')} |`);
          lines.push(`| ${block.columns.map(() => '---').join(' | ')} |`);
          for (const row of block.rows) lines.push(`| ${row.map(tableCell).join(' | ')} |`);
          if (block.overall) lines.push('', `**Overall: ${block.overall}**`);
          lines.push('');
          break;
        case 'checklist':
          lines.push(`### ${escapeInline(block.label)}`, '');
          for (const item of block.items)
            lines.push(`- [${item.checked ? 'x' : ' '}] ${escapeInline(item.label)}`);
          lines.push('');
          break;
      }
    }
  }
  lines.push('## Signatures', '');
  if (doc.signatures.length === 0) lines.push('_Not signed._', '');
  for (const s of doc.signatures)
    lines.push(`- **${meaningLabel[s.meaning]}:** ${escapeInline(s.name)} — ${s.at} (version ${s.version})`);
  if (doc.signatures.length > 0) lines.push('');
  return lines.join('\n');
}
