/** Hover over the bundled server: the rule's help on findings, nothing anywhere else. */
import assert from 'node:assert/strict';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../support/lspClient';
import { yaml } from '../support/yamlText';

const uri = 'file:///work/ws/hover.yaml';
const text =
  yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          hostNetwork: true
          containers:
          - name: app
            image: nginx:1.27
            securityContext:
              privileged: true
              # kubeguard-disable-next-line allow-privilege-escalation -- the entrypoint drops privileges itself
              allowPrivilegeEscalation: true
  ` + '\n';

/** Position of the first occurrence of `needle` in the text, plus `delta` characters. */
function at(needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is in the text`);
  const before = text.slice(0, offset + delta);
  return { line: before.split('\n').length - 1, character: offset + delta - (before.lastIndexOf('\n') + 1) };
}

describe('hover', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start(undefined, { kubeguard: { podSecurity: { level: 'restricted', version: 'latest' } } });
    await client.open(uri, text);
    await client.diagnosticsAt(uri, 1);
  });
  after(() => client.stop());

  const hoverAt = (position: Position, target = uri): Promise<Hover | null> => client.connection.sendRequest('textDocument/hover', { textDocument: { uri: target }, position });
  const markdown = (h: Hover | null): string => {
    assert.ok(h, 'a hover is returned');
    const contents = h.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    return contents.value;
  };

  it('declares the hover capability', () => {
    assert.equal(client.initializeResult?.capabilities['hoverProvider'], true);
  });

  it('explains the rule of the finding under the pointer: what, why, fix, docs link and PSS control', async () => {
    const h = await hoverAt(at('privileged: true', 3));
    const md = markdown(h);
    assert.match(md, /\*\*KubeGuard: Privileged container\*\* `privileged-container` · error/);
    assert.match(md, /\*\*What it checks\.\*\* Flags containers/);
    assert.match(md, /\*\*Why it matters\.\*\* A privileged container runs with all capabilities/);
    assert.match(md, /\*\*How to fix\.\*\* Set securityContext\.privileged to false.*Quick-fix: \*Set privileged: false\*/);
    assert.match(md, /Pod Security Standards baseline, control "Privileged Containers" \(check privileged\)/);
    assert.match(md, /\[Rule documentation\]\(https:\/\/github\.com\/kubeguard\/kubeguard\/blob\/main\/docs\/rules\/privileged-container\.md\)/);
    // The range is the finding's: the same as its diagnostic.
    const diagnostic = (await client.diagnosticsAt(uri, 1)).find((d) => d.code === 'privileged-container')!;
    assert.deepEqual(h!.range, diagnostic.range);
  });

  it('returns nothing where no finding is', async () => {
    for (const needle of ['apiVersion', 'name: web', 'image: nginx', 'containers:']) assert.equal(await hoverAt(at(needle, 2)), null, needle);
  });

  it('returns nothing on the character just past a finding', async () => {
    const diagnostic = (await client.diagnosticsAt(uri, 1)).find((d) => d.code === 'host-namespaces')!;
    assert.ok(await hoverAt(diagnostic.range.start));
    assert.equal(await hoverAt(diagnostic.range.end), null);
  });

  it('says what suppressed a suppressed finding, and why', async () => {
    const md = markdown(await hoverAt(at('allowPrivilegeEscalation: true', 4)));
    assert.match(md, /`allow-privilege-escalation`/);
    assert.match(md, /\*Suppressed by comment kubeguard-disable-next-line: the entrypoint drops privileges itself\.\*/);
  });

  it('shows each rule once when several findings share the position', async () => {
    // `securityContext:` carries two container findings at restricted: capabilities and the root filesystem.
    const position = at('securityContext:', 3);
    const onKey = (await client.diagnosticsAt(uri, 1)).filter((d) => d.range.start.line === position.line);
    assert.deepEqual(onKey.map((d) => d.code).sort(), ['capabilities-restricted', 'writable-root-filesystem']);
    const md = markdown(await hoverAt(position));
    for (const id of ['capabilities-restricted', 'writable-root-filesystem']) assert.equal(md.split(`\`${id}\``).length - 1, 1, `${id} shown once`);
    // Most severe first: the PSS error before the warning.
    assert.ok(md.indexOf('capabilities-restricted') < md.indexOf('writable-root-filesystem'));
  });

  it('returns nothing in YAML that is not Kubernetes and in .kubeguard.yaml', async () => {
    const ci = 'file:///work/ws/ci.yaml';
    await client.open(ci, 'name: CI\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    await client.diagnosticsAt(ci, 1);
    assert.equal(await hoverAt({ line: 0, character: 2 }, ci), null);
    const config = 'file:///work/ws/.kubeguard.yaml';
    await client.open(config, 'podSecurity:\n  level: baseline\n');
    assert.equal(await hoverAt({ line: 1, character: 4 }, config), null);
  });
});
