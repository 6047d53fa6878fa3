/**
 * Shared plumbing of the code action providers: the request context, offset edits → LSP edits (with a
 * snippet placeholder for suppression reasons where the client supports snippet edits), kind filtering,
 * and `offer`: an action with its edit (eager) or with the `data` that `codeAction/resolve` computes the
 * edit from (lazy, for clients that resolve edits).
 */
import type { CodeAction, CodeActionParams, SnippetTextEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { FileAnalysis } from '../analysis/fileAnalysis';
import type { EngineSettings } from '../analysis/settings';
import { REASON_PLACEHOLDER } from '../analysis/suppressionsSyntax';
import type { WorkspaceView } from '../analysis/workspaceView';
import type { K8sObject } from '../document/k8sObject';
import type { ParsedFile } from '../document/parseManifests';
import type { Span } from '../document/span';
import type { OffsetEdit } from '../fixes/textEdit';

/** Everything a provider needs to answer one code action request. */
export interface ActionContext {
  readonly params: CodeActionParams;
  readonly uri: string;
  readonly version: number;
  readonly analysis: FileAnalysis;
  readonly settings: EngineSettings;
  readonly workspace: WorkspaceView;
  /** The client applies `SnippetTextEdit`s (LSP 3.18): reasons become a selected placeholder. */
  readonly snippets: boolean;
  /** Whether a file exists (for "new file" placement, so a generated file never overwrites one). */
  readonly fileExists: (uri: string) => boolean;
  /**
   * The client resolves edits (`codeAction/resolve`): list actions without `edit`, with `data` naming
   * what resolve computes. False when answering resolve itself, which needs the edit.
   */
  readonly lazy: boolean;
}

/** An object of the analysed file: its document's index and, inside a `kind: List`, its item index. */
export type ObjectKey = readonly [documentIndex: number, itemIndex: number | null];

/**
 * What an action's edit is computed from, per provider: the target (a finding by rule id and span, an
 * object by index), never positions of the client's. Resolve re-runs that provider on that target and
 * takes the action with the same title (codeActionsResolve.ts).
 */
export type ActionTarget =
  | { readonly provider: 'fix' | 'suppress' | 'unusedSuppression'; readonly rule: string; readonly span: readonly [number, number] }
  | { readonly provider: 'fixAll' }
  | { readonly provider: 'harden'; readonly object: ObjectKey; readonly several: boolean }
  | { readonly provider: 'networkPolicy'; readonly object: ObjectKey };

/** `CodeAction.data` of a lazy action. Small: a few ids and offsets, whatever the edit's size. */
export interface LazyActionData {
  readonly kubeguard: 1;
  readonly uri: string;
  /** The document version the action was listed for; resolve compares it (see codeActionsResolve.ts). */
  readonly version: number;
  readonly target: ActionTarget;
}

/**
 * An action with its edit, or (lazy) with the data to compute it on resolve. `edit` runs only when the
 * client needs the edit now. Whether the action exists and its title must be decided by the caller
 * without it being wrong: resolve returns an edit only for an action of the same title.
 */
export function offer(ctx: ActionContext, action: CodeAction, target: ActionTarget, edit: () => WorkspaceEdit): CodeAction {
  if (!ctx.lazy) return { ...action, edit: edit() };
  const data: LazyActionData = { kubeguard: 1, uri: ctx.uri, version: ctx.version, target };
  return { ...action, data };
}

export function objectKey(object: K8sObject): ObjectKey {
  return [object.document.index, object.ref.itemIndex ?? null];
}

export function objectAt(ctx: ActionContext, key: ObjectKey): K8sObject | undefined {
  return parsedOf(ctx).documents[key[0]]?.objects.find((o) => (o.ref.itemIndex ?? null) === key[1]);
}

export function parsedOf(ctx: ActionContext): ParsedFile {
  return ctx.analysis.parsed;
}

export function toTextEdit(e: OffsetEdit, parsed: ParsedFile): TextEdit {
  return { range: parsed.lines.rangeOf(e), newText: e.newText };
}

/** A workspace edit of this document at the analysed version, so a stale action is refused, not misapplied. */
export function documentEdit(ctx: ActionContext, edits: readonly OffsetEdit[]): WorkspaceEdit {
  const parsed = parsedOf(ctx);
  return { documentChanges: [{ textDocument: { uri: ctx.uri, version: ctx.version }, edits: edits.map((e) => toTextEdit(e, parsed)) }] };
}

/**
 * Like documentEdit, but the edit that writes REASON_PLACEHOLDER becomes a snippet with the placeholder
 * selected, so the user types the reason right away. Clients without snippet edits get the plain text.
 */
export function documentEditWithReason(ctx: ActionContext, edits: readonly OffsetEdit[]): WorkspaceEdit {
  if (!ctx.snippets) return documentEdit(ctx, edits);
  const parsed = parsedOf(ctx);
  const converted: (TextEdit | SnippetTextEdit)[] = edits.map((e) => {
    const at = e.newText.indexOf(REASON_PLACEHOLDER);
    if (at === -1) return toTextEdit(e, parsed);
    const value = escapeSnippet(e.newText.slice(0, at)) + `\${1:${escapeSnippet(REASON_PLACEHOLDER)}}` + escapeSnippet(e.newText.slice(at + REASON_PLACEHOLDER.length));
    return { range: parsed.lines.rangeOf(e), snippet: { kind: 'snippet', value } };
  });
  return { documentChanges: [{ textDocument: { uri: ctx.uri, version: ctx.version }, edits: converted }] };
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** Whether a kind passes the request's `only` filter (kinds are hierarchical: `source` admits `source.fixAll.x`). */
export function wanted(ctx: ActionContext, kind: string): boolean {
  const only = ctx.params.context.only;
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The objects a request is about: those holding the cursor/selection start or one of its diagnostics. */
export function objectsInRange(ctx: ActionContext, diagnosticSpans: readonly Span[]): K8sObject[] {
  const parsed = parsedOf(ctx);
  const cursor = parsed.lines.offsetAt(ctx.params.range.start);
  const out: K8sObject[] = [];
  for (const doc of parsed.documents) {
    for (const o of doc.objects) {
      const r = o.root.range;
      if (!r) continue;
      const span = { start: doc.start + r[0], end: doc.start + r[2] };
      const hit = (at: number): boolean => at >= span.start && at <= span.end;
      if (hit(cursor) || diagnosticSpans.some((s) => hit(s.start))) out.push(o);
    }
  }
  return out;
}

/** Drops actions whose title repeats an earlier one (several diagnostics can offer the same action). */
export function dedupeByTitle(actions: readonly CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    if (seen.has(a.title)) return false;
    seen.add(a.title);
    return true;
  });
}
