import { lookupStack } from '@moim/matching';
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { MemberView, NewOpening, Vocabulary } from '../api/types';
import type { Translate } from '../i18n';
import type { Form, FormContext } from '../interactions/context';
import { encodeOpenForm, type OpenFormState } from '../interactions/custom-id';
import { UserFacingError, describeValue, missingField } from '../interactions/errors';
import { canonical } from './profile-options';

/**
 * The /open form. Discord forms hold at most five text inputs, and an opening has seven fields: kind and region are
 * the command's own options (fixed choices; autocomplete from the API vocabulary), so they arrive checked and travel
 * in the form's custom id; the form asks for the five free-text fields.
 */
export const OPEN_FIELDS = { title: 'title', stacks: 'stacks', years: 'years', seats: 'seats', description: 'description' } as const;

/** The API's and @moim/matching's limits, so Discord refuses what the API would. */
const MAX = { title: 120, stacks: 200, description: 2000 };
const MAX_YEARS = 50;
const MAX_SEATS = 50;

function textInput(customId: string, label: string, options: { style?: TextInputStyle; max: number; required: boolean; placeholder?: string; value?: string }) {
  return {
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.TextInput as const,
        custom_id: customId,
        label,
        style: options.style ?? TextInputStyle.Short,
        min_length: options.required ? 1 : 0,
        max_length: options.max,
        required: options.required,
        ...(options.placeholder ? { placeholder: options.placeholder } : {}),
        ...(options.value ? { value: options.value } : {}),
      },
    ],
  };
}

/** Prefilled with the lead's own stacks: an opening usually needs what its lead knows. */
export function openForm(state: OpenFormState, lead: MemberView, vocabulary: Vocabulary, t: Translate): Form {
  return {
    custom_id: encodeOpenForm(state, vocabulary),
    title: t('open.formTitle'),
    components: [
      textInput(OPEN_FIELDS.title, t('open.title'), { max: MAX.title, required: true, placeholder: t('open.titlePlaceholder') }),
      textInput(OPEN_FIELDS.stacks, t('open.stacks'), {
        max: MAX.stacks,
        required: true,
        placeholder: t('open.stacksPlaceholder'),
        value: lead.stacks.join(', ').slice(0, MAX.stacks),
      }),
      textInput(OPEN_FIELDS.years, t('open.years'), { max: 2, required: true, value: '0' }),
      textInput(OPEN_FIELDS.seats, t('open.seats'), { max: 2, required: true, value: '4' }),
      textInput(OPEN_FIELDS.description, t('open.description'), {
        style: TextInputStyle.Paragraph,
        max: MAX.description,
        required: false,
        placeholder: t('open.descriptionPlaceholder'),
      }),
    ],
  };
}

const badField = (field: string, value: string) => new UserFacingError('error.badOption', { field, value: describeValue(value), detail: '' });

function wholeNumber(ctx: FormContext, field: string, min: number, max: number): number {
  const text = (ctx.field(field) ?? '').trim();
  if (!/^\d{1,2}$/.test(text) || Number(text) < min || Number(text) > max) throw badField(field, text);
  return Number(text);
}

/** Stacks typed as a list ("Java, spring boot"), folded to the vocabulary's names where they have one, without repeats. */
export function splitStacks(text: string, vocabulary: Vocabulary): string[] {
  const stacks = text
    .split(/[,，、\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => canonical(vocabulary.stacks, part, lookupStack));
  return [...new Set(stacks)];
}

/** Reads and checks the submitted form; errors name the form's field. The API checks the rest (unknown stacks…). */
export function readOpenForm(ctx: FormContext, state: OpenFormState, vocabulary: Vocabulary): NewOpening {
  const title = (ctx.field(OPEN_FIELDS.title) ?? '').trim();
  if (title === '') throw missingField(OPEN_FIELDS.title);
  const stacks = splitStacks(ctx.field(OPEN_FIELDS.stacks) ?? '', vocabulary);
  if (stacks.length === 0) throw missingField(OPEN_FIELDS.stacks);
  return {
    kind: state.kind,
    region: state.region,
    title,
    stacks,
    minExperienceYears: wholeNumber(ctx, OPEN_FIELDS.years, 0, MAX_YEARS),
    capacity: wholeNumber(ctx, OPEN_FIELDS.seats, 1, MAX_SEATS),
    description: (ctx.field(OPEN_FIELDS.description) ?? '').trim(),
  };
}

/** Names an API input field by the form's field ("input.stacks[1]" -> "stacks", "input.capacity" -> "seats"). */
export function formFieldFor(apiField: string): string {
  const last = (apiField.split('.').at(-1) ?? apiField).replace(/\[\d+\]$/, '');
  if (last === 'minExperienceYears') return OPEN_FIELDS.years;
  if (last === 'capacity') return OPEN_FIELDS.seats;
  return last;
}
