/**
 * `codeAction/resolve`: the edit of an action listed without one (codeActions.ts, lazy clients). The
 * action's `data` names the provider and its target (a finding by rule id and span, an object by
 * index); resolve re-runs that provider on that target, eagerly, against the document's current
 * analysis, and returns the edit of the action with the same title. The edits come from the same code
 * as the eager list (and mostly from its memo, codeActionsMemo.ts), so they are the same edits.
 *
 * Stale resolves (the document changed since the list): targets are offsets of the listed version, so
 * they may name another finding or object now, or nothing. Rather than guess, a positional action
 * (fix, suppression, hardening, NetworkPolicy) comes back without an edit, and applying it does nothing;
 * the editor lists the actions again for the new text anyway. Fix-all is about the whole file, not a
 * position: it is recomputed on the current version and returned only if its title (with the count of
 * fixes) is still the same. Either way an edit is pinned to the version it was computed for
 * (`documentChanges` with `version`), so it can never be applied to other text. The title comparison
 * also covers a change of settings or of other files at the same version: an action that no longer
 * exists, or would now say something else, gets no edit.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../rules/rule';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { actionContext, type CodeActionEnvironment } from './codeActions';
import { objectAt, parsedOf, type ActionContext, type ActionTarget, type LazyActionData, type ObjectKey } from './codeActionsEdits';
import { findingActions } from './codeActionsFindings';
import { fixAllTargets } from './codeActionsFixAll';
import { objectHardenActions } from './codeActionsHarden';
import { objectNetworkPolicyActions } from './codeActionsNetworkPolicy';
import { suppressionActions } from './codeActionsSuppress';

/** The action with its edit, or unchanged (no edit) when it no longer exists as listed. */
export async function resolveCodeAction(action: CodeAction, documentFor: (uri: string) => TextDocument | undefined, env: CodeActionEnvironment): Promise<CodeAction> {
  const data = lazyData(action.data);
  if (!data || action.edit) return action;
  // Closed meanwhile: there is no version to pin an edit to.
  const doc = documentFor(data.uri);
  if (!doc) return action;
  const params = { textDocument: { uri: data.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } };
  const ctx = await actionContext(params, doc, env, false);
  if (ctx.version !== data.version && data.target.provider !== 'fixAll') return action;
  const same = targetActions(ctx, data.target, action, env).find((a) => a.title === action.title);
  return same?.edit ? { ...action, edit: same.edit } : action;
}

/** The actions the target's provider offers now, with edits. */
function targetActions(ctx: ActionContext, target: ActionTarget, action: CodeAction, env: CodeActionEnvironment): CodeAction[] {
  switch (target.provider) {
    case 'fix':
    case 'suppress':
    case 'unusedSuppression': {
      const item = findingItem(ctx, target.rule, target.span, action.diagnostics);
      if (!item) return [];
      return target.provider === 'fix' ? findingActions(ctx, [item]) : suppressionActions(ctx, [item]);
    }
    case 'fixAll':
      return fixAllTargets(ctx);
    case 'harden': {
      const object = objectAt(ctx, target.object);
      return object ? objectHardenActions(ctx, object, target.several, action.kind ?? CodeActionKind.RefactorRewrite) : [];
    }
    case 'networkPolicy': {
      const object = objectAt(ctx, target.object);
      return object ? objectNetworkPolicyActions(ctx, object, { createFiles: env.client.createFiles }) : [];
    }
  }
}

/** The finding with this rule id and span, by the same identity code actions use for diagnostics. */
function findingItem(ctx: ActionContext, rule: string, span: readonly [number, number], listed: readonly Diagnostic[] | undefined): { diagnostic: Diagnostic; finding: Finding } | undefined {
  const finding = ctx.analysis.findings.find((f) => f.ruleId === rule && f.span.start === span[0] && f.span.end === span[1]);
  if (!finding) return undefined;
  // The diagnostic only labels the recomputed action, whose edit alone is used.
  const diagnostic = listed?.[0] ?? { range: parsedOf(ctx).lines.rangeOf(finding.span), message: finding.message, code: rule, source: DIAGNOSTIC_SOURCE };
  return { diagnostic, finding };
}

/** `data` of one of our lazy actions, checked: it comes back from the client. */
function lazyData(data: unknown): LazyActionData | undefined {
  if (!isRecord(data) || data.kubeguard !== 1 || typeof data.uri !== 'string' || typeof data.version !== 'number' || !isRecord(data.target)) return undefined;
  const t = data.target;
  const valid =
    ((t.provider === 'fix' || t.provider === 'suppress' || t.provider === 'unusedSuppression') && typeof t.rule === 'string' && isSpan(t.span)) ||
    t.provider === 'fixAll' ||
    (t.provider === 'harden' && isObjectKey(t.object) && typeof t.several === 'boolean') ||
    (t.provider === 'networkPolicy' && isObjectKey(t.object));
  return valid ? (data as unknown as LazyActionData) : undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isSpan(x: unknown): x is readonly [number, number] {
  return Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === 'number');
}

function isObjectKey(x: unknown): x is ObjectKey {
  return Array.isArray(x) && x.length === 2 && typeof x[0] === 'number' && (x[1] === null || typeof x[1] === 'number');
}
