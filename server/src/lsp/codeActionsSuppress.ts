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
import { documentEdit, documentEditWithReason, parsedOf, wanted, type ActionContext } from './codeActionsEdits';

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
    const candidates: [string, ReturnType<typeof ignoreForObjectEdits>][] = [
      [`Ignore ${rule} for this object`, ignoreForObjectEdits(parsed, finding)],
      ...(finding.container?.name !== undefined ? [[`Ignore ${rule} for container ${finding.container.name}`, ignoreForContainerEdits(parsed, finding)] as [string, ReturnType<typeof ignoreForObjectEdits>]] : []),
      [`Ignore ${rule} on this line`, ignoreOnLineEdits(parsed, finding)],
    ];
    for (const [title, edits] of candidates) {
      if (edits) actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEditWithReason(ctx, edits) });
    }
  }
  return actions;
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
  return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: documentEdit(ctx, edits) }];
}
