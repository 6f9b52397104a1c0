/*
 * Finds, in the servers' source, a field refusal that a screen could only word as "Isian ini tidak diterima.":
 * a field error built with an English `reason` and no `code`, or a zod refinement whose issue names no code in
 * its `params`. Read by `refusals.spec.ts`, so a new English-only refusal fails a test before it reaches a screen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface UncodedSite {
  /** `path:line` from the repository's root. */
  at: string;
  what: string;
}

const repositoryRoot = join(__dirname, '../../../..');
/** Where the api and the services build their refusals; the web's own words are not the servers'. */
const serverSources = [
  'libs/contracts/src',
  'libs/domain/src',
  'apps/api/src',
  'apps/agreements/src',
  'apps/funding/src',
  'apps/monitoring/src',
  'apps/stakeholders/src',
  'apps/worker/src',
  'workflows/src',
];
/** Boot configuration: its refinements stop a process at start and reach a log, never a screen. */
const notSeenByUsers = /\/config\.ts$/;

function* sourceFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (
      /\.ts$/.test(entry.name) &&
      !/\.spec\.ts$|\.d\.ts$/.test(entry.name) &&
      !notSeenByUsers.test(path)
    )
      yield path;
  }
}

const propertyNamed = (literal: ts.ObjectLiteralExpression, name: string) =>
  literal.properties.find(
    (property) =>
      (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) &&
      property.name.getText() === name,
  );
const spreads = (literal: ts.ObjectLiteralExpression) => literal.properties.some(ts.isSpreadAssignment);

/** A zod issue's options name our code in `params` (`{ message, params: { code: 'list.duplicate' } }`). */
function namesCode(options: ts.Expression | undefined): boolean {
  if (!options || !ts.isObjectLiteralExpression(options)) return false;
  if (spreads(options)) return true;
  const params = propertyNamed(options, 'params');
  if (!params) return false;
  if (!ts.isPropertyAssignment(params) || !ts.isObjectLiteralExpression(params.initializer)) return true;
  return spreads(params.initializer) || propertyNamed(params.initializer, 'code') !== undefined;
}

/** The code a field error or a zod issue names, when it is written out, so the spec can ask for its words. */
export interface NamedCode {
  at: string;
  code: string;
}

export function scanServerSources(): { uncoded: UncodedSite[]; named: NamedCode[] } {
  const uncoded: UncodedSite[] = [];
  const named: NamedCode[] = [];
  for (const root of serverSources) {
    for (const path of sourceFiles(join(repositoryRoot, root))) {
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const at = (node: ts.Node) =>
        `${relative(repositoryRoot, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node): void => {
        if (
          ts.isObjectLiteralExpression(node) &&
          propertyNamed(node, 'field') &&
          propertyNamed(node, 'reason')
        ) {
          const code = propertyNamed(node, 'code');
          if (!code && !spreads(node)) uncoded.push({ at: at(node), what: 'field error without a code' });
          if (code && ts.isPropertyAssignment(code) && ts.isStringLiteralLike(code.initializer))
            named.push({ at: at(node), code: code.initializer.text });
        }
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
          const method = node.expression.name.text;
          if (method === 'refine' && !namesCode(node.arguments[1]))
            uncoded.push({ at: at(node), what: 'zod refinement without params.code' });
          if (method === 'addIssue' && !namesCode(node.arguments[0]))
            uncoded.push({ at: at(node), what: 'zod issue without params.code' });
          const options =
            method === 'refine' ? node.arguments[1] : method === 'addIssue' ? node.arguments[0] : undefined;
          const params = options && ts.isObjectLiteralExpression(options) && propertyNamed(options, 'params');
          const code =
            params && ts.isPropertyAssignment(params) && ts.isObjectLiteralExpression(params.initializer)
              ? propertyNamed(params.initializer, 'code')
              : undefined;
          if (code && ts.isPropertyAssignment(code) && ts.isStringLiteralLike(code.initializer))
            named.push({ at: at(node), code: code.initializer.text });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return { uncoded, named };
}
