// Turns the openings page's form into the API's OpeningFilter; empty choices are left out, not sent as "".
import type { OpeningKind } from '@moim/matching';

export interface OpeningFilterForm {
  kind: '' | OpeningKind;
  region: string;
  status: '' | 'OPEN' | 'FULL' | 'CLOSED';
  text: string;
}

export const EMPTY_FILTER: OpeningFilterForm = { kind: '', region: '', status: '', text: '' };

export function toOpeningFilter(form: OpeningFilterForm): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (form.kind) filter.kind = form.kind;
  if (form.region) filter.regions = [form.region];
  if (form.status) filter.status = [form.status];
  const text = form.text.trim();
  if (text) filter.text = text;
  return filter;
}
