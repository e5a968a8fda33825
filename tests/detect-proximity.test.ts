/**
 * Evidence weighed by proximity (review of issue 3): IOM's acronyms are decided by their nearest
 * evidence; far-off counter-evidence matters only when there is none near.
 */
import { describe, expect, it } from 'vitest';
import { found, at } from './detect-helpers';

/** Neutral text that puts what follows well beyond every evidence window. */
const FAR = ` ${'The committee met again on Tuesday to review the budget and the timetable. '.repeat(8)}`;

describe('an acronym defined by IOM\'s full name survives counter-evidence far away', () => {
  it('keeps "International Organization for Migration (IOM)" and later IOMs despite an Institute of Medicine citation', () => {
    const text = `The International Organization for Migration (IOM) runs health checks before departure.${FAR}Later IOM published its annual report.${FAR}References: Institute of Medicine. 2005. Vaccine Safety. Washington: National Academies Press.`;
    expect(found(text)).toEqual([
      at(text, 'International Organization for Migration', 'iom'),
      at(text, 'IOM', 'iom', 0),
      at(text, 'IOM', 'iom', 1),
    ]);
  });

  it('keeps "l\'Organisation internationale pour les migrations (OIM)" despite an Oracle Identity Manager ad on the page', () => {
    const text = `L'Organisation internationale pour les migrations (OIM) ouvre un bureau à Bamako. L'OIM recrute.${FAR}Offre 2 : consultant Oracle Identity Manager, LDAP et WebLogic.`;
    expect(found(text)).toEqual([
      at(text, 'Organisation internationale pour les migrations', 'iom'),
      at(text, 'OIM', 'iom', 0),
      at(text, 'OIM', 'iom', 1),
    ]);
  });

  it('still rejects the defined acronym where Isle of Man words sit next to it', () => {
    const text = `The International Organization for Migration (IOM) helps migrants.${FAR}Separately, TT week in the IOM will go ahead. Hotels near Athol Street, Douglas, IOM, IM1 1JE are full.`;
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom'), at(text, 'IOM', 'iom', 0)]);
  });

  it('rejects "The IOM Government" on the same page', () => {
    const text = `The International Organization for Migration (IOM) helps migrants.${FAR}The IOM Government approved the budget.`;
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom'), at(text, 'IOM', 'iom', 0)]);
  });
});

describe('migration words in the acronym\'s own sentence outweigh far counter-evidence', () => {
  it('accepts "IOM helped migrants" on a page whose footer names the Isle of Man Government and Crown Dependency', () => {
    const story = 'IOM helped 300 migrants return home from Niger last year.';
    const text = `${story}${FAR}Jobs in the Isle of Man Government, a Crown Dependency. Tynwald and Manx news.`;
    expect(found(text)).toEqual([at(text, 'IOM', 'iom')]);
  });

  it('accepts it on a page that also cites the Institute of Medicine', () => {
    const text = `IOM screened 2,000 refugees before departure.${FAR}Institute of Medicine. 2000. Ending Neglect. National Academies Press.`;
    expect(found(text)).toEqual([at(text, 'IOM', 'iom')]);
  });

  it('rejects the same sentence when the Isle of Man words are next to it instead of far away', () => {
    expect(found('IOM helped 300 migrants return home. Jobs in the Isle of Man Government, a Crown Dependency.')).toEqual([]);
  });

  it('does not take a bare "migration" (a data migration) as local evidence on an Oracle page', () => {
    const text = `Review the OIM lookups; after the migration the mapping is lost.${FAR}Oracle Identity Manager 12c, LDAP connector.`;
    expect(found(text)).toEqual([]);
  });

  it('rejects an acronym defined as another body nearby even with migration words in its sentence', () => {
    const text = 'The Institute of Medicine (IOM, 2005) reviewed vaccines; IOM also studied the health of migrants in 2006.';
    expect(found(text)).toEqual([]);
  });
});

describe('the same page may use an acronym in two senses', () => {
  it('decides each occurrence by its nearest evidence', () => {
    const text = `The International Organization for Migration (IOM) runs camps.${FAR}The Institute of Medicine (IOM, 2005) studied vaccines.${FAR}IOM also resettled 500 refugees to Canada.`;
    expect(found(text)).toEqual([
      at(text, 'International Organization for Migration', 'iom'),
      at(text, 'IOM', 'iom', 0),
      at(text, 'IOM', 'iom', 2),
    ]);
  });

  it('keeps the Isle of Man paragraph and the migration paragraph apart', () => {
    const text = 'The International Organization for Migration (IOM) opened a centre for migrants in Lisbon. IOM works with the border agency.\n\nTECH\nBanks move from Oracle Identity Manager (OIM) to the cloud.\n\nSPORT\nRiders arrive in Douglas for the TT; the IOM ferry is full.';
    expect(found(text)).toEqual([
      at(text, 'International Organization for Migration', 'iom'),
      at(text, 'IOM', 'iom', 0),
      at(text, 'IOM', 'iom', 1),
    ]);
  });
});

describe('IOM named in full on the page outweighs a far-off reference list', () => {
  const references = 'References: Institute of Medicine (2005). National Academies Press. To Err Is Human. Institute of Medicine (2011).';

  it('accepts a later IOM when the page names the organization in full, despite a far Institute of Medicine list', () => {
    const text = `The International Organization for Migration opened an office.${FAR}Later IOM opened another one.${FAR}${references}`;
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom'), at(text, 'IOM', 'iom')]);
  });

  it('still rejects it when the list is right next to it', () => {
    const text = `The International Organization for Migration opened an office.${FAR}Later IOM opened another one. ${references}`;
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom')]);
  });
});

describe('more ways of writing IOM\'s own acronym definition', () => {
  it.each([
    ["The International Organization for Migration's (IOM) office opened.", 'IOM'],
    ['The International Organization for Migration [IOM] opened an office.', 'IOM'],
  ])('reads %s as a definition that survives far counter-evidence', (definition, acronym) => {
    const text = `${definition}${FAR}Later ${acronym} opened another one.${FAR}Jobs: Oracle Identity Manager, Institute of Medicine, National Academies, Isle of Man Government.`;
    expect(found(text)).toEqual([
      at(text, 'International Organization for Migration', 'iom'),
      at(text, acronym, 'iom', 0),
      at(text, acronym, 'iom', 1),
    ]);
  });
});
