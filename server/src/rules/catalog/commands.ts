/** What containers run: sudo in the command line. */
import type { Rule } from '../rule';
import { entries, subject } from './podFacts';

/**
 * `sudo` as a command word: at the start, after whitespace or a shell operator, optionally with a path
 * (`/usr/bin/sudo`), and followed by a word boundary. `visudo`, `sudoers` and `--no-sudo` do not match.
 */
const SUDO = /(?:^|[\s;&|(`'"])(?:[^\s;&|(`'"]*\/)?sudo(?=$|[\s;&|)`'"])/;

export const sudoInCommand: Rule = {
  id: 'sudo-in-command',
  title: 'sudo in the container command',
  category: 'container',
  severity: 'warning',
  enabledByDefault: true,
  description: 'Flags `command` and `args` entries that run `sudo` (as a command word, also inside `sh -c` scripts).',
  rationale:
    'sudo only works when the image ships a setuid-root binary and a sudoers policy, i.e. when the container can become root at will. That defeats runAsNonRoot hardening and means privilege escalation is part of the design; allowPrivilegeEscalation: false would break it.',
  remediation: 'Remove sudo: run the container as the user it needs, or do the privileged step in the image build or an init container.',
  reads: ['spec.{initContainers,containers,ephemeralContainers}[*].{command,args}'],
  concepts: ['SEC-SUDO'],
  peers: { kubescape: 'C-0062' },
  appliesTo: 'workloads',
  check({ object, pod, report }) {
    for (const c of pod?.containers ?? []) {
      for (const field of ['command', 'args']) {
        for (const e of entries(object, [field], c.node)) {
          if (typeof e.value !== 'string' || !SUDO.test(e.value)) continue;
          report({ span: e.span, container: c, message: `${subject(c)} runs sudo in its ${field}.` });
        }
      }
    }
  },
};

export const COMMAND_RULES: readonly Rule[] = [sudoInCommand];
