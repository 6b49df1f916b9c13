import { GraphqlResponseError } from '@moim/graphql-client';
import { notLead } from './errors';

/** Runs a lead-only API call; the API's FORBIDDEN (the acting member does not lead the opening) becomes its own polite text. */
export async function asLead<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GraphqlResponseError && error.code === 'FORBIDDEN') throw notLead();
    throw error;
  }
}
