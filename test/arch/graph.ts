/**
 * The source tree's import graph, read with the TypeScript parser: every relative import of every
 * `src/` module (Svelte files by their <script> blocks), marked type-only or value. The architecture
 * test and `npm run arch` read the layers, cycles and file sizes from it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  from: string;
  to: string;
  /** True when the import brings in types only (`import type`, or every specifier `type`). */
  typeOnly: boolean;
}

export interface SourceModule {
  file: string;
  lines: number;
  /** The longest function, method or arrow function body: name and line count. */
  longestFunction: { name: string; lines: number };
}

export interface ImportGraph {
  modules: Map<string, SourceModule>;
  edges: ImportEdge[];
}

const SCRIPT = /<script[^>]*>([\s\S]*?)<\/script>/g;

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listSources(path));
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(SCRIPT)].map((m) => m[1]).join('\n');
}

function resolveImport(fromFile: string, spec: string, known: Set<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) if (known.has(candidate)) return candidate;
  return undefined;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
  );
}

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}

function longestFunction(source: ts.SourceFile): { name: string; lines: number } {
  let best = { name: '', lines: 0 };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > best.lines) best = { name: functionName(node), lines: end - start + 1 };
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return best;
}

export function readImportGraph(root: string): ImportGraph {
  const files = listSources(join(root, 'src'));
  const known = new Set(files);
  const modules = new Map<string, SourceModule>();
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, scriptOf(file, text), ts.ScriptTarget.ES2022, true);
    const rel = relative(root, file);
    modules.set(rel, { file: rel, lines: text.split('\n').length, longestFunction: longestFunction(source) });
    for (const statement of source.statements) {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
      const spec = statement.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const target = resolveImport(file, spec.text, known);
      if (target) edges.push({ from: rel, to: relative(root, target), typeOnly: isTypeOnly(statement) });
    }
  }
  return { modules, edges };
}

/** Strongly connected groups of more than one module (Tarjan), over the edges given. */
export function importCycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      group.push(w);
      if (w === v) break;
    }
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of new Set(edges.flatMap((e) => [e.from, e.to]))) if (!index.has(v)) connect(v);
  return groups;
}

/** The folder that names a module's place: `engine/marathon`, `api/mesos`, `ui`, `cli`. */
export function unitOf(file: string): string {
  const parts = file.split('/').slice(1, -1);
  if (parts[0] === 'engine' || parts[0] === 'api' || parts[0] === 'kernels') return parts.slice(0, 2).join('/');
  return parts[0] ?? '';
}
