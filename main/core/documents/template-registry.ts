/**
 * Loads templates: the ones shipped in `templates/<industry>/<id>.json`, then the folder IT names
 * with the `TemplateDirectory` managed setting. Each file passes `validateTemplate`; a refused file
 * is reported (file and path of the mistake) and skipped, so one bad file never hides the others.
 * A managed template may replace a built-in one of the same id (IT's copy wins).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import {
  formatTemplateProblems,
  validateTemplate,
  type Template,
  type TemplateProblem,
} from '../../../common/documents';

export type TemplateSource = 'builtin' | 'managed';

export interface LoadedTemplate {
  template: Template;
  source: TemplateSource;
  file: string;
}

export interface TemplateLoadProblem {
  /** The file, relative to its folder (never an absolute path: it reaches the renderer). */
  file: string;
  message: string;
  problems: TemplateProblem[];
}

export interface TemplateRegistry {
  list(): LoadedTemplate[];
  get(id: string): LoadedTemplate | undefined;
  problems(): TemplateLoadProblem[];
}

/** The largest template file read: a template is a few KB; anything bigger is not one. */
const MAX_TEMPLATE_BYTES = 512 * 1024;

async function jsonFiles(dir: string, depth = 0): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < 2) files.push(...(await jsonFiles(path, depth + 1)));
    else if (entry.isFile() && entry.name.endsWith('.json')) files.push(path);
  }
  return files;
}

/** Reads and validates one template file. */
export async function loadTemplateFile(
  path: string,
  root: string,
): Promise<{ ok: true; template: Template } | { ok: false; problem: TemplateLoadProblem }> {
  const file = relative(root, path) || basename(path);
  const refuse = (message: string, problems: TemplateProblem[] = []) =>
    ({ ok: false, problem: { file, message, problems } }) as const;
  try {
    if ((await stat(path)).size > MAX_TEMPLATE_BYTES)
      return refuse(`larger than ${MAX_TEMPLATE_BYTES / 1024} KB`);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      return refuse(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const result = validateTemplate(json);
    if (!result.ok) return refuse(formatTemplateProblems(result.problems), result.problems);
    return { ok: true, template: result.template };
  } catch (error) {
    return refuse(`cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function loadTemplates(options: {
  builtinDir: string;
  managedDir?: string | undefined;
}): Promise<TemplateRegistry> {
  const byId = new Map<string, LoadedTemplate>();
  const problems: TemplateLoadProblem[] = [];
  const sources: Array<[string | undefined, TemplateSource]> = [
    [options.builtinDir, 'builtin'],
    [options.managedDir, 'managed'],
  ];
  for (const [dir, source] of sources) {
    if (!dir) continue;
    for (const path of await jsonFiles(dir)) {
      const loaded = await loadTemplateFile(path, dir);
      if (!loaded.ok) {
        problems.push({ ...loaded.problem, file: `${source}:${loaded.problem.file}` });
        continue;
      }
      const existing = byId.get(loaded.template.id);
      if (existing && existing.source === source) {
        problems.push({
          file: `${source}:${relative(dir, path)}`,
          message: `duplicate template id "${loaded.template.id}" (also in ${existing.file})`,
          problems: [{ path: 'id', message: 'duplicate' }],
        });
        continue;
      }
      byId.set(loaded.template.id, { template: loaded.template, source, file: relative(dir, path) });
    }
  }
  for (const p of problems) console.warn(`[templates] refused ${p.file}: ${p.message}`);
  const ordered = [...byId.values()].sort(
    (a, b) =>
      a.template.industry.localeCompare(b.template.industry) || a.template.id.localeCompare(b.template.id),
  );
  return {
    list: () => ordered,
    get: (id) => byId.get(id),
    problems: () => problems,
  };
}
