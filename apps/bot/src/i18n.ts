/** Member-facing text. Korean is the default; English when the Discord client locale starts with "en". */
const ko = {
  'error.apiUnreachable': '지금은 Moim 서버에 연결할 수 없어요. 잠시 후 다시 시도해 주세요.',
  'error.badOption': '입력값을 확인해 주세요: `{field}` 값 `{value}` 은(는) 사용할 수 없어요. {detail}',
  'error.missingOption': '`{field}` 옵션이 필요해요. 옵션을 채우거나 /profile set 으로 프로필을 먼저 저장해 주세요.',
  'error.nothingFound': '조건에 맞는 결과를 찾지 못했어요. 조건을 넓혀서 다시 시도해 보세요.',
  'error.noProfile': '저장된 프로필이 없어요. /profile set 으로 프로필을 저장하거나 /match 에 옵션을 입력해 주세요.',
  'error.openingFull': '아쉽지만 이 팀은 이미 자리가 다 찼어요. 다른 팀을 찾아보세요.',
  'error.openingClosed': '이 모집은 마감되었어요.',
  'error.notFound': '요청한 항목을 찾을 수 없어요. 이미 삭제되었을 수 있어요.',
  'error.forbidden': '봇에 이 작업 권한이 없어요. 관리자에게 알려 주세요.',
  'error.staleButton': '이 버튼은 더 이상 사용할 수 없어요. 명령어를 다시 실행해 주세요.',
  'error.cooldown': '조금만 천천히! {seconds}초 후에 다시 시도해 주세요.',
  'error.unknown': '알 수 없는 문제가 생겼어요. 잠시 후 다시 시도해 주세요. (오류 코드: {ref})',
  'error.unsupported': '지원하지 않는 요청이에요.',
  'kind.PROJECT': '프로젝트',
  'kind.STUDY': '스터디',
  'match.header': '추천 결과 {from}–{to}위',
  'match.headerProfile': '저장된 프로필로 찾은 추천 결과 {from}–{to}위',
  'match.region': '지역',
  'match.stacks': '스택',
  'match.minYears': '최소 경력',
  'match.anyYears': '무관',
  'match.years': '{years}년차 이상',
  'match.seats': '남은 자리',
  'match.seatsValue': '{free} / {capacity}',
  'match.reasons': '추천 이유',
  'match.score': '적합도',
  'button.apply': '지원하기 {n}',
  'button.more': '더 보기',
  'button.similar': '비슷한 팀원 보기 {n}',
  'button.save': '이 조건을 프로필로 저장',
  'apply.done': '**{title}** 에 지원했어요! 팀장이 확인하면 알려 드릴게요.',
  'apply.already': '**{title}** 에는 이미 지원했어요.',
  'profile.saved': '프로필을 저장했어요.',
  'profile.deleted': '프로필을 삭제했어요.',
  'profile.title': '{name} 님의 프로필',
  'profile.experience': '경력',
  'profile.traits': '추가 정보',
  'profile.none': '없음',
  'profile.yearsValue': '{years}년',
  'similar.title': '{title} 에 어울리는 팀원',
  'team.title': '{title} 추천 팀 (총점 {total})',
  'team.empty': '아직 추천할 팀원이 없어요.',
  'team.missing': '아무도 갖지 않은 필요 스택: {stacks}',
  'notify.on': '알림을 켰어요. 적합도 {percent}% 이상인 새 모집이 올라오면 DM으로 알려 드릴게요.',
  'notify.off': '알림을 껐어요.',
  'notify.status': '알림: {state}',
  'notify.stateOn': '켜짐 (적합도 {percent}% 이상)',
  'notify.stateOff': '꺼짐',
  'notify.dm': '새 모집이 회원님과 잘 맞아요!',
} as const;

export type MessageKey = keyof typeof ko;

const en: Record<MessageKey, string> = {
  'error.apiUnreachable': 'The Moim server cannot be reached right now. Please try again in a moment.',
  'error.badOption': 'Please check your input: `{field}` value `{value}` is not accepted. {detail}',
  'error.missingOption': 'The `{field}` option is required. Fill it in or save a profile first with /profile set.',
  'error.nothingFound': 'Nothing matched. Try broader options.',
  'error.noProfile': 'You have no saved profile. Save one with /profile set, or give /match some options.',
  'error.openingFull': 'Sorry, this team is already full. Try another one.',
  'error.openingClosed': 'This opening is closed.',
  'error.notFound': 'That item could not be found. It may have been deleted.',
  'error.forbidden': 'The bot is not allowed to do that. Please tell an administrator.',
  'error.staleButton': 'This button can no longer be used. Please run the command again.',
  'error.cooldown': 'Slow down a little! Try again in {seconds}s.',
  'error.unknown': 'Something unexpected went wrong. Please try again later. (error ref: {ref})',
  'error.unsupported': 'This kind of request is not supported.',
  'kind.PROJECT': 'Project',
  'kind.STUDY': 'Study',
  'match.header': 'Matches {from}–{to}',
  'match.headerProfile': 'Matches {from}–{to} for your saved profile',
  'match.region': 'Region',
  'match.stacks': 'Stacks',
  'match.minYears': 'Min. experience',
  'match.anyYears': 'any',
  'match.years': '{years}+ years',
  'match.seats': 'Free seats',
  'match.seatsValue': '{free} / {capacity}',
  'match.reasons': 'Why',
  'match.score': 'Fit',
  'button.apply': 'Apply {n}',
  'button.more': 'More',
  'button.similar': 'Similar members {n}',
  'button.save': 'Save as my profile',
  'apply.done': 'You applied to **{title}**! You will hear back when the lead decides.',
  'apply.already': 'You have already applied to **{title}**.',
  'profile.saved': 'Your profile is saved.',
  'profile.deleted': 'Your profile is deleted.',
  'profile.title': "{name}'s profile",
  'profile.experience': 'Experience',
  'profile.traits': 'Extras',
  'profile.none': 'none',
  'profile.yearsValue': '{years} years',
  'similar.title': 'Members who fit {title}',
  'team.title': 'Proposed team for {title} (total {total})',
  'team.empty': 'No members to propose yet.',
  'team.missing': 'Required stacks nobody proposed has: {stacks}',
  'notify.on': 'Notifications on. You will get a DM when a new opening fits you at {percent}% or more.',
  'notify.off': 'Notifications off.',
  'notify.status': 'Notifications: {state}',
  'notify.stateOn': 'on ({percent}% or more)',
  'notify.stateOff': 'off',
  'notify.dm': 'A new opening fits you well!',
};

export type Language = 'ko' | 'en';

export function languageOf(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'ko';
}

export interface Translate {
  (key: MessageKey, params?: Record<string, string | number>): string;
  readonly language: Language;
}

export function translator(locale: string | null | undefined): Translate {
  const language = languageOf(locale);
  const table: Record<MessageKey, string> = language === 'en' ? en : ko;
  const translate = (key: MessageKey, params: Record<string, string | number> = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  return Object.assign(translate, { language });
}
