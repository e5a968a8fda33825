import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../src/settings/model';

// The store defines its storage items (and so runs migrations) on first use; each test
// imports a fresh copy after putting what it needs into the fake storage.
async function freshStore() {
  vi.resetModules();
  return import('../src/settings/store');
}

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('settings store', () => {
  it('gives the defaults when storage is empty, and stores nothing by reading', async () => {
    const store = await freshStore();
    expect(await store.getEffectiveSettings('example.org')).toEqual(DEFAULT_SETTINGS);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('stores a site switch in sync storage, with its version, and only the change', async () => {
    const store = await freshStore();
    await store.setSiteEnabled('news.example.org', false);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({
      settings: { global: {}, sites: [{ pattern: 'news.example.org', enabled: false }] },
      settings$: { v: 2 },
    });
    expect((await store.getEffectiveSettings('news.example.org')).enabled).toBe(false);
    expect((await store.getEffectiveSettings('example.org')).enabled).toBe(true);
  });

  it('migrates a version-1 value on first use', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, disabledSites: ['*.example.org'] } });
    const store = await freshStore();
    expect((await store.getEffectiveSettings('www.example.org')).enabled).toBe(false);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({
      settings: { global: {}, sites: [{ pattern: '*.example.org', enabled: false }] },
      settings$: { v: 2 },
    });
  });

  it('a corrupt value yields defaults for the bad fields and a warning, never a throw', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ settings: { global: { theme: 42, highlightStyle: 'outline' }, sites: 'oops' }, settings$: { v: 2 } });
    const store = await freshStore();
    const settings = await store.getEffectiveSettings('example.org');
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, highlightStyle: 'outline' });
    expect(warn).toHaveBeenCalled();
    expect(String(warn.mock.calls[0][0])).toMatch(/invalid settings/);
  });

  it('a value from a future version yields the defaults and a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ settings: { global: { enabled: false }, sites: [], colours: {} }, settings$: { v: 7 } });
    const store = await freshStore();
    expect(await store.getEffectiveSettings('example.org')).toEqual(DEFAULT_SETTINGS);
    expect(warn.mock.calls.some(([m]) => /newer version/.test(String(m)))).toBe(true);
    // A change made here replaces the unreadable value and is read back.
    await store.setSiteEnabled('example.org', false);
    expect(await fakeBrowser.storage.sync.get('settings$')).toEqual({ settings$: { v: 2 } });
    expect((await store.getEffectiveSettings('example.org')).enabled).toBe(false);
  });

  // Issue 9: @wxt-dev/storage runs one migration step per version number, so {v: -5000000}
  // cost every frame a 2–3 s task. Such versions are corrupt: the item is reset before any
  // migration runs (a valid field in it is dropped too), with a warning; other keys stay.
  for (const v of [-5_000_000, -1e8, 0, 1.5, 1e12, '-1e8', 'two', null]) {
    it(`a corrupt version (${JSON.stringify(v)}) resets the settings before any migration, other keys untouched`, async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      vi.spyOn(console, 'error').mockImplementation(() => {});
      await fakeBrowser.storage.sync.set({ settings: { global: { theme: 'dark' }, sites: [] }, settings$: { v }, unrelated: { keep: 1 } });
      await fakeBrowser.storage.local.set({ other: 'kept' });
      const store = await freshStore();
      expect(await store.getGlobalSettings()).toEqual(DEFAULT_SETTINGS);
      expect(await fakeBrowser.storage.sync.get(null)).toEqual({ unrelated: { keep: 1 } });
      expect(await fakeBrowser.storage.local.get(null)).toEqual({ other: 'kept' });
      expect(warn.mock.calls.some(([m]) => /sync:settings has an impossible settings version.*reset to the defaults/.test(String(m)))).toBe(true);
      // Saving works afterwards and writes the current version.
      await store.setGlobalEnabled(false);
      expect(await fakeBrowser.storage.sync.get(['settings', 'settings$'])).toEqual({ settings: { global: { enabled: false }, sites: [] }, settings$: { v: 2 } });
    });
  }

  it('a corrupt version in local storage is reset there, and sync is read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ settings: { global: { theme: 'light' }, sites: [] }, settings$: { v: 2 } });
    await fakeBrowser.storage.local.set({ settings: { global: { theme: 'dark' }, sites: [] }, settings$: { v: -1e8 } });
    const store = await freshStore();
    expect((await store.getGlobalSettings()).theme).toBe('light');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('a plausible version is left alone (1 migrates, 2 is read)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ settings: { global: { theme: 'dark' }, sites: [] }, settings$: { v: 2 } });
    const store = await freshStore();
    expect((await store.getGlobalSettings()).theme).toBe('dark');
    expect(warn).not.toHaveBeenCalled();
  });

  it('falls back to local storage when a sync write fails, and local wins until sync works again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = await freshStore();
    const syncSet = vi
      .spyOn(fakeBrowser.storage.sync, 'set')
      .mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    await store.setGlobalEnabled(false);
    expect(warn).toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: { global: { enabled: false }, sites: [] } });
    expect((await store.getEffectiveSettings('example.org')).enabled).toBe(false);

    syncSet.mockRestore();
    await store.setSiteEnabled('example.org', false);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
    expect(await fakeBrowser.storage.sync.get('settings')).toEqual({
      settings: { global: { enabled: false }, sites: [{ pattern: 'example.org', enabled: false }] },
    });
  });

  it('settings too large for one sync item go to local storage without trying sync', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = await freshStore();
    const syncSet = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const { updateSite } = await import('../src/settings/model');
    await store.updateStoredSettings((stored) => {
      let next = stored;
      for (let i = 0; i < 150; i++) next = updateSite(next, `site-number-${i}.example-with-a-long-name.org`, { enabled: false });
      return next;
    });
    expect(syncSet).not.toHaveBeenCalled();
    expect(((await fakeBrowser.storage.local.get('settings')).settings as { sites: unknown[] }).sites).toHaveLength(150);
    expect((await store.getEffectiveSettings('site-number-7.example-with-a-long-name.org')).enabled).toBe(false);
  });

  it('when sync storage cannot be read, local settings are used, else the defaults, without a throw', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ settings: { global: { theme: 'light' }, sites: [] }, settings$: { v: 2 } });
    const store = await freshStore();
    expect((await store.getGlobalSettings()).theme).toBe('light');
    // Sync becomes unreadable after start-up (the storage library itself leaves an
    // unhandled rejection if sync fails during its own start-up reads).
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('sync is disabled'));
    expect((await store.getGlobalSettings()).theme).toBe('system');
    expect(warn.mock.calls.some(([m]) => /could not read synced settings/.test(String(m)))).toBe(true);
    await fakeBrowser.storage.local.set({ settings: { global: { theme: 'dark' }, sites: [] }, settings$: { v: 2 } });
    expect((await store.getGlobalSettings()).theme).toBe('dark');
  });

  // Issue 8: every page's content script reads the settings; defining the storage items costs
  // eight reads in four round trips. A current value (or none) is read once per area.
  for (const [what, stored, theme] of [
    ['nothing stored', {}, 'system'],
    ['a current value', { settings: { global: { theme: 'dark' }, sites: [] }, settings$: { v: 2 } }, 'dark'],
  ] as const) {
    it(`reads ${what} with one storage read per area, and writes nothing`, async () => {
      await fakeBrowser.storage.sync.set(stored);
      const syncGet = vi.spyOn(fakeBrowser.storage.sync, 'get');
      const localGet = vi.spyOn(fakeBrowser.storage.local, 'get');
      const syncSet = vi.spyOn(fakeBrowser.storage.sync, 'set');
      const store = await freshStore();
      expect((await store.getGlobalSettings()).theme).toBe(theme);
      expect(syncGet).toHaveBeenCalledTimes(1);
      expect(localGet).toHaveBeenCalledTimes(1);
      expect(syncSet).not.toHaveBeenCalled();
    });
  }

  it('watchEffectiveSettings reports changes for the host until aborted', async () => {
    const store = await freshStore();
    const seen: boolean[] = [];
    const controller = new AbortController();
    store.watchEffectiveSettings('example.org', (s) => seen.push(s.enabled), controller.signal);
    await store.getEffectiveSettings('example.org');
    await store.setSiteEnabled('example.org', false);
    await vi.waitFor(() => expect(seen).toEqual([false]));
    await store.setSiteEnabled('other.org', false); // does not change example.org's settings
    await store.setSiteEnabled('example.org', true);
    await vi.waitFor(() => expect(seen).toEqual([false, true]));
    controller.abort();
    await store.setSiteEnabled('example.org', false);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([false, true]);
  });

  it('two quick writes from one page are both kept', async () => {
    const store = await freshStore();
    await Promise.all([store.setSiteEnabled('a.org', false), store.setSiteEnabled('b.org', false)]);
    expect((await store.getStoredSettings()).sites.map((s) => s.pattern)).toEqual(['a.org', 'b.org']);
  });
});

