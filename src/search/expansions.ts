import { foldTerm } from './options';

/**
 * Query expansion: reader words → the article's own words.
 *
 * Why a table: the article (and its infobox) say "Formation 1951" and "was born in 1951",
 * never "founded"; "underwent a succession of name changes … as it was first known", never
 * "former names"; "Director General", never "head" or "leader". A reader's plain question
 * would find nothing, or the wrong section, without this bridge. The popup also speaks
 * French and Spanish (IOM's official languages) while the article is English only, so the
 * main topic words of those languages map onto the English headings.
 *
 * Only the query is expanded (the index holds the article's words), and expansion terms
 * weigh less than the reader's own words (EXPANSION_WEIGHT in search.ts). Keys are folded
 * the way processTerm folds them (no accents, lower case).
 */
const TABLE: Record<string, string[]> = {
  // founding
  founded: ['formation', 'born'],
  founding: ['formation', 'born'],
  found: ['formation', 'born'],
  established: ['formation', 'born'],
  establishment: ['formation', 'born'],
  created: ['formation', 'born'],
  creation: ['formation', 'born'],
  started: ['formation', 'born'],
  start: ['formation', 'born'],
  began: ['formation', 'born'],
  origin: ['formation', 'born', 'roots'],
  origins: ['formation', 'born', 'roots'],
  // former names
  former: ['name', 'changes', 'first', 'known'],
  formerly: ['name', 'changes', 'first', 'known'],
  previous: ['name', 'changes', 'first', 'known'],
  previously: ['name', 'changes', 'first', 'known'],
  old: ['name', 'changes', 'first', 'known'],
  renamed: ['name', 'changes'],
  // the infobox fields, in readers' words
  countries: ['member', 'states'],
  members: ['member', 'states', 'membership'],
  head: ['director', 'general'],
  leads: ['director', 'general'],
  heads: ['director', 'general'],
  leader: ['director', 'general'],
  chief: ['director', 'general'],
  boss: ['director', 'general'],
  dg: ['director', 'general'],
  located: ['headquarters'],
  location: ['headquarters'],
  based: ['headquarters'],
  hq: ['headquarters'],
  employees: ['staff'],
  employ: ['staff'],
  personnel: ['staff'],
  workforce: ['staff'],
  money: ['budget'],
  funding: ['budget'],
  funds: ['budget'],
  spending: ['budget'],
  languages: ['language', 'official'],
  // French and Spanish topic words → the English headings
  sante: ['health'],
  salud: ['health'],
  traite: ['trafficking'],
  trata: ['trafficking'],
  refugies: ['refugees', 'resettlement'],
  refugiados: ['refugees', 'resettlement'],
  reinstallation: ['resettlement'],
  reasentamiento: ['resettlement'],
  frontieres: ['border'],
  frontiere: ['border'],
  fronteras: ['border'],
  frontera: ['border'],
  environnement: ['environment'],
  ambiente: ['environment'],
  climat: ['climate'],
  clima: ['climate'],
  developpement: ['development'],
  desarrollo: ['development'],
  travail: ['labour'],
  trabajo: ['labour'],
  laboral: ['labour'],
  urgence: ['emergencies'],
  urgences: ['emergencies'],
  emergencias: ['emergencies'],
  humanitaire: ['humanitarian'],
  humanitaria: ['humanitarian'],
  recherche: ['research'],
  investigacion: ['research'],
  politique: ['policy'],
  politica: ['policy'],
  histoire: ['history'],
  historia: ['history'],
  campagne: ['campaign'],
  campana: ['campaign'],
  membres: ['member', 'states'],
  miembros: ['member', 'states'],
  fondation: ['formation', 'born'],
  fondee: ['formation', 'born'],
  fundacion: ['formation', 'born'],
  fundada: ['formation', 'born'],
  siege: ['headquarters'],
  sede: ['headquarters'],
  directeur: ['director', 'general'],
  directora: ['director', 'general'],
};

const EXPANSIONS = new Map(Object.entries(TABLE).map(([k, v]) => [foldTerm(k), v]));

/** Article words a (processed) query term stands for; empty when it needs no bridge. */
export function expansionsFor(term: string): string[] {
  return EXPANSIONS.get(term) ?? [];
}
