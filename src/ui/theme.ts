import type { Theme } from '../settings/types';

/**
 * Applies the theme setting to an extension page. "system" leaves the choice to
 * prefers-color-scheme (see base.css); "light"/"dark" force it.
 */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
