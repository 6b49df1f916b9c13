import type { Reason } from '../api/types';
import type { Language } from '../i18n';

/** The "(…)" detail at the end of an API reason message, e.g. "Java, Spring Boot" from "스택 일치 (Java, Spring Boot)". */
function detail(message: string): string {
  return /\(([^()]*)\)\s*$/.exec(message)?.[1] ?? '';
}

function withDetail(label: string, message: string): string {
  const inside = detail(message);
  return inside ? `${label} (${inside})` : label;
}

const ENGLISH: Record<string, (message: string) => string> = {
  STACK_MATCH: (m) => withDetail('Stack match', m),
  STACK_RELATED: (m) => withDetail('Related stack', m),
  NO_STACK_OVERLAP: (m) => withDetail('No shared stack', m).replace('요구:', 'needs'),
  CS_MAJOR_REQUIRED: () => 'CS major required (you: non-major)',
  REMOTE_OPENING: () => 'Remote',
  SAME_REGION: () => 'Same region',
  DIFFERENT_REGION: (m) => withDetail('Other region', m),
  EXPERIENCE_MET: (m) => (m.includes('무관') ? 'Any experience' : withDetail('Experience met', m).replace(/년차( 이상)?/g, 'y')),
  EXPERIENCE_SHORT_ONE: () => '1 year short',
  EXPERIENCE_SHORT: (m) => `${/(\d+)년/.exec(m)?.[1] ?? 'some'} years short`,
  SHARED_TAG: (m) => withDetail('Shared interest', m),
};

/** Reasons come from the API in Korean; English readers get the same facts from the reason code. */
export function reasonText(reason: Reason, language: Language): string {
  if (language === 'ko') return reason.message;
  return ENGLISH[reason.code]?.(reason.message) ?? reason.message;
}
