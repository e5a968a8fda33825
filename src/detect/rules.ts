/**
 * How each ambiguous form earns acceptance. Keyed by entity id and the form's text as
 * written in data/entities.json. A form marked ambiguous with no rule here gets
 * 'context' (needs IOM named on the page or migration context near it).
 */

import { foldString } from './normalize';

type EvidenceRule =
  /** IOM, OIM: IOM named unambiguously on the page, or migration context near; counter-evidence vetoes. */
  | 'org-acronym'
  /** ICEM, CIME, ICM: evidence of the migration body or its era (full name, IOM + context, years nearby). */
  | 'former-acronym'
  /** CIM: only when the full former name is on the page or the acronym is defined as it. */
  | 'defined-only'
  /** "William Swing", "Amy Pope": IOM on the page, migration context, or the DG title near. */
  | 'person-name'
  /**
   * "Swing", "Vitorino", "Pope": after a title ("Director General Swing", "Ms Pope") on a page
   * that mentions IOM, or with the full name accepted on the page and used as a name ("Pope said").
   */
  | 'person-surname'
  /** "Migrants Contribute", "Migration Means": IOM on the page and campaign wording near. */
  | 'campaign-phrase'
  | 'context';

export interface FormRule {
  rule: EvidenceRule;
  /** Collision groups (src/detect/cues.ts COLLISION_CUES) that count against this form. */
  collisions: readonly string[];
  /** Next words that show another meaning outright ("IOM Government", "ICM Research"); lower case. */
  /** Lower-case words (or two-word phrases: "immigration office") right after the form that make it another body's name. */
  vetoNext?: readonly string[];
  /** Former acronyms whose era no other meaning shares: a year of the era nearby suffices without counter-evidence. */
  eraAlone?: boolean;
  /** Surnames that are also everyday words ("Swing"): at the start of a sentence they must read as a name. */
  commonWord?: boolean;
}

export const FORM_RULES: Readonly<Record<string, FormRule>> = {
  'iom|IOM': {
    rule: 'org-acronym',
    collisions: ['isle-of-man', 'institute-of-medicine', 'occupational-medicine', 'intraoperative-monitoring', 'materials-institute', 'one-metre-yacht', 'software'],
    // 'lens': "IOM Lens" is this extension's own name, on its demo page and in its store listing.
    vetoNext: ['government', 'govt', 'tt', 'steam', 'bank', 'post', 'police', 'constabulary', 'treasury', 'airport', 'manx', 'fm', 'lens', 'immigration office'],
  },
  'iom|OIM': { rule: 'org-acronym', collisions: ['oracle-identity', 'microscopy', 'offshore', 'software'], vetoNext: ['connector', 'server', 'schema', 'console'] },
  // Italian newspapers write acronyms in title case ("l'Oim", "l'Unhcr").
  'iom|Oim': { rule: 'org-acronym', collisions: ['oracle-identity', 'microscopy', 'offshore'] },
  'iom|МОМ': { rule: 'org-acronym', collisions: [] },
  'icem|ICEM': { rule: 'former-acronym', collisions: ['cfd', 'union-federation', 'educational-media'], vetoNext: ['cfd', 'hexa', 'tetra', 'mesh', 'meshing'], eraAlone: true },
  'icem|CIME': { rule: 'former-acronym', collisions: ['cime-maths', 'union-federation', 'cfd'] },
  'icm|ICM': {
    rule: 'former-acronym',
    collisions: ['mathematicians', 'midwives', 'pollster', 'talent-agency', 'embryology', 'cardiology', 'colour-management', 'brain-institute', 'domain-registry'],
    vetoNext: ['research', 'unlimited', 'partners', 'poll', 'polls', 'survey'],
  },
  'icm|CIM': { rule: 'defined-only', collisions: ['computing'] },
  // Dotted forms of the French/Spanish acronyms ("C.I.M.E." in 1950s–70s print), judged like the plain ones.
  'icem|C.I.M.E.': { rule: 'former-acronym', collisions: ['cime-maths', 'union-federation', 'cfd'] },
  'icm|C.I.M.': { rule: 'defined-only', collisions: ['computing'] },
  'person/william-lacy-swing|William Swing': { rule: 'person-name', collisions: ['bishop'] },
  'person/william-lacy-swing|Swing': { rule: 'person-surname', collisions: ['bishop', 'swing-words'], commonWord: true },
  'person/antonio-vitorino|Vitorino': { rule: 'person-surname', collisions: [] },
  'person/amy-pope|Amy Pope': { rule: 'person-name', collisions: [] },
  'person/amy-pope|إيمي بوب': { rule: 'person-name', collisions: [] },
  'person/amy-pope|艾米·波普': { rule: 'person-name', collisions: [] },
  'person/amy-pope|Эми Поуп': { rule: 'person-name', collisions: [] },
  'person/amy-pope|Pope': { rule: 'person-surname', collisions: ['papacy'] },
  'campaign/migrants-contribute|Migrants Contribute': { rule: 'campaign-phrase', collisions: [] },
  'campaign/migration-means|Migration Means': { rule: 'campaign-phrase', collisions: [] },
};

/** Titles that, right before a bare surname, make it a reference to a person ("Director General Swing"). */
export const PERSON_TITLES: readonly string[] = [
  'director general', 'director-general', 'directeur general', 'directrice generale', 'directora general', 'diretor-geral',
  'diretora-geral', 'direttore generale', 'direttrice generale', 'generaldirektor', 'generaldirektorin', 'dg',
  'ambassador', 'ambassadeur', 'embajador', 'mr', 'mr.', 'ms', 'ms.', 'mrs', 'mrs.', 'm.', 'mme', 'sr.', 'sra.', 'senor', 'senora',
];

export const DEFAULT_RULE: FormRule = { rule: 'context', collisions: [] };

/**
 * Words that, right after an unambiguous branding form, show it names something else:
 * "UN Migration Compact" is the Global Compact, not IOM.
 */
export const BRANDING_GUARDS: Readonly<Record<string, readonly string[]>> = {
  // "UN Migration Multi-Partner Trust Fund" (the Migration MPTF) is a fund, not IOM.
  'UN Migration': ['compact', 'pact', 'network', 'multi', 'summit', 'conference', 'agreement', 'treaty', 'declaration', 'agenda', 'framework', 'forum', 'policy', 'deal', 'plan', 'chief', 'envoy', 'report'],
  'ONU Migration': ['pacte', 'pacto', 'reseau', 'red'],
  'ONU Migracion': ['pacto', 'red'],
};

/** Verbs and words after a bare surname that show it is used as the person's name ("Swing said"); folded, as the text they are compared with. */
export const SURNAME_FOLLOWERS = new Set([
  'said', 'says', 'told', 'added', 'noted', 'stressed', 'urged', 'explained', 'warned', 'called', 'argued', 'insisted',
  'emphasized', 'emphasised', 'underlined', 'welcomed', 'praised', 'thanked', 'announced', 'visited', 'met', 'opened',
  'launched', 'recalled', 'pointed', 'highlighted', 'observed', 'acknowledged', 'wrote', 'declared', 'replied',
  'asked', 'spoke', 'addressed', 'appealed', 'reiterated', 'concluded', 'continued', 'believes', 'believed',
  'has', 'had', 'was', 'is', 'will', 'would', 'also', 'who', 'and', 'a', 'dit', 'dijo', 'afirmó', 'señaló',
  // "a déclaré" is caught by its first word, "a".
].map((word) => foldString(word)));
