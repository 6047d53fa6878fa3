/** Runs the engine on a YAML string the way the server and CLI do. */
import { analyzeText } from '../../server/src/analysis/fileAnalysis';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../server/src/analysis/settings';
import { workspaceOf } from '../../server/src/analysis/workspaceView';
import { parseManifests } from '../../server/src/document/parseManifests';
import type { Finding } from '../../server/src/rules/rule';

export function analyze(text: string, settings: Partial<EngineSettings> = {}): { findings: Finding[]; text: string } {
  const parsed = parseManifests(text);
  const workspace = workspaceOf(parsed.documents.flatMap((d) => d.objects));
  const result = analyzeText(text, { settings: { ...DEFAULT_SETTINGS, ...settings }, workspace }, parsed);
  return { findings: [...result.findings], text };
}

/** `ruleId@line:col-line:col` (1-based lines as an editor shows them) for compact assertions. */
export function where(f: Finding, text: string): string {
  const pos = (o: number): string => {
    const before = text.slice(0, o);
    const line = before.split('\n').length;
    return `${line}:${o - before.lastIndexOf('\n')}`;
  };
  return `${f.ruleId}@${pos(f.span.start)}-${pos(f.span.end)}`;
}

export function covered(f: Finding, text: string): string {
  return text.slice(f.span.start, f.span.end);
}
