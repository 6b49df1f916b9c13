// The admin key lives in sessionStorage: it survives reloads of this tab and is gone when the tab closes.
const KEY = 'moim.admin.key';

export function loadAdminKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveAdminKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function clearAdminKey(): void {
  sessionStorage.removeItem(KEY);
}
