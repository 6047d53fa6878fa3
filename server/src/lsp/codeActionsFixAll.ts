/**
 * Fix-all: `source.fixAll.kubeguard` for the whole document (what `editor.codeActionsOnSave` runs) and,
 * next to a fixable diagnostic, a quick-fix doing the same. Only safe fixes of unsuppressed findings,
 * composed per document (fixes/fixAll.ts).
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../rules/rule';
import { documentIntents, fixAllCandidates, fixAllEdits } from '../fixes/fixAll';
import type { OffsetEdit } from '../fixes/textEdit';
import { documentEdit, offer, parsedOf, wanted, type ActionContext } from './codeActionsEdits';
import { memoized, shiftEdits } from './codeActionsMemo';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kubeguard`;
export const FIX_ALL_TITLE = 'Fix all safe KubeGuard problems';

export function fixAllActions(ctx: ActionContext, fixableDiagnostics: readonly Diagnostic[]): CodeAction[] {
  const only = ctx.params.context.only ?? [];
  // Source actions are computed only when asked for (on save, or from the Source Action menu), not on
  // every cursor move.
  const asSource = only.length > 0 && wanted(ctx, FIX_ALL_KIND);
  const asQuickFix = fixableDiagnostics.length > 0 && wanted(ctx, CodeActionKind.QuickFix) && fixAllCandidates(ctx.analysis.findings).length > 1;
  if (!asSource && !asQuickFix) return [];
  return fixAllVariants(ctx, asSource, asQuickFix ? fixableDiagnostics : undefined);
}

/**
 * Both variants for resolve, whatever the request asked for: resolve takes the one with the listed title,
 * so a count that changed meanwhile finds no action instead of a different edit.
 */
export function fixAllTargets(ctx: ActionContext): CodeAction[] {
  return fixAllVariants(ctx, true, []);
}

function fixAllVariants(ctx: ActionContext, asSource: boolean, quickFixDiagnostics: readonly Diagnostic[] | undefined): CodeAction[] {
  // Even a lazy list needs the result: the quick-fix's title states how many fixes compose, and an action
  // that resolved to no edit must not be offered. No cheaper test is exact (a fix applies only if the
  // ones before it left the structure it expects), so it is the real composition, memoized per document:
  // after the first request only the documents edited since are composed again.
  const { edits, fixed } = fixAllResult(ctx);
  if (edits.length === 0) return [];
  const actions: CodeAction[] = [];
  const edit = (): ReturnType<typeof documentEdit> => documentEdit(ctx, edits);
  if (asSource) actions.push(offer(ctx, { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND }, { provider: 'fixAll' }, edit));
  if (quickFixDiagnostics && fixed > 1) {
    const action: CodeAction = { title: `${FIX_ALL_TITLE} in this file (${fixed})`, kind: CodeActionKind.QuickFix, diagnostics: [...quickFixDiagnostics] };
    actions.push(offer(ctx, action, { provider: 'fixAll' }, edit));
  }
  return actions;
}

interface DocumentFixAll {
  readonly edits: readonly OffsetEdit[];
  readonly fixed: number;
}

/**
 * fixAllEdits of the whole file, computed document by document: it composes each document's fixes on
 * that document's text alone, so the file's result is the concatenation of per-document results in the
 * same order, and each one is a function of the document's text and its findings' intents (the key).
 */
function fixAllResult(ctx: ActionContext): DocumentFixAll {
  const parsed = parsedOf(ctx);
  const byDoc = new Map<number, Finding[]>();
  for (const f of fixAllCandidates(ctx.analysis.findings)) {
    const list = byDoc.get(f.object.documentIndex) ?? [];
    list.push(f);
    byDoc.set(f.object.documentIndex, list);
  }
  const edits: OffsetEdit[] = [];
  let fixed = 0;
  for (const [index, list] of byDoc) {
    const document = parsed.documents[index];
    if (!document) continue;
    const key = JSON.stringify(['fixAll', list.map(documentIntents)]);
    const result = memoized(
      document,
      key,
      (): DocumentFixAll => {
        const r = fixAllEdits(parsed, list);
        return { edits: r.edits, fixed: r.fixed.length };
      },
      (r, by) => ({ edits: shiftEdits(r.edits, by), fixed: r.fixed }),
    );
    edits.push(...result.edits);
    fixed += result.fixed;
  }
  return { edits, fixed };
}
