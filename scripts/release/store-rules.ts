/**
 * What the Chrome Web Store and addons.mozilla.org (AMO) accept in a manifest's name and description,
 * checked by tests/store-manifest.test.ts on the sources and by `npm run release:check` on the builds.
 *
 * Limits (characters, counted as Unicode code points):
 * - name: Chrome Web Store 75 (developer.chrome.com/docs/extensions/reference/manifest/name); AMO 50 on
 *   its listing (MDN manifest.json/name); addons-linter's manifest schema, which AMO runs on every upload,
 *   rejects more than 45 (`"maxLength": 45` on `name`); the Edge store also takes 45. The strictest wins.
 * - short_name: Chrome recommends at most 12 so it is never truncated (same page).
 * - description: 132 in Chrome and Firefox (developer.chrome.com/docs/extensions/reference/manifest/description,
 *   MDN manifest.json/description), in every locale. AMO turns it into the listing's summary (250 there).
 *
 * Third-party marks: "IOM" names the organisation the extension explains (nominative use) and the
 * extension must not "represent that [it] is authorized by, endorsed by, or produced by another company or
 * organization" (Chrome Web Store policy, Impersonation & Intellectual Property), so every locale's name
 * says it is unofficial and its description that it is not affiliated. Browser marks (Mozilla, Firefox,
 * Chrome, Google) stay out of the name: addons-linter rejects Mozilla's, the Chrome branding guidelines
 * restrict Google's. The reasoning is in docs/store-listing.md.
 */
export const STORE_LIMITS = { name: 45, shortName: 12, description: 132 } as const;

/** Per locale: the words that say "unofficial" in the name and "not affiliated" in the description. */
export const DISCLAIMERS: Record<string, { unofficial: RegExp; notAffiliated: RegExp }> = {
  en: { unofficial: /\bunofficial\b/i, notAffiliated: /\bnot affiliated with IOM\b/i },
  fr: { unofficial: /\bnon officiel\b/i, notAffiliated: /\bsans lien avec l[’']OIM\b/i },
  es: { unofficial: /\bno oficial\b/i, notAffiliated: /\bsin relación con la OIM\b/i },
};

const BROWSER_MARKS = /\b(?:mozilla|firefox|chrome|chromium|google)\b/i;

interface ListingStrings {
  locale: string;
  name: string;
  shortName?: string;
  description: string;
}

/** Length in code points, as the stores count characters. */
const charCount = (s: string): number => [...s].length;

/** Every way `strings` breaks a store rule, as readable sentences; empty when it is fine. */
export function storeProblems({ locale, name, shortName, description }: ListingStrings): string[] {
  const problems: string[] = [];
  const over = (what: string, text: string, limit: number) => {
    if (charCount(text) > limit) problems.push(`${locale}: ${what} is ${charCount(text)} characters, the limit is ${limit}: "${text}"`);
  };
  over('name', name, STORE_LIMITS.name);
  if (shortName !== undefined) over('short_name', shortName, STORE_LIMITS.shortName);
  over('description', description, STORE_LIMITS.description);
  for (const [what, text] of [['name', name], ['short_name', shortName ?? ''], ['description', description]]) {
    if (/[<>]/.test(text)) problems.push(`${locale}: ${what} must be plain text, without markup: "${text}"`);
    if (text !== text.trim()) problems.push(`${locale}: ${what} has leading or trailing spaces`);
  }
  if (charCount(name) < 2) problems.push(`${locale}: name must have at least 2 characters`);
  if (BROWSER_MARKS.test(name)) problems.push(`${locale}: name uses a browser's trademark: "${name}"`);
  const disclaimer = DISCLAIMERS[locale];
  if (!disclaimer) {
    problems.push(`${locale}: no disclaimer wording is known for this locale (add it to DISCLAIMERS)`);
  } else {
    if (!disclaimer.unofficial.test(name)) problems.push(`${locale}: name does not say it is unofficial: "${name}"`);
    if (!disclaimer.notAffiliated.test(description)) {
      problems.push(`${locale}: description does not say it is not affiliated with IOM: "${description}"`);
    }
  }
  return problems;
}
