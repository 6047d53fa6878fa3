/**
 * Suppression code actions: "Ignore <rule> for this object" (annotation on the object's metadata),
 * "… for container <name>" (per-container annotation), "… on this line" (a kubeguard-disable-next-line
 * comment), each writing a reason placeholder; and "Remove unused suppression" on the notices that
 * stale directives get.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { directiveUsages, UNUSED_SUPPRESSION, unusedRuleIds } from '../analysis/suppressions';
import { ignoreForContainerEdits, ignoreForObjectEdits, ignoreOnLineEdits, removeUnusedEdits } from '../analysis/suppressionsEdits';
import { ruleById } from '../rules/catalog';
import type { Finding } from '../rules/rule';
import type { ParsedFile } from '../document/parseManifests';
import type { OffsetEdit } from '../fixes/textEdit';
import { documentEdit, documentEditWithReason, offer, parsedOf, wanted, type ActionContext, type ActionTarget } from './codeActionsEdits';
import { memoEdits } from './codeActionsMemo';

export function suppressionActions(ctx: ActionContext, items: readonly { diagnostic: Diagnostic; finding: Finding }[]): CodeAction[] {
  if (!wanted(ctx, CodeActionKind.QuickFix)) return [];
  const parsed = parsedOf(ctx);
  const actions: CodeAction[] = [];
  for (const { diagnostic, finding } of items) {
    if (finding.ruleId === UNUSED_SUPPRESSION) {
      actions.push(...removeUnused(ctx, diagnostic, finding));
      continue;
    }
    // Suppressed findings are already hidden; in-manifest suppressions mean nothing under strict mode.
    if (finding.suppressed || ctx.settings.strict || !ruleById(finding.ruleId)) continue;
    const rule = finding.ruleId;
    const container = finding.container?.name;
    // Offered only where the edit exists (an annotation that already names the rule has none), so even a
    // lazy list computes the edits; the annotation ones re-parse the document, hence the memo.
    const candidates: [string, OffsetEdit[] | undefined][] = [
      [`Ignore ${rule} for this object`, annotationEdits(parsed, finding, 'object', () => ignoreForObjectEdits(parsed, finding))],
      ...(container !== undefined ? [[`Ignore ${rule} for container ${container}`, annotationEdits(parsed, finding, 'container', () => ignoreForContainerEdits(parsed, finding))] as [string, OffsetEdit[] | undefined]] : []),
      [`Ignore ${rule} on this line`, ignoreOnLineEdits(parsed, finding)],
    ];
    const target: ActionTarget = { provider: 'suppress', rule, span: [finding.span.start, finding.span.end] };
    for (const [title, edits] of candidates) {
      if (edits) actions.push(offer(ctx, { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] }, target, () => documentEditWithReason(ctx, edits)));
    }
  }
  return actions;
}

/** Annotation edits are a function of the object's document text, the rule and the container name. */
function annotationEdits(parsed: ParsedFile, finding: Finding, scope: 'object' | 'container', compute: () => OffsetEdit[] | undefined): OffsetEdit[] | undefined {
  const document = parsed.documents[finding.object.documentIndex];
  if (!document) return compute();
  return memoEdits(document, JSON.stringify(['ignore', scope, finding.object.itemIndex ?? null, finding.ruleId, finding.container?.name ?? null]), compute);
}

function removeUnused(ctx: ActionContext, diagnostic: Diagnostic, notice: Finding): CodeAction[] {
  const parsed = parsedOf(ctx);
  const usage = directiveUsages(parsed, ctx.analysis.findings, ctx.settings).find((u) => u.directive.span.start === notice.span.start && u.directive.span.end === notice.span.end);
  if (!usage) return [];
  const edits = removeUnusedEdits(parsed, usage);
  if (!edits) return [];
  const ids = unusedRuleIds(usage);
  const all = ids.length === usage.directive.ruleIds.length;
  const title = all ? 'Remove unused suppression' : `Remove ${ids.join(', ')} from suppression`;
  const target: ActionTarget = { provider: 'unusedSuppression', rule: notice.ruleId, span: [notice.span.start, notice.span.end] };
  return [offer(ctx, { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true }, target, () => documentEdit(ctx, edits))];
}
