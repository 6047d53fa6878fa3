/**
 * Fix-all: `source.fixAll.kubeguard` for the whole document (what `editor.codeActionsOnSave` runs) and,
 * next to a fixable diagnostic, a quick-fix doing the same. Only safe fixes of unsuppressed findings,
 * composed per document (fixes/fixAll.ts).
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { fixAllCandidates, fixAllEdits } from '../fixes/fixAll';
import { documentEdit, parsedOf, wanted, type ActionContext } from './codeActionsEdits';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kubeguard`;
export const FIX_ALL_TITLE = 'Fix all safe KubeGuard problems';

export function fixAllActions(ctx: ActionContext, fixableDiagnostics: readonly Diagnostic[]): CodeAction[] {
  const only = ctx.params.context.only ?? [];
  // Source actions are computed only when asked for (on save, or from the Source Action menu), not on
  // every cursor move.
  const asSource = only.length > 0 && wanted(ctx, FIX_ALL_KIND);
  const asQuickFix = fixableDiagnostics.length > 0 && wanted(ctx, CodeActionKind.QuickFix) && fixAllCandidates(ctx.analysis.findings).length > 1;
  if (!asSource && !asQuickFix) return [];
  const { edits, fixed } = fixAllEdits(parsedOf(ctx), ctx.analysis.findings);
  if (edits.length === 0) return [];
  const actions: CodeAction[] = [];
  if (asSource) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: documentEdit(ctx, edits) });
  if (asQuickFix && fixed.length > 1) {
    actions.push({ title: `${FIX_ALL_TITLE} in this file (${fixed.length})`, kind: CodeActionKind.QuickFix, diagnostics: [...fixableDiagnostics], edit: documentEdit(ctx, edits) });
  }
  return actions;
}
