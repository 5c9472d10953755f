import { TimelineEvent } from './model';

/** Where a character of a written field came from. */
export type Origin = 'typed' | 'external' | 'internal';

/** A run of characters of one origin. */
export interface Run { origin: Origin; text: string }

/** One field's text after some number of the session's edits. */
export interface FieldState { field: string; runs: Run[]; length: number }

/**
 * Rebuilds every written field from the timeline's `input` and `paste` events, keeping for each
 * character whether it was typed, pasted from outside the page, or pasted from the task itself (a
 * quote), so that the replay can mark pasted spans. Edits apply as the server's replay applies them: a
 * paste inserts at `pos`; an input replaces `del` characters at `pos` with `ins`; an edit past the end
 * is clamped (the server counts those as inconsistent).
 */
export class ProvenanceReplay {
  /** The edits in log order: only `input` and `paste` events with a field. */
  readonly edits: TimelineEvent[];

  constructor(events: TimelineEvent[]) {
    this.edits = events.filter(e => (e.type === 'input' || e.type === 'paste') && typeof e.field === 'string');
  }

  /** Every field as it stood after the first `count` edits, in the order fields were first written. */
  after(count: number): FieldState[] {
    const fields = new Map<string, { chars: string[]; origins: Origin[] }>();
    for (const e of this.edits.slice(0, Math.max(0, count))) {
      const f = fields.get(e.field!) ?? { chars: [], origins: [] };
      fields.set(e.field!, f);
      const paste = e.type === 'paste';
      const insert = Array.from((paste ? e.text : e.ins) ?? '');
      const pos = Math.min(Math.max(0, e.pos ?? 0), f.chars.length);
      const del = paste ? 0 : Math.min(Math.max(0, e.del ?? 0), f.chars.length - pos);
      const origin: Origin = paste ? (e.source === 'internal' ? 'internal' : 'external') : 'typed';
      f.chars.splice(pos, del, ...insert);
      f.origins.splice(pos, del, ...insert.map(() => origin));
    }
    return [...fields.entries()].map(([field, f]) => ({ field, runs: runsOf(f.chars, f.origins), length: f.chars.length }));
  }
}

function runsOf(chars: string[], origins: Origin[]): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < chars.length; i++) {
    const last = runs[runs.length - 1];
    if (last && last.origin === origins[i]) last.text += chars[i];
    else runs.push({ origin: origins[i], text: chars[i] });
  }
  return runs;
}
