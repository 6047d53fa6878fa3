/** Message fragments shared by every finding of a kind. */
import type { SyntaxProblem } from '../document/manifestDocument';
import { describePolicy, type PodSecurityPolicy } from '../pss/policy';
import type { Rule } from '../rules/rule';

/** " [PSS restricted: Privilege Escalation; policy restricted latest from settings]": the control, level and where the policy came from. */
export function pssSuffix(rule: Rule, policy: PodSecurityPolicy): string {
  if (!rule.pss) return '';
  return ` [PSS ${rule.pss.level}: ${rule.pss.control}; policy ${describePolicy(policy)}]`;
}

/** "YAML syntax error: …" / "YAML warning: …", as the editor and the CLI both report a YAML problem. */
export function yamlProblemMessage(p: SyntaxProblem): string {
  return `YAML ${p.severity === 'error' ? 'syntax error' : 'warning'}: ${p.message}`;
}
