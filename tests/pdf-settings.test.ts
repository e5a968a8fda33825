import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseStoredSettings, resolveGlobalSettings, updateGlobal, emptyStoredSettings } from '../src/settings/model';

describe('the "Open PDFs in IOM Lens\'s reader" setting', () => {
  it('is on by default, and stored only when the user turns it off', () => {
    expect(DEFAULT_SETTINGS.pdfReader).toBe(true);
    const off = updateGlobal(emptyStoredSettings(), { pdfReader: false });
    expect(off.global).toEqual({ pdfReader: false });
    expect(resolveGlobalSettings(off).pdfReader).toBe(false);
    expect(updateGlobal(off, { pdfReader: true }).global).toEqual({});
  });

  it('settings saved before it existed read as on; a bad value is reported and ignored', () => {
    expect(resolveGlobalSettings(parseStoredSettings({ global: { theme: 'dark' }, sites: [] }).value).pdfReader).toBe(true);
    const parsed = parseStoredSettings({ global: { pdfReader: 'yes' }, sites: [] });
    expect(parsed.warnings.join()).toContain('pdfReader');
    expect(resolveGlobalSettings(parsed.value).pdfReader).toBe(true);
  });
});
