/**
 * Code actions: gathers the request's context (current analysis, settings, workspace) and asks each
 * provider in turn. Per-finding fixes and suppressions are found from the request's diagnostics by rule
 * id (`diagnostic.code`) and range, never by message text; workload actions from the objects under the
 * cursor. Every edit is computed by the pure core (fixes/, analysis/suppressions*) as offset edits.
 *
 * Clients that resolve code actions (`resolveSupport` with `edit`, and `dataSupport`: VS Code) get the
 * actions without their edits, which `codeAction/resolve` computes for the one action applied
 * (codeActionsResolve.ts); other clients get every edit in the list.
 */
import { existsSync } from 'node:fs';
import { CodeActionKind, type ClientCapabilities, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { AnalysisService } from './analysisService';
import { dedupeByTitle, objectsInRange, type ActionContext } from './codeActionsEdits';
import { documentationActions, findingActions, requestFindings } from './codeActionsFindings';
import { FIX_ALL_KIND, fixAllActions } from './codeActionsFixAll';
import { hardenActions } from './codeActionsHarden';
import { networkPolicyActions } from './codeActionsNetworkPolicy';
import { suppressionActions } from './codeActionsSuppress';

export { findingFor, fixEdits } from './codeActionsFindings';
export { FIX_ALL_KIND } from './codeActionsFixAll';

/** The kinds the server offers; `source.fixAll.kubeguard` is what `editor.codeActionsOnSave` names. */
export const CODE_ACTION_KINDS: string[] = [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.RefactorRewrite, CodeActionKind.SourceFixAll, FIX_ALL_KIND];

export function codeActionClient(caps: ClientCapabilities): CodeActionEnvironment['client'] {
  const edit = caps.workspace?.workspaceEdit;
  const codeAction = caps.textDocument?.codeAction;
  return {
    snippets: edit?.snippetEditSupport === true,
    createFiles: edit?.documentChanges === true && (edit.resourceOperations ?? []).includes('create'),
    // Both are needed: the client must send `data` back, and must ask for the edit.
    resolvesEdits: codeAction?.dataSupport === true && (codeAction.resolveSupport?.properties ?? []).includes('edit'),
  };
}

export function fileExistsOnDisk(uri: string): boolean {
  const u = URI.parse(uri);
  return u.scheme === 'file' && existsSync(u.fsPath);
}

export interface CodeActionEnvironment {
  readonly service: AnalysisService;
  readonly index: WorkspaceIndex;
  /** Client capabilities that change what the actions write, and whether edits are resolved lazily. */
  readonly client: { readonly snippets: boolean; readonly createFiles: boolean; readonly resolvesEdits: boolean };
  readonly fileExists: (uri: string) => boolean;
}

/** The context of one request on the document's current analysis; `lazy` leaves edits to resolve. */
export async function actionContext(params: CodeActionParams, doc: TextDocument, env: CodeActionEnvironment, lazy: boolean): Promise<ActionContext> {
  const entry = await env.service.current(doc);
  return {
    params,
    uri: doc.uri,
    version: entry.version,
    analysis: entry.analysis,
    settings: entry.settings,
    workspace: env.index.view(),
    snippets: env.client.snippets,
    fileExists: env.fileExists,
    lazy,
  };
}

export async function codeActions(params: CodeActionParams, doc: TextDocument, env: CodeActionEnvironment): Promise<CodeAction[]> {
  const ctx = await actionContext(params, doc, env, env.client.resolvesEdits);
  const items = requestFindings(ctx);
  const objects = objectsInRange(
    ctx,
    items.map((i) => i.finding.span),
  );
  const fixable = items.filter((i) => i.finding.fix?.safe === true && !i.finding.suppressed).map((i) => i.diagnostic);
  return dedupeByTitle([
    ...findingActions(ctx, items),
    ...fixAllActions(ctx, fixable),
    ...hardenActions(
      ctx,
      objects,
      items.map((i) => i.finding),
    ),
    ...suppressionActions(ctx, items),
    ...documentationActions(ctx, items),
    ...networkPolicyActions(ctx, objects, { createFiles: env.client.createFiles }, items),
  ]);
}
