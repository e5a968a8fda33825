/**
 * The public-suffix-aware check of a new site pattern, apart from ./model.ts because the
 * list (tldts, about 130 KB) belongs in the options page only, not in every frame's
 * content script.
 */
import { parse as parseDomain } from 'tldts';
import { validatePattern, type PatternValidation } from './model';

/**
 * validatePattern, and for a wildcard also that it stays inside one registrable domain:
 * "*.example.co.uk" is a site and its subdomains, "*.co.uk" or "*.github.io" would be
 * every site under a public suffix. Used where the user adds a site (options, import);
 * reading storage uses validatePattern alone, so the content script does not carry the
 * public suffix list (about 130 KB).
 */
export function checkNewSitePattern(input: string): PatternValidation {
  const checked = validatePattern(input);
  if (!checked.ok || !checked.pattern.startsWith('*.')) return checked;
  const domain = checked.pattern.slice(2);
  const parsed = parseDomain(domain, { allowPrivateDomains: true });
  if (!parsed.domain || parsed.publicSuffix === domain) return { ok: false, error: 'wildcard-over-suffix' };
  return checked;
}
