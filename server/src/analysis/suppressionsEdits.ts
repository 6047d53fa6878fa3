/**
 * Edits that write and remove suppressions, for the quick-fixes: an annotation on the object (or an
 * existing directive extended with one more rule id), a per-container annotation, a
 * `kubeguard-disable-next-line` comment above a finding, and the removal of unused rule ids. New
 * directives carry REASON_PLACEHOLDER where the user's reason goes.
 */
import type { K8sObject } from '../document/k8sObject';
import type { ParsedFile } from '../document/parseManifests';
import type { Span } from '../document/span';
import { editsForIntents } from '../fixes/applyIntents';
import type { FixIntent } from '../fixes/intent';
import type { OffsetEdit } from '../fixes/textEdit';
import type { Finding } from '../rules/rule';
import { unusedRuleIds, type DirectiveUsage } from './suppressions';
import {
  DISABLE_NEXT_LINE,
  IGNORE_ANNOTATION,
  IGNORE_CONTAINER_ANNOTATION_PREFIX,
  REASON_PLACEHOLDER,
  annotationPaths,
  blockScalarAt,
  formatDirectiveText,
  parseDirectiveText,
} from './suppressionsSyntax';

/** The object a finding is on, in this parse. */
export function objectOf(parsed: ParsedFile, ref: Finding['object']): K8sObject | undefined {
  return parsed.documents[ref.documentIndex]?.objects.find((o) => o.ref.itemIndex === ref.itemIndex);
}

/** "Ignore <rule> for this object": `kubeguard.io/ignore` on the object's metadata (extended if present). */
export function ignoreForObjectEdits(parsed: ParsedFile, finding: Finding): OffsetEdit[] | undefined {
  return annotationEdits(parsed, finding, IGNORE_ANNOTATION);
}

/** "Ignore <rule> for container <name>": `ignore-container.kubeguard.io/<name>`; only for named containers. */
export function ignoreForContainerEdits(parsed: ParsedFile, finding: Finding): OffsetEdit[] | undefined {
  const name = finding.container?.name;
  return name === undefined ? undefined : annotationEdits(parsed, finding, IGNORE_CONTAINER_ANNOTATION_PREFIX + name);
}

function annotationEdits(parsed: ParsedFile, finding: Finding, key: string): OffsetEdit[] | undefined {
  const object = objectOf(parsed, finding.object);
  if (!object) return undefined;
  // Extend the directive where it already is (object or pod template metadata); otherwise write it on
  // the object's own metadata, where readers look first.
  const existing = annotationPaths(object).find((p) => typeof object.value([...p, key]) === 'string');
  const path = [...(existing ?? ['metadata', 'annotations']), key];
  const current = existing ? parseDirectiveText(String(object.value(path))) : { ruleIds: [], reason: undefined };
  if (current.ruleIds.includes(finding.ruleId)) return undefined;
  const value = formatDirectiveText([...current.ruleIds, finding.ruleId], current.reason ?? REASON_PLACEHOLDER);
  return intentEdits(object, [{ op: 'set', path, value }]);
}

function intentEdits(object: K8sObject, intents: FixIntent[]): OffsetEdit[] | undefined {
  const edits = editsForIntents({ document: object.document, objectPath: object.pathInDocument }, intents);
  return edits && edits.length > 0 ? edits : undefined;
}

const NEXT_LINE_COMMENT = /^([ \t]*#[ \t]*kubeguard-disable-next-line)(?=[ \t]|$)(.*?)(\r?)$/;

/**
 * "Ignore <rule> on this line": a comment above the line where the finding starts, at that line's
 * indentation; a directive already on the line above gets the rule id added instead.
 */
export function ignoreOnLineEdits(parsed: ParsedFile, finding: Finding): OffsetEdit[] | undefined {
  const { text } = parsed;
  // Inside a block scalar a `#` line would be content: the comment goes above the scalar's key instead.
  const anchor = blockScalarAt(parsed, finding.span.start)?.owner ?? finding.span.start;
  const start = lineStartAt(text, anchor);
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
  const eol = line.endsWith('\r') || (lineEnd === -1 && text.includes('\r\n')) ? '\r\n' : '\n';
  if (start > 0) {
    const prevStart = lineStartAt(text, start - 1);
    const m = NEXT_LINE_COMMENT.exec(text.slice(prevStart, start - 1));
    if (m) {
      const current = parseDirectiveText(m[2]!);
      if (current.ruleIds.includes(finding.ruleId)) return undefined;
      const value = formatDirectiveText([...current.ruleIds, finding.ruleId], current.reason ?? REASON_PLACEHOLDER);
      return [{ start: prevStart, end: start - 1 - m[3]!.length, newText: `${m[1]!} ${value}` }];
    }
  }
  const indent = /^[ \t]*/.exec(line)![0];
  const comment = `${indent}# ${DISABLE_NEXT_LINE} ${formatDirectiveText([finding.ruleId], REASON_PLACEHOLDER)}`;
  return [{ start, end: start, newText: comment + eol }];
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * "Remove unused suppression": drops the directive's unused and unknown rule ids, or the whole
 * directive (annotation entry or comment line) when none would be left.
 */
export function removeUnusedEdits(parsed: ParsedFile, usage: DirectiveUsage): OffsetEdit[] | undefined {
  const drop = new Set(unusedRuleIds(usage));
  if (drop.size === 0) return undefined;
  const d = usage.directive;
  const keep = d.ruleIds.filter((r) => !drop.has(r));
  if (d.scope.kind === 'object' || d.scope.kind === 'container') {
    const object = d.scope.object;
    const key = d.scope.kind === 'object' ? IGNORE_ANNOTATION : IGNORE_CONTAINER_ANNOTATION_PREFIX + d.scope.container;
    const at = annotationPaths(object).find((p) => within(d.span, object.pairSpan([...p, key])));
    if (!at) return undefined;
    const path = [...at, key];
    if (keep.length > 0) return intentEdits(object, [{ op: 'set', path, value: formatDirectiveText(keep, d.reason) }]);
    const annotations = object.stringMap(at);
    // Removing the only annotation would leave `annotations: {}`; drop the empty mapping too.
    return intentEdits(object, [{ op: 'remove', path: annotations.size === 1 ? at : path }]);
  }
  const { text } = parsed;
  const start = lineStartAt(text, d.span.start);
  if (keep.length > 0) {
    const keyword = d.scope.kind === 'file' ? 'kubeguard-disable-file' : DISABLE_NEXT_LINE;
    const prefix = text.slice(start, d.span.start);
    return [{ start, end: d.span.end, newText: `${prefix}# ${keyword} ${formatDirectiveText(keep, d.reason)}` }];
  }
  const nl = text.indexOf('\n', d.span.end);
  return [{ start, end: nl === -1 ? text.length : nl + 1, newText: '' }];
}

function within(inner: Span, outer: Span | undefined): boolean {
  return outer !== undefined && inner.start >= outer.start && inner.end <= outer.end;
}
