import { session, Money } from '../shell/api';

export interface PlatformTerms {
  currency: string;
  tierMultipliers: Record<string, number>;
  idleThresholdSeconds: number;
}

let terms: Promise<PlatformTerms> | null = null;

/** `GET /api/platform`, once per page load: the multipliers and the idle threshold rarely change. */
export function platform(): Promise<PlatformTerms> {
  if (!terms) terms = session.get<PlatformTerms>('/api/platform').catch(e => { terms = null; throw e; });
  return terms;
}

/**
 * The hourly rate shown on the board: the job's rate times the expert's tier multiplier, rounded half
 * up to a minor unit, as the platform's pay arithmetic rounds it (the statement shows the paid figure).
 */
export function effectiveRate(rate: Money, multiplier: number): Money {
  const basisPoints = Math.round(multiplier * 10000);
  return { amountMinor: Math.floor((rate.amountMinor * basisPoints + 5000) / 10000), currency: rate.currency };
}
