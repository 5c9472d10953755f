/** Sessions as task-service shows them to admins (`GET /api/admin/sessions`, `GET /api/sessions/{id}`). */
export interface Signal {
  name: string;
  family: 'INPUT_PROVENANCE' | 'ATTENTION' | 'IDENTITY_CONTENT' | string;
  value: number;
  threshold: number;
  direction?: 'AT_LEAST' | 'AT_MOST';
  fired: boolean;
  summary?: string;
  evidence?: { seq?: number; t?: number; field?: string; sessionId?: string; note?: string }[];
}

export interface Case {
  decision: 'CLEAR' | 'CONFIRM';
  reason: string;
  decidedBy: string;
  decidedAt: string;
  judgmentId?: string;
  appeal?: { statement: string; appealedAt: string; decision?: 'UPHOLD' | 'OVERTURN'; reason?: string; decidedBy?: string; decidedAt?: string } | null;
}

export interface AdminSession {
  id: string;
  kind: string;
  taskId: string;
  judgmentId?: string;
  jobId?: string;
  expertId?: string;
  state: string;
  openedAt?: string;
  closedAt?: string;
  finalisedAt?: string;
  activeSeconds?: number;
  paidSeconds?: number;
  eventCount?: number;
  externalPasteShare?: number | null;
  signals: Signal[];
  case?: Case | null;
}

export interface SessionPage { state: string; sessions: AdminSession[]; limit: number; offset: number; nextOffset: number | null }

export interface TimelineEvent {
  seq: number;
  t: number;
  type: string;
  field?: string;
  pos?: number;
  del?: number;
  ins?: string;
  text?: string;
  source?: 'external' | 'internal';
  label?: string;
  from?: number;
  to?: number;
  count?: number;
  length?: number;
}

export interface Timeline {
  sessionId: string;
  events: TimelineEvent[];
  replay: Record<string, { t: number; text: string }[]>;
  pastes: { field: string; t: number; length: number; source: string }[];
  inconsistentEdits?: number;
}

export const FAMILY_TEXT: Record<string, string> = {
  INPUT_PROVENANCE: 'Input provenance', ATTENTION: 'Attention', IDENTITY_CONTENT: 'Identity and content',
};

export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}
