/**
 * The RBAC custom requests: thin adapters between the connection and the pure engine in rbac/, plus the
 * change notification the views refresh on. Positions are computed here, from each file's line index.
 */
import type { Connection } from 'vscode-languageserver';
import {
  ClassifyRbacRulesRequest,
  WhoCanRequest,
  WorkspaceRbacChangedNotification,
  WorkspaceRbacRequest,
} from '../protocol';
import { rbacFingerprint, sameFingerprint } from '../rbac/rbacFingerprint';
import { parseResourceQuery } from '../rbac/resourceQuery';
import { classifyRule } from '../rbac/risk/classify';
import { whoCanReport, workspaceReport } from '../rbac/workspaceReport';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { issueToProtocol, Locator, permissionToProtocol, subjectOf, subjectToProtocol, toFlag } from './rbacProtocol';

/** Coalesces bursts of index changes (the start-up scan, typing) into one fingerprint check. */
const CHANGE_DEBOUNCE_MS = 150;

const MASTERS_NOTE =
  'Members of the group system:masters can do anything: the API server allows them before RBAC is consulted, so no binding shows it.';

export function registerRbacRequests(connection: Connection, index: WorkspaceIndex): void {
  connection.onRequest(ClassifyRbacRulesRequest.method, (params: ClassifyRbacRulesRequest.Params): ClassifyRbacRulesRequest.Result => ({
    risks: params.rules.map((rule) => classifyRule(rule, params.namespace ? 'namespace' : 'cluster').map(toFlag)),
  }));

  const tracker = new RbacChangeTracker(index, (version) => void connection.sendNotification(WorkspaceRbacChangedNotification.method, { version }));

  connection.onRequest(WorkspaceRbacRequest.method, (params: WorkspaceRbacRequest.Params | undefined): WorkspaceRbacRequest.Result => {
    const version = tracker.sync();
    const report = workspaceReport(index.view());
    const locate = new Locator(index);
    const onlyRisky = params?.onlyRisky === true;
    const subjects = report.subjects
      .map((s) => subjectToProtocol(s, locate, onlyRisky))
      .filter((s) => !onlyRisky || s.permissions.length > 0 || s.issues.length > 0);
    return { version, rbacObjects: report.rbacObjects, subjects, issues: report.issues.map((i) => issueToProtocol(i, locate)) };
  });

  connection.onRequest(WhoCanRequest.method, (params: WhoCanRequest.Params): WhoCanRequest.Result => {
    const request = { ...parseResourceQuery(params.verb.trim(), params.resource, params.apiGroup, params.name), ...(params.namespace ? { namespace: params.namespace } : {}) };
    const locate = new Locator(index);
    const subjects = whoCanReport(index.view(), request).map((e) => ({
      subject: subjectOf(e.identity),
      label: e.label,
      grants: e.rows.map((r) => permissionToProtocol(r.restrictedTo ? { ...r, resourceNames: r.restrictedTo } : r, locate)),
    }));
    return { subjects, notes: [MASTERS_NOTE] };
  });
}

/** A version of the workspace's RBAC facts, bumped (and announced) when their fingerprint changes. */
class RbacChangeTracker {
  version = 0;
  private last: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly announce: (version: number) => void,
  ) {
    index.onDidChange(() => this.schedule());
  }

  /** Brings the version up to date now (a request must not answer with a stale version). */
  sync(): number {
    this.check(false);
    return this.version;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.check(true);
    }, CHANGE_DEBOUNCE_MS);
    this.timer.unref();
  }

  private check(announce: boolean): void {
    const now = rbacFingerprint(this.index.view());
    if (sameFingerprint(now, this.last)) return;
    this.last = now;
    this.version++;
    if (announce) this.announce(this.version);
  }
}
