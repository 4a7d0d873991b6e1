/**
 * The analyst's API key, kept for this browser session only (sessionStorage: closing the tab
 * forgets it, and other sites cannot read it).
 */
const STORAGE_KEY = 'soar.apiKey';

export const readApiKey = (): string | null => sessionStorage.getItem(STORAGE_KEY);
export const storeApiKey = (key: string): void => sessionStorage.setItem(STORAGE_KEY, key);
export const forgetApiKey = (): void => sessionStorage.removeItem(STORAGE_KEY);
