/** The Pod Security Standards rules, one per PSS check of `policy/check_*.go`. */
import type { Rule } from '../rule';
import { hostNamespaces } from './hostNamespaces';
import { runAsNonRoot } from './nonRoot';
import { allowPrivilegeEscalation, privilegedContainer } from './privilege';

export const PSS_RULES: readonly Rule[] = [hostNamespaces, privilegedContainer, allowPrivilegeEscalation, runAsNonRoot];
