// The downloadable CSV template on the import page: the upload header (@moim/matching's UPLOAD_COLUMNS, the list
// the preview and the API check against) and two example rows whose values are all in the matching vocabulary, so the file as
// downloaded imports cleanly and an admin can overwrite the rows with their own.
import { UPLOAD_COLUMNS, UPLOAD_LIST_SEPARATOR, type UploadColumn } from '@moim/matching';
import { formatCsvRecord } from './csv';

export const TEMPLATE_FILE_NAME = 'moim-openings-template.csv';

const list = (...items: string[]) => items.join(UPLOAD_LIST_SEPARATOR);

export const TEMPLATE_ROWS: readonly Readonly<Record<UploadColumn, string>>[] = [
  {
    externalId: 'example-project-001',
    kind: '프로젝트',
    title: '스터디 모임 매칭 앱 사이드 프로젝트 팀원 모집',
    description: '주 1회 강남역 오프라인 회의, 나머지는 온라인으로 진행합니다. 디자이너 1명은 확정되었습니다.',
    region: '서울특별시',
    stacks: list('React', 'TypeScript', 'Node.js'),
    minExperienceYears: '1',
    tags: list('프로젝트 중심', '팀 협업'),
    capacity: '4',
    leadDiscordId: '',
  },
  {
    externalId: 'example-study-001',
    kind: '스터디',
    title: '코틀린 + 스프링 부트 백엔드 스터디',
    description: '매주 수요일 저녁 온라인으로 "코틀린 인 액션"을 함께 읽고, 작은 API를 만들어 봅니다.',
    region: '재택',
    stacks: list('Kotlin', 'Spring Boot'),
    minExperienceYears: '0',
    tags: list('스터디', '비전공자 환영'),
    capacity: '6',
    leadDiscordId: '',
  },
];

/**
 * The template's text: a BOM (so spreadsheet programs open the Hangul as UTF-8; the API and the preview skip
 * it), the header, the example rows, CRLF line ends as in RFC 4180.
 */
export function openingsCsvTemplate(): string {
  const records = [UPLOAD_COLUMNS, ...TEMPLATE_ROWS.map((row) => UPLOAD_COLUMNS.map((column) => row[column]))];
  return `\uFEFF${records.map(formatCsvRecord).join('\r\n')}\r\n`;
}
