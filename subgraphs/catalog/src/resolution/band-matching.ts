/**
 * Choosing between bands that share a (folded) name. Metal band names are shared a lot
 * (Darkness, Abigail, Sabbat...), and a listing carries little: its label, its genre text and
 * the shop's country. Each piece of evidence scores; the decision says why, and every decision
 * that is not backed by strong evidence is sent to the review queue instead of made silently.
 */

export interface BandCandidate {
  id: string;
  name: string;
  country: string | null;
  genreIds: string[];
  labelIds: string[];
}

export interface ListingEvidence {
  labelId: string | null;
  genreIds: string[];
  /** The shop's country: weak (shops sell foreign bands), only ever a tie-breaker. */
  shopCountry: string | null;
}

export const SCORES = { label: 3, genreOverlap: 2, genreConflict: -2, country: 1 } as const;
/** At or above this a candidate is backed by label or genre, not just by the shop's country. */
const STRONG = 2;

export type BandDecision =
  | { kind: 'create'; review: null | { reason: string; candidateIds: string[] } }
  | { kind: 'match'; bandId: string; review: null | { reason: string; candidateIds: string[] } };

export function scoreCandidate(candidate: BandCandidate, evidence: ListingEvidence): { score: number; why: string[] } {
  let score = 0;
  const why: string[] = [];
  if (evidence.labelId && candidate.labelIds.includes(evidence.labelId)) {
    score += SCORES.label;
    why.push('same label');
  }
  if (evidence.genreIds.length > 0 && candidate.genreIds.length > 0) {
    if (evidence.genreIds.some((id) => candidate.genreIds.includes(id))) {
      score += SCORES.genreOverlap;
      why.push('shared genre');
    } else {
      score += SCORES.genreConflict;
      why.push('no genre in common');
    }
  }
  if (evidence.shopCountry && candidate.country === evidence.shopCountry) {
    score += SCORES.country;
    why.push(`from the shop's country ${evidence.shopCountry}`);
  }
  return { score, why };
}

/** `candidates` in a stable order (oldest first): ties always go the same way. */
export function decideBand(name: string, candidates: readonly BandCandidate[], evidence: ListingEvidence): BandDecision {
  if (candidates.length === 0) return { kind: 'create', review: null };
  const scored = candidates.map((candidate) => ({ candidate, ...scoreCandidate(candidate, evidence) }));
  const describe = (list: typeof scored) =>
    list.map((s) => `${s.candidate.name}${s.candidate.country ? ` (${s.candidate.country})` : ''}: ${s.score}${s.why.length ? ` [${s.why.join(', ')}]` : ''}`).join('; ');
  const candidateIds = candidates.map((c) => c.id);
  const fitting = scored.filter((s) => s.score >= 0);

  if (fitting.length === 0) {
    return {
      kind: 'create',
      review: { reason: `No band named "${name}" fits this listing (${describe(scored)}); created a new one`, candidateIds },
    };
  }
  // The usual case: one band of that name and nothing against it.
  if (candidates.length === 1) return { kind: 'match', bandId: fitting[0]!.candidate.id, review: null };

  const best = Math.max(...fitting.map((s) => s.score));
  const top = fitting.filter((s) => s.score === best);
  const chosen = top[0]!.candidate;
  if (top.length === 1 && best >= STRONG) return { kind: 'match', bandId: chosen.id, review: null };
  const reason =
    top.length === 1
      ? `${candidates.length} bands named "${name}"; only weak evidence picked ${chosen.name} (${describe(scored)})`
      : `${top.length} bands named "${name}" fit equally (${describe(scored)}); picked the oldest`;
  return { kind: 'match', bandId: chosen.id, review: { reason, candidateIds } };
}
