// The admin console in a real browser (Debian's Chromium via playwright-core) against the real API on a real
// PostgreSQL database: sign-in refusals, a CSV upload with good and bad rows, progress, rejected rows, the stored
// openings, an idempotent re-upload, closing an opening, the CSV template, Korean by default with an English
// switch that survives a reload, and the offline GraphQL IDE.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_COLUMNS } from '@moim/matching';
import { formatCsvRecord } from '../src/lib/csv';
import { TEMPLATE_FILE_NAME } from '../src/lib/openings-template';
import { launchChromium } from './support/chromium';
import type { InProcessApi } from '@moim/api/testing';
import { startConsoleApi } from './support/api';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const SAMPLE_CSV = fixture('openings-sample.csv');
const SAMPLE_JSONL = fixture('openings-sample.jsonl');
const GOOD_IDS = [1, 2, 3, 4, 5, 6].map((n) => `admin-sample-00${n}`);
const BAD_ROWS = [
  { row: '7', line: '8', externalId: 'admin-sample-bad-region', field: 'region', value: '화성시' },
  { row: '8', line: '9', externalId: 'admin-sample-bad-stack', field: 'stacks[0]', value: 'Cobol' },
  { row: '9', line: '10', externalId: 'admin-sample-bad-years', field: 'minExperienceYears', value: '99' },
  { row: '10', line: '11', externalId: 'admin-sample-bad-capacity', field: 'capacity', value: '0' },
];
const SCREENSHOTS = '/tmp/moim-admin';

