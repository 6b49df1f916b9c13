// Words for job statuses, which the console reads as plain strings. Unknown values (a newer API) are shown as
// they come.
import type { TFunction } from 'i18next';
import { ko } from './ko';

type JobStatusKey = keyof typeof ko.jobStatus;

function isKnownJobStatus(status: string): status is JobStatusKey {
  return Object.hasOwn(ko.jobStatus, status);
}

export function jobStatusLabel(t: TFunction, status: string): string {
  const key = status.toUpperCase();
  return isKnownJobStatus(key) ? t(`jobStatus.${key}`) : status;
}
