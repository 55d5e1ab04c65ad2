/**
 * Measures issue 22's "Done when" over the product code and prints what is off:
 *   npx tsx scripts/architecture-check.ts [--duplicates N]
 * - product files over 600 lines, classes over 300 lines;
 * - repositories importing another repository (shared SQL belongs in server/repositories/sql/);
 * - routes without a response schema (a file download names its content type instead);
 * - response types declared by hand in web/src/api (every answer typed from contracts/);
 * - the library's `duplicates` over the product code alone (no tests, migrations or the generated
 *   sql/statements/*.sql), its pairs marked where their lines touch a rule: report states, access,
 *   form validation. Those are for a person to judge; they are listed, never counted as a failure.
 * Exits 1 when one of the first four lists is not empty.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { routeTable } from '../server/routes/route-table.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_FILE_LINES = 600;
const MAX_CLASS_LINES = 300;
const mostPairs = Number(process.argv[process.argv.indexOf('--duplicates') + 1]) || 200;

/** Product code: what runs in production, not its tests, fixtures, generated SQL or benchmarks. */
function productFiles(): string[] {
  const tracked = execFileSync(
    'git',
    ['ls-files', 'server', 'domain', 'documents', 'contracts', 'web/src', 'cli'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return tracked
    .split('\n')
    .filter((file) => /\.(ts|tsx|mjs)$/.test(file))
    .filter((file) => !/\.test\.tsx?$|^server\/(test|faults)\/|\/migrations\/|test-fixtures\.ts$/.test(file));
}

const read = (file: string) => readFileSync(join(root, file), 'utf8');
const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

function longFiles(files: string[]): string[] {
  return files
    .map((file) => ({ file, lines: lineCount(read(file)) }))
    .filter(({ lines }) => lines > MAX_FILE_LINES)
    .sort((a, b) => b.lines - a.lines)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
}

function longClasses(files: string[]): string[] {
  const found: { at: string; lines: number }[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = end - start + 1;
        if (lines > MAX_CLASS_LINES)
          found.push({ at: `${file}:${start + 1} class ${node.name?.text ?? '(anonymous)'}`, lines });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.sort((a, b) => b.lines - a.lines).map(({ at, lines }) => `${at}: ${lines} lines`);
}

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements)
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    )
      specifiers.push(statement.moduleSpecifier.text);
  return specifiers;
}

/** A repository (or a shared SQL piece, which would hide the same thing) importing a repository. */
function repositoryImports(files: string[]): string[] {
  return files
    .filter((file) => file.startsWith('server/repositories/'))
    .flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(root, join(root, dirname(file), spec)))
        .filter((target) => /\.repository\.ts$/.test(target) && target !== file)
        .map((target) => `${file} → ${target}`),
    );
}

function routesWithoutResponse(): string[] {
  return routeTable({ sessionTtlHours: 1 })
    .filter(
      (route) =>
        !route.produces &&
        !Object.keys(route.response ?? {})
          .map(Number)
          .some((code) => code >= 200 && code < 300),
    )
    .map((route) => `${route.method} ${route.url}`);
}

/** Answer types in web/src/api that are not imported from contracts/ (the rule of response-types.test.ts). */
function handTypedResponses(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files.filter((f) => /^web\/src\/api\/.*\.api\.ts$/.test(f))) {
    const source = read(file);
    const contracts = new Set<string>();
    for (const match of source.matchAll(/import type \{([^}]*)\} from '(?:\.\.\/)+contracts\/[\w-]+\.ts'/g))
      for (const name of match[1]!.split(',')) if (name.trim()) contracts.add(name.trim());
    for (const match of source.matchAll(/\bapi(?:Get|Post|Patch|Put|Delete|Request)<([^>(]+)>\(/g))
      if (!contracts.has(match[1]!.trim())) found.push(`${file}: ${match[0]}`);
    for (const match of source.matchAll(/Promise<([^>]+)>/g)) {
      const type = match[1]!.trim();
      const fromContract = contracts.has(type) || /^T\w+\[\]$/.test(type) || type === 'void';
      if (!fromContract && type !== '{ blob: Blob; fileName: string }') found.push(`${file}: ${match[0]}`);
    }
    for (const match of source.matchAll(/^export (?:interface|type) (\w+)/gm))
      if (!/Query$|Search$/.test(match[1]!)) found.push(`${file}: ${match[0]}`);
  }
  return found;
}

/** Words that say a line decides a rule the issue wants written once. */
const RULES: Record<string, RegExp> = {
  'report state':
    /'(draft|returned|submitted|approved)'|isEditable|EDITABLE_STATES|SENT_STATES|canTake|statusAllows/,
  access: /assertMay|assertReviews|unitAccess|roleAtLeast|mayAct|mayReview|isWithin|inSubtree|accessibleUnit/,
  'form validation':
    /\b(minValue|maxValue|isRequired|indicatorRules|indicatorRulesOf|validateReport|allowNegative|decimals)\b/,
};

function duplicatePairs(files: string[]): { rule: string[]; other: string[]; summary: string } {
  const copy = mkdtempSync(join(tmpdir(), 'architecture-check-'));
  try {
    for (const file of files) {
      mkdirSync(join(copy, dirname(file)), { recursive: true });
      cpSync(join(root, file), join(copy, file));
    }
    const output = execFileSync(
      'duplicates',
      ['--repo', copy, '--most', String(mostPairs), '--seconds', '120'],
      { encoding: 'utf8' },
    );
    const rule: string[] = [];
    const other: string[] = [];
    const lines = output.split('\n');
    for (const row of lines) {
      const match = /^D\d+ (\S+):(\d+)-(\d+) ~ (\S+):(\d+)-(\d+)/.exec(row);
      if (!match) continue;
      const sides = [
        [match[1]!, Number(match[2]), Number(match[3])],
        [match[4]!, Number(match[5]), Number(match[6])],
      ] as const;
      const text = sides
        .map(([file, from, to]) =>
          read(file)
            .split('\n')
            .slice(from - 1, to)
            .join('\n'),
        )
        .join('\n');
      const touched = Object.entries(RULES)
        .filter(([, pattern]) => pattern.test(text))
        .map(([name]) => name);
      (touched.length > 0 ? rule : other).push(touched.length > 0 ? `${row}  [${touched.join(', ')}]` : row);
    }
    const summary = lines.filter((line) => line && !/^D\d+ /.test(line)).join('\n');
    return { rule, other, summary };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

function section(title: string, items: string[]): void {
  console.log(`\n## ${title}: ${items.length}`);
  for (const item of items) console.log(`  ${item}`);
}

const files = productFiles();
console.log(`# architecture check: ${files.length} product files`);
const failures = [
  [`product files over ${MAX_FILE_LINES} lines`, longFiles(files)],
  [`classes over ${MAX_CLASS_LINES} lines`, longClasses(files)],
  ['repositories importing a repository', repositoryImports(files)],
  ['routes without a response schema', routesWithoutResponse()],
  ['response types declared by hand in web/src/api', handTypedResponses(files)],
] as const;
for (const [title, items] of failures) section(title, [...items]);

const pairs = duplicatePairs(files);
console.log(`\n## duplicates over the product code\n${pairs.summary}`);
section('pairs whose lines touch a rule (judge each)', pairs.rule);
section('other pairs', pairs.other);

const failed = failures.filter(([, items]) => items.length > 0).length;
console.log(`\n${failed === 0 ? 'all measured criteria hold' : `${failed} criteria do not hold`}`);
process.exitCode = failed === 0 ? 0 : 1;