let api: InProcessApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const foreignRequests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  [api, browser] = await Promise.all([startConsoleApi(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
  page = await context.newPage();
  const origin = new URL(api.url).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.close();
});

async function signIn(key: string): Promise<void> {
  await page.goto(`${api.url}/admin/`);
  await page.fill('#admin-key', key);
  await page.click('button[type=submit]');
}

/** Records every value each progress bar shows, so the test sees the bar move and never go back. */
async function watchProgress(): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number[]> = {};
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    const record = () => {
      for (const bar of document.querySelectorAll('[data-testid$="-progress"]')) {
        const id = bar.getAttribute('data-testid')!;
        const value = Number(bar.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow'));
        const list = (seen[id] ??= []);
        if (list[list.length - 1] !== value) list.push(value);
      }
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

async function importFile(path: string, rows = 10): Promise<void> {
  await page.click('a[href="#/import"]');
  await page.setInputFiles('#openings-file', path);
  await page.getByTestId('file-preview').waitFor();
  expect(await page.getByTestId('chosen-file').textContent()).toBe(basename(path));
  expect(await page.getByTestId('preview-rows').textContent()).toBe(String(rows));
  await watchProgress();
  await page.getByRole('button', { name: '업로드하고 가져오기' }).click();
  await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
}

async function graphql(query: string, variables: Record<string, unknown>, key: string) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function tableRows(testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
}

const htmlLang = (target: Page = page) => target.evaluate(() => document.documentElement.lang);

describe('admin console in Chromium against the real API', () => {
  it('refuses a missing key, a wrong key and a BOT key, in Korean, and keeps none of them', async () => {
    await signIn('   ');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toBe('관리자 API 키를 입력하세요.');
    expect(await htmlLang()).toBe('ko');
    expect(await page.title()).toBe('Moim 관리자');
    expect(await page.getByRole('button', { name: '로그인' }).count()).toBe(1);

    await page.fill('#admin-key', 'moim_this_key_does_not_exist_0000');
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toContain('받아들여지지 않은 키');

    await page.fill('#admin-key', api.botKey);
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toContain('ADMIN 키가 아닙니다');
    await page.screenshot({ path: `${SCREENSHOTS}-signin-refused.png` });

    expect(await page.evaluate(() => sessionStorage.getItem('moim.admin.key'))).toBeNull();
    expect(await page.locator('#openings-file').count()).toBe(0);
  });

  it('uploads a CSV with good and bad rows: progress to 100%, rejected rows named, good rows stored', async () => {
    await signIn(api.adminKey);
    await page.locator('#openings-file').waitFor({ state: 'attached' });
    expect(await page.getByTestId('chosen-file').textContent()).toBe('선택한 파일 없음');
    expect(await page.evaluate(() => sessionStorage.getItem('moim.admin.key'))).toBe(api.adminKey);

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('모집글 가져오기');
    await importFile(SAMPLE_CSV);
    expect(await page.getByTestId('import-summary').textContent()).toBe('생성 6 · 갱신 0 · 거부 4');

    const progress = await page.evaluate(() => (window as unknown as { __progress: Record<string, number[]> }).__progress);
    for (const bar of ['upload-progress', 'import-progress']) {
      const values = progress[bar] ?? [];
      expect(values.at(-1), bar).toBe(100);
      expect(values, `${bar} never goes back`).toEqual([...values].sort((a, b) => a - b));
      expect(await page.getByTestId(bar).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    }

    const rejected = await tableRows('rejected-rows');
    expect(rejected.map(([row, line, externalId, field]) => ({ row, line, externalId, field }))).toEqual(
      BAD_ROWS.map(({ row, line, externalId, field }) => ({ row, line, externalId, field })),
    );
    for (const [i, bad] of BAD_ROWS.entries()) expect(rejected[i]![4], bad.field).toContain(bad.value);
    await page.screenshot({ path: `${SCREENSHOTS}-import.png`, fullPage: true });

    const stored = await api.db.prisma.opening.findMany({
      where: { externalId: { startsWith: 'admin-sample-' } },
      orderBy: { externalId: 'asc' },
    });
    expect(stored.map((o) => o.externalId)).toEqual(GOOD_IDS);
    const csvTitles = readFileSync(SAMPLE_CSV, 'utf8')
      .split('\n')
      .slice(1, 7)
      .map((line) => line.split(',')[2]);
    expect(stored.map((o) => o.title)).toEqual(csvTitles);
    expect(stored.find((o) => o.externalId === 'admin-sample-003')?.region).toBe('부산광역시');
  });

  it('lists the stored openings with seats and applications, filters them, and closes and reopens one', async () => {
    await page.click('a[href="#/openings"]');
    await expect.poll(async () => (await tableRows('openings-table')).length).toBe(6);
    const rows = await tableRows('openings-table');
    const titles = rows.map((cells) => cells[0]);
    expect(titles).toContain('스프링 부트 쇼핑몰 백엔드 팀원 모집');
    expect(titles).toContain('코틀린 백엔드 스터디');
    const spring = rows.find((cells) => cells[0] === '스프링 부트 쇼핑몰 백엔드 팀원 모집')!;
    expect(spring.slice(1, 9)).toEqual(['프로젝트', '서울특별시', 'Java, Spring Boot, JPA', '2', '모집 중', '0 / 4 확정', '0', 'admin-sample-001']);
    await page.screenshot({ path: `${SCREENSHOTS}-openings.png`, fullPage: true });

    const filter = page.getByTestId('openings-filter');
    await filter.getByLabel('검색어').fill('코틀린');
    await filter.getByRole('button', { name: '필터 적용' }).click();
    await expect.poll(async () => (await tableRows('openings-table')).map((cells) => cells[0])).toEqual(['코틀린 백엔드 스터디']);
    await filter.getByLabel('검색어').fill('');
    await filter.getByLabel('지역').selectOption('재택');
    await filter.getByRole('button', { name: '필터 적용' }).click();
    await expect.poll(async () => (await tableRows('openings-table')).map((cells) => cells[0])).toEqual(['리액트 입문 스터디']);

    const row = page.locator('[data-testid=openings-table] tbody tr', { hasText: '리액트 입문 스터디' });
    await row.getByRole('button', { name: '닫기' }).click();
    await row.getByRole('button', { name: '다시 열기' }).waitFor();
    expect((await api.db.prisma.opening.findUnique({ where: { externalId: 'admin-sample-002' } }))?.status).toBe('CLOSED');
    await row.getByRole('button', { name: '다시 열기' }).click();
    await row.getByRole('button', { name: '닫기' }).waitFor();
    expect((await api.db.prisma.opening.findUnique({ where: { externalId: 'admin-sample-002' } }))?.status).toBe('OPEN');
  });

  it('re-uploading the JSON Lines twin updates the same openings instead of duplicating them', async () => {
    await importFile(SAMPLE_JSONL);
    expect(await page.getByTestId('import-summary').textContent()).toBe('생성 0 · 갱신 6 · 거부 4');
    expect((await tableRows('rejected-rows')).map((cells) => cells[3])).toEqual(BAD_ROWS.map((bad) => bad.field));
    expect(await api.db.prisma.opening.count({ where: { externalId: { startsWith: 'admin-sample-' } } })).toBe(6);
  });

  it('shows an opening with its recommended members (with Korean reasons) and proposed team', async () => {
    const members = [
      { displayName: '김고랭', region: '대전', experienceYears: 4, stacks: ['Go'], traits: ['CS 전공자'] },
      { displayName: '이채널', region: '대전광역시', experienceYears: 3, stacks: ['Go', 'Node.js'], traits: [] },
      { displayName: '박자바', region: '부산', experienceYears: 1, stacks: ['Java'], traits: ['비전공자'] },
    ];
    for (const input of members) {
      const answer = await graphql(
        'mutation($input: MemberInput!) { upsertMember(input: $input) { id } }',
        { input },
        api.botKey,
      );
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    }

    await page.click('a[href="#/openings"]');
    await page.getByRole('link', { name: 'Go 동시성 스터디' }).click();
    await page.getByRole('heading', { name: 'Go 동시성 스터디' }).waitFor();
    await page.getByTestId('recommended-members').waitFor();
    const recommended = await tableRows('recommended-members');
    expect(recommended.map((cells) => cells[0]).sort()).toEqual(['김고랭', '박자바', '이채널']);
    const best = recommended.find((cells) => cells[0] === '김고랭')!;
    expect(best[6]).toContain('스택 일치 (Go)');
    const team = await tableRows('proposed-team');
    expect(team.length).toBeGreaterThan(0);
    expect(team.map((cells) => cells[0])).toContain('김고랭');
    await page.screenshot({ path: `${SCREENSHOTS}-opening.png`, fullPage: true });
  });

  it('starts a re-embed and follows it to the end', async () => {
    await page.click('a[href="#/reembed"]');
    await expect.poll(() => page.getByTestId('model-id').textContent()).toMatch(/@[0-9a-f]{12} \(\d+차원\)/);
    await page.getByRole('button', { name: '재임베딩 시작' }).click();
    const bar = page.getByTestId('reembed-progress');
    await expect.poll(() => bar.getByRole('progressbar').getAttribute('aria-valuenow'), { timeout: 20_000 }).toBe('100');
    expect(await bar.textContent()).toContain('완료');
    await page.screenshot({ path: `${SCREENSHOTS}-reembed.png` });
  });

  it('shows the import moving while a larger file is processed (6,000 rows, stored in chunks of 500)', async () => {
    const regions = ['서울', '부산', '재택', '경기도', '제주'];
    const stacks = ['Java', 'React', 'Go', 'Django', 'TypeScript', 'Kotlin'];
    const lines = ['externalId,kind,title,description,region,stacks,minExperienceYears,tags,capacity'];
    for (let i = 0; i < 6000; i++) {
      const stackPair = `${stacks[i % 6]};${stacks[(i + 1) % 6]}`;
      lines.push(`bulk-${i},STUDY,대량 업로드 스터디 ${i},설명 ${i},${regions[i % 5]},${stackPair},${i % 6},스터디,${1 + (i % 9)}`);
    }
    const path = join(mkdtempSync(join(tmpdir(), 'moim-admin-')), 'bulk.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);

    await importFile(path, 6000);
    expect(await page.getByTestId('import-summary').textContent()).toBe('생성 6000 · 갱신 0 · 거부 0');
    const values = (await page.evaluate(() => (window as unknown as { __progress: Record<string, number[]> }).__progress))[
      'import-progress'
    ]!;
    expect(values.at(-1)).toBe(100);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.filter((v) => v > 0 && v < 100).length, `seen: ${values.join(', ')}`).toBeGreaterThan(0);
    expect(await api.db.prisma.opening.count({ where: { externalId: { startsWith: 'bulk-' } } })).toBe(6000);

    await page.click('a[href="#/openings"]');
    await expect.poll(() => page.getByTestId('openings-count').textContent()).toBe('6006개 중 50개 표시');
    await page.getByRole('button', { name: '더 불러오기' }).click();
    await expect.poll(() => page.getByTestId('openings-count').textContent()).toBe('6006개 중 100개 표시');
    const ids = await page.locator('[data-testid=openings-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-external-id')));
    expect(new Set(ids).size, 'pages do not overlap').toBe(100);
  });

  it('offers a CSV template that downloads and imports as 2 new openings', async () => {
    await page.click('a[href="#/import"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-template').click()]);
    expect(download.suggestedFilename()).toBe(TEMPLATE_FILE_NAME);
    const path = join(mkdtempSync(join(tmpdir(), 'moim-admin-')), TEMPLATE_FILE_NAME);
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(UPLOAD_COLUMNS.join(','));

    await importFile(path, 2);
    expect(await page.getByTestId('import-summary').textContent()).toBe('생성 2 · 갱신 0 · 거부 0');
    expect(await page.getByTestId('rejected-rows').count()).toBe(0);
    const stored = await api.db.prisma.opening.findMany({
      where: { externalId: { startsWith: 'example-' } },
      orderBy: { externalId: 'asc' },
    });
    expect(stored.map((o) => [o.externalId, o.kind, o.region, o.stacks])).toEqual([
      ['example-project-001', 'PROJECT', '서울특별시', ['React', 'TypeScript', 'Node.js']],
      ['example-study-001', 'STUDY', '재택', ['Kotlin', 'Spring Boot']],
    ]);
  });

  it('switches to English, keeps the choice across a reload and in a new tab, and back to Korean', async () => {
    await page.click('a[href="#/openings"]');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('모집글');
    await page.screenshot({ path: `${SCREENSHOTS}-korean.png` });

    const switcher = page.getByTestId('language-switch');
    await switcher.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Openings');
    expect(await htmlLang()).toBe('en');
    expect(await page.title()).toBe('Moim admin');
    expect(await page.evaluate(() => localStorage.getItem('moim.admin.language'))).toBe('en');
    await expect.poll(() => page.getByTestId('openings-count').textContent()).toBe('50 of 6008 shown');
    const filter = page.getByTestId('openings-filter');
    await filter.getByLabel('Text').fill('쇼핑몰');
    await filter.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(async () => (await tableRows('openings-table')).map((cells) => cells.slice(0, 7))).toEqual([
      ['스프링 부트 쇼핑몰 백엔드 팀원 모집', 'Project', '서울특별시', 'Java, Spring Boot, JPA', '2', 'Open', '0 / 4 taken'],
    ]);

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Openings');
    expect(await htmlLang()).toBe('en');
    expect(await page.getByRole('link', { name: 'Import openings' }).count()).toBe(1);
    expect(await switcher.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: `${SCREENSHOTS}-english.png` });

    // A new tab has no session key: the sign-in page, already in English.
    const tab = await context.newPage();
    await tab.goto(`${api.url}/admin/`);
    await tab.click('button[type=submit]');
    await expect.poll(() => tab.getByTestId('signin-error').textContent()).toBe('Enter an admin API key.');
    expect(await htmlLang(tab)).toBe('en');
    await tab.close();

    await switcher.getByRole('button', { name: '한국어' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('모집글');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('모집글');
    expect(await htmlLang()).toBe('ko');
    expect(await page.evaluate(() => localStorage.getItem('moim.admin.language'))).toBe('ko');
  });

  it('shows file text inside a translated message as text, not markup', async () => {
    const column = '<img src=x onerror="window.__injected=1">';
    const path = join(mkdtempSync(join(tmpdir(), 'moim-admin-')), 'markup.csv');
    const header = formatCsvRecord(['kind', 'title', 'region', 'stacks', 'minExperienceYears', 'capacity', column]);
    writeFileSync(path, `${header}\nSTUDY,t,서울,Go,0,2,x\n`);
    await page.click('a[href="#/import"]');
    await page.setInputFiles('#openings-file', path);
    const problem = page.getByTestId('file-preview').locator('p.error');
    await expect.poll(() => problem.textContent()).toBe(`헤더(1번째 줄)에 알 수 없는 열이 있습니다: ${column}`);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(await page.getByRole('button', { name: '업로드하고 가져오기' }).isDisabled()).toBe(true);
  });

  it('serves the GraphQL IDE offline and runs a query with it', async () => {
    await page.goto(`${api.url}/graphiql/`);
    // The editors load asynchronously; run only once the example query is in the query editor
    // (\s: Monaco renders spaces as U+00A0).
    await expect
      .poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 15_000 })
      .toMatch(/query\sVocabulary/);
    await page.locator('.graphiql-execute-button').click();
    // Monaco renders only visible lines: the answer starts with the vocabulary's first region.
    await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 15_000 }).toContain('서울특별시');
    await page.screenshot({ path: `${SCREENSHOTS}-graphiql.png` });
  });

  it('loaded nothing from outside the API origin and threw no page errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
