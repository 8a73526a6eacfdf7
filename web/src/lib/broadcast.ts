import type { BroadcastInput } from '@mrt/operations';

export type BroadcastAudience = 'ALL' | 'BAND' | 'LABEL' | 'GENRE';

export interface BroadcastForm {
  title: string;
  message: string;
  audience: BroadcastAudience;
  /** The chosen band, label or genre (unused for ALL). */
  target: { id: string; name: string } | null;
}

/** The mutation's input, or the field the operator still has to fill. */
export function broadcastInput(form: BroadcastForm): { input: BroadcastInput } | { missing: 'target' } {
  const base = { title: form.title, message: form.message };
  if (form.audience === 'ALL') return { input: base };
  if (!form.target) return { missing: 'target' };
  return { input: { ...base, followersOf: { type: form.audience, id: form.target.id } } };
}

/** Who will receive it, for the confirmation the operator reads before sending. */
export function audienceText(form: Pick<BroadcastForm, 'audience' | 'target'>): string {
  if (form.audience === 'ALL') return 'every fan who follows something';
  const noun = { BAND: 'band', LABEL: 'label', GENRE: 'genre' }[form.audience];
  return form.target ? `the followers of the ${noun} ${form.target.name}` : `the followers of a ${noun} (choose one)`;
}

/** "Sent to 3 fans." */
export function sentText(count: number): string {
  return count === 0 ? 'Nobody follows that yet: the message reached no one.' : `Sent to ${count} fan${count === 1 ? '' : 's'}.`;
}
