/**
 * The files of the .vsix, relative to the extension root: `vsce ls` must list exactly these
 * (vsixContents.test.ts) and the installed extension must hold exactly these (test/package). Changing
 * the list is a packaging decision: say why in .vscodeignore.
 */
export const EXPECTED_FILES: readonly string[] = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'client/out/extension.js',
  'package.json',
  'resources/icon.png',
  'resources/kubeguard.svg',
  'server/out/server.js',
  'snippets/kubernetes.code-snippets',
  'syntaxes/kubeguard-suppressions.tmLanguage.json',
];
