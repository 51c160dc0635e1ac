import type { ExportDocument, Paragraph } from './export-model';
import { meaningLabel } from './export-model';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function para(p: Paragraph): string {
  const inner = p.runs
    .map((r) => {
      let t = esc(r.text).replace(/\n/g, '<br>');
      if (r.bold) t = `<strong>${t}</strong>`;
      if (r.italic) t = `<em>${t}</em>`;
      return r.ai ? `<span class="ai">${t}</span>` : t;
    })
    .join('');
  if (p.style === 'bullet' || p.style === 'ordered') return `<p class="li">• ${inner}</p>`;
  if (p.style.startsWith('h')) return `<h4>${inner}</h4>`;
  if (p.style === 'quote') return `<blockquote>${inner}</blockquote>`;
  if (p.style === 'code') return `<pre>${inner}</pre>`;
  return `<p>${inner}</p>`;
}

function table(columns: string[], rows: string[][]): string {
  return `<table><thead><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/**
 * The print view as one self-contained HTML page (no scripts, no external resources): what
 * Electron's printToPDF renders, and the layout pdf.ts reproduces. Every value is escaped.
 */
export function renderPrintHtml(doc: ExportDocument): string {
  const body: string[] = [
    `<h1>${esc(doc.title)}</h1>`,
    `<p class="facts">${esc(`${doc.templateName} · ${doc.classification.toUpperCase()} · version ${doc.version} · ${doc.updatedAt}`)}</p>`,
  ];
  for (const section of doc.sections) {
    if (section.title) body.push(`<h2>${esc(section.title)}</h2>`);
    for (const block of section.blocks) {
      if (block.kind === 'field')
        body.push(`<p><strong>${esc(block.label)}:</strong> ${esc(block.text)}</p>`);
      if (block.kind === 'rich') {
        if (block.label) body.push(`<h3>${esc(block.label)}</h3>`);
        body.push(...block.paragraphs.map(para));
      }
      if (block.kind === 'table') {
        body.push(`<h3>${esc(block.label)}</h3>`, table(block.columns, block.rows));
        if (block.overall) body.push(`<p><strong>Overall: ${block.overall}</strong></p>`);
      }
      if (block.kind === 'checklist') {
        body.push(`<h3>${esc(block.label)}</h3>`);
        body.push(...block.items.map((i) => `<p class="li">[${i.checked ? 'x' : ' '}] ${esc(i.label)}</p>`));
      }
    }
  }
  body.push('<h2>Signatures</h2>');
  body.push(
    doc.signatures.length === 0
      ? '<p class="facts">Not signed.</p>'
      : table(
          ['Meaning', 'Name', 'Date and time', 'Version'],
          doc.signatures.map((s) => [meaningLabel[s.meaning], s.name, s.at, String(s.version)]),
        ),
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>
@page { size: A4; margin: 20mm; }
body { font: 10pt "Noto Sans CJK SC", "Noto Sans", sans-serif; color: #000; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 12pt 0 4pt; } h3, h4 { font-size: 11pt; margin: 8pt 0 2pt; }
.facts { color: #595959; font-size: 9pt; } .li { margin-left: 12pt; } .ai { background: #eef4ff; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; } th, td { border: 0.5pt solid #999; padding: 3pt; text-align: left; }
</style></head><body>${body.join('\n')}</body></html>`;
}
