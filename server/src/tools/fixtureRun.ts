/** Runs the whole engine on a rule's fixture, with the rule switched on, as the editor would. */
import { analyzeText } from '../analysis/fileAnalysis';
import { DEFAULT_SETTINGS, type EngineSettings } from '../analysis/settings';
import { workspaceOf } from '../analysis/workspaceView';
import { parseManifests } from '../document/parseManifests';
import type { Finding, Rule } from '../rules/rule';
import { parseFixture, type RuleFixture } from './ruleFixture';

/** The fixture's own `# settings:` header, with the rule under test enabled even if it is off by default. */
export function fixtureSettings(rule: Rule, fixture: RuleFixture): EngineSettings {
  const own = (fixture.settings ?? {}) as Partial<EngineSettings>;
  return {
    ...DEFAULT_SETTINGS,
    ...own,
    rules: { ...(own.rules ?? {}), [rule.id]: { ...(own.rules?.[rule.id] ?? {}), enabled: true } },
  };
}

export interface FixtureRun {
  readonly text: string;
  readonly fixture: RuleFixture;
  readonly settings: EngineSettings;
  /** Every finding of every rule: the whole catalog runs, so PSS overrides and overlaps behave as in the editor. */
  readonly all: Finding[];
  /** The findings of the rule under test. */
  readonly own: Finding[];
}

export function runFixture(rule: Rule, text: string): FixtureRun {
  const fixture = parseFixture(text);
  const settings = fixtureSettings(rule, fixture);
  const parsed = parseManifests(text);
  const workspace = workspaceOf(parsed.documents.flatMap((d) => d.objects));
  const all = [...analyzeText(text, { settings, workspace }, parsed).findings];
  return { text, fixture, settings, all, own: all.filter((f) => f.ruleId === rule.id) };
}
