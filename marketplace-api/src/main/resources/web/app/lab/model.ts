import { Money } from '../shell/api';

/** A job as `GET /api/jobs/{id}` answers it to its lab. */
export interface LabJob {
  id: string;
  title: string;
  domain: string;
  instructions: string;
  comparison: 'PAIRWISE' | 'RANK';
  dimensions: { key: string; description: string; scaleMin: number; scaleMax: number }[];
  judgmentsPerItem: number;
  minTier: number;
  hourlyRate: Money;
  expectedMinutesPerItem: number;
  budget: Money;
  status: 'DRAFT' | 'PUBLISHED' | 'PAUSED' | 'COMPLETED';
  pauseReason?: 'LAB' | 'BUDGET_EXHAUSTED' | null;
  items: number;
  createdAt: string;
}

export interface Progress {
  items: number;
  judgmentsRequired: number;
  judgmentsSubmitted: number;
  judgmentsAccepted: number;
  agreement: { alpha: number | null; dimensions?: Record<string, number | null> };
  spent: Money | null;
  budget: Money | null;
}

export interface Domain { key: string; name: string }

export const STATUS_TEXT: Record<string, string> = {
  DRAFT: 'Draft', PUBLISHED: 'Published', PAUSED: 'Paused', COMPLETED: 'Completed',
};

/** Minor units per major unit of a currency (2 for USD, 0 for JPY), as Intl knows it. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "45.50" in `currency` → minor units, or null when it is not a plain non-negative amount. */
export function toMinor(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const trimmed = text.trim();
  const pattern = digits === 0 ? /^\d{1,13}$/ : new RegExp(`^\\d{1,13}(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(trimmed)) return null;
  const [whole, fraction = ''] = trimmed.split('.');
  return Number(whole) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
}
