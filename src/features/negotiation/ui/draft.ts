import type { Issue, PlanInput, Step, TeamMember, Worksheet } from '../contract';
import { ladderOf } from '../domain';

// The editor's working copy of a plan: the worksheet's own shape, with 'tmp-…' ids for rows
// not saved yet (the server turns them into real ids and keeps references straight).

export type Draft = Pick<Worksheet, 'id' | 'version' | 'name' | 'opportunityId' | 'notes' | 'team' | 'issues'>;

let counter = 0;
export const tmpId = () => `tmp-${Date.now().toString(36)}-${++counter}`;

export function draftOf(w: Worksheet): Draft {
  return { id: w.id, version: w.version, name: w.name, opportunityId: w.opportunityId, notes: w.notes, team: w.team, issues: w.issues };
}

export function planInputOf(d: Draft): PlanInput {
  return {
    id: d.id,
    version: d.version,
    name: d.name,
    opportunityId: d.opportunityId,
    notes: d.notes,
    team: d.team.map(({ id, name, title, role, topicIssueId }) => ({ id, name, title, role, topicIssueId })),
    issues: d.issues.map(({ steps, ...i }) => ({ ...i, steps: steps.map((s) => ({ ...s })) })),
  };
}

export function newIssue(name: string): Issue {
  return {
    id: tmpId(),
    kind: 'custom',
    name,
    unit: 'days',
    direction: 'lower',
    quote: null,
    target: null,
    floor: null,
    ourPriority: 4,
    theirPriority: 4,
    theirOpening: null,
    theirFloor: null,
    steps: [],
  };
}

export function newStep(): Step {
  return {
    id: tmpId(),
    entered: 'position',
    position: null,
    size: null,
    exchange: '',
    tradedIssueId: null,
    tradedAmount: null,
    reason: '',
  };
}

export function newMember(): TeamMember {
  return { id: tmpId(), name: '', title: null, role: 'negotiator', topicIssueId: null };
}

/** Switches what the user types for a step, keeping the step where it is. */
export function switchEntered(issue: Issue, index: number, entered: Step['entered']): Step {
  const step = issue.steps[index]!;
  if (step.entered === entered) return step;
  const derived = ladderOf(issue).steps[index]!;
  return entered === 'size'
    ? { ...step, entered, size: derived.size, position: null }
    : { ...step, entered, position: derived.position, size: null };
}

/** Removing an issue also clears the references to it (traded issue, negotiator topic). */
export function removeIssue(d: Draft, issueId: string): Draft {
  return {
    ...d,
    issues: d.issues
      .filter((i) => i.id !== issueId)
      .map((i) => ({
        ...i,
        steps: i.steps.map((s) => (s.tradedIssueId === issueId ? { ...s, tradedIssueId: null, tradedAmount: null } : s)),
      })),
    team: d.team.map((m) => (m.topicIssueId === issueId ? { ...m, topicIssueId: null } : m)),
  };
}