describe('page settings (the content script, without the storage library)', () => {
  /** The background's side of settings:repair, as entrypoints/background answers it. */
  async function answerRepairs() {
    const store = await freshStore();
    const repairs: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      repairs.push(message);
      if ((message as { type?: string }).type === 'settings:repair') return store.repairStoredSettings().then(() => ({ ok: true }));
      return undefined;
    });
    return repairs;
  }

  it('reads a current value without asking the background', async () => {
    await fakeBrowser.storage.sync.set({ settings: { global: {}, sites: [{ pattern: 'example.org', enabled: false }] }, settings$: { v: 2 } });
    const repairs = await answerRepairs();
    const page = await import('../src/settings/page-settings');
    expect((await page.getEffectiveSettings('example.org')).enabled).toBe(false);
    expect(repairs).toEqual([]);
  });

  it('has the background migrate a version-1 value, then reads it', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, disabledSites: ['*.example.org'] } });
    const repairs = await answerRepairs();
    const page = await import('../src/settings/page-settings');
    expect((await page.getEffectiveSettings('www.example.org')).enabled).toBe(false);
    expect(repairs).toEqual([{ type: 'settings:repair' }]);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({
      settings: { global: {}, sites: [{ pattern: '*.example.org', enabled: false }] },
      settings$: { v: 2 },
    });
  });

  it('has the background discard a corrupt version (the defaults), other keys kept', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.sync.set({ settings: { global: { enabled: false }, sites: [] }, settings$: { v: -5_000_000 }, unrelated: 1 });
    await answerRepairs();
    const page = await import('../src/settings/page-settings');
    expect(await page.getEffectiveSettings('example.org')).toEqual(DEFAULT_SETTINGS);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({ unrelated: 1 });
  });
});
