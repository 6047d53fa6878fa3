// The extension host's console, minus the noise of an offline code-server (see "How the offline VS Code
// host works" in README.md).
import util from 'node:util';

// Messages whose first line matches are dropped whole, stack included; everything else (mocha's report,
// test failures with their stacks, the extension's own errors) is printed.
const NOISE = new RegExp(
  [
    'ChatModelSelection', 'AgentHost', 'AccountPolicyGate', 'connection token', 'Creating a socket', 'grace time',
    'ENOTFOUND', 'ERR_NAME_NOT_RESOLVED', 'authentication provider', 'Service Worker', 'builtin extensions cache',
    'Creation of workbench contribution',
  ].join('|'),
);

export function isNoise(message) {
  return NOISE.test(message.split('\n', 1)[0] ?? '');
}

/** A `codeAutomationLog` handler: prints what the extension host logs, without the noise. */
export function printHostLog(_type, args) {
  const text = util.format(...args);
  if (!isNoise(text)) console.log(text);
}
