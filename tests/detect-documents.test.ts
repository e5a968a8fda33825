/**
 * Rules added for whole documents (issue 10): descriptions of IOM as the UN migration agency, more
 * languages, dotted acronyms, text as it arrives from PDFs and the web, evidence weighed page-wide,
 * and programme phrases only as IOM's work. Every case checks exact spans.
 */
import { describe, expect, it } from 'vitest';
import { foldText } from '../src/detect/normalize';
import { detector, found, at } from './detect-helpers';

const programmes = (text: string, options?: Parameters<typeof detector.detect>[1]) =>
  detector.detect(text, options).filter((m) => m.kind === 'programme');

describe('IOM described as the UN migration agency', () => {
  it.each(['UN migration agency', 'U.N. migration agency', 'United Nations Migration Agency', 'UN Agency for Migration'])('finds "%s" whole', (description) => {
    const text = `Ten boats sank this year, the ${description} said on Monday.`;
    expect(found(text)).toEqual([at(text, description, 'iom')]);
  });

  it('labels "IOM, the UN Migration Agency" as two mentions', () => {
    const text = 'IOM, the UN Migration Agency, opened an office.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'UN Migration Agency', 'iom')]);
  });

  it('does not take "UN Migration" inside the names of a fund or a network', () => {
    expect(found('Grants from the UN Migration Multi-Partner Trust Fund reached 12 countries.')).toEqual([]);
    expect(found('The UN Migration Network met in Bangkok.')).toEqual([]);
  });

  it('says on the card what the description is', () => {
    expect(detector.detect('the UN migration agency said')[0].reason).toBe('IOM, described as the UN migration agency (English)');
  });
});

describe('more names and forms', () => {
  it.each([
    ['Internationale Organisatie voor Migratie', 'nl'],
    ['VN-Migratieagentschap', 'nl'],
    ['Internationella organisationen för migration', 'sv'],
    ['FN:s migrationsorganisation', 'sv'],
    ['FN’s Migrationsorganisation', 'da'],
    ['Oficina Internacional para las Migraciones', 'es'],
    ['International Office of Migration', 'en'],
  ])('finds "%s" (%s)', (name) => {
    const text = `Data: ${name}, 2024.`;
    expect(found(text)).toEqual([at(text, name, 'iom')]);
  });

  it('finds the German and Hungarian former names', () => {
    const de = 'Sie hieß ab 1952 Zwischenstaatliches Komitee für Europäische Auswanderung.';
    expect(found(de)).toEqual([at(de, 'Zwischenstaatliches Komitee für Europäische Auswanderung', 'icem')]);
    const hu = 'Az Európai Migráció Kormányközi Bizottsága (ICEM) és az 1956-os magyar menekültek';
    expect(found(hu)).toEqual([at(hu, 'Európai Migráció Kormányközi Bizottsága', 'icem'), at(hu, 'ICEM', 'icem')]);
  });

  it('finds dotted acronyms of the former names, with evidence', () => {
    const text = 'Le Comité intergouvernemental pour les migrations (C.I.M.) et le C.I.M.E. ont transporté des migrants en 1956.';
    expect(found(text)).toEqual([
      at(text, 'Comité intergouvernemental pour les migrations', 'icm'),
      at(text, 'C.I.M.', 'icm'),
      at(text, 'C.I.M.E.', 'icem'),
    ]);
    expect(found('Le C.I.M. de Paris ouvre ses portes.')).toEqual([]);
  });
});

describe('text as it arrives', () => {
  it('reads names split by soft hyphens and zero-width spaces, spans included', () => {
    const text = 'The International Organi\u00ADzation for Migra\u200Btion (IOM) helps migrants.';
    expect(found(text)).toEqual([at(text, 'International Organi\u00ADzation for Migra\u200Btion', 'iom'), at(text, 'IOM', 'iom')]);
  });

  it('folds away a page number alone on its line and a line number inside a sentence', () => {
    expect(foldText('Organization\n12\nfor').text).toBe('Organization for');
    expect(foldText('Organization for\n 7 Migration').text).toBe('Organization for Migration');
    // A year alone on a line, and a number after a finished sentence, stay.
    expect(foldText('Figures for\n2014\nwere high.').text).toBe('Figures for 2014 were high.');
    expect(foldText('It ended.\n12 people left.').text).toBe('It ended. 12 people left.');
    const text = 'the International Organization\n12\nfor Migration said migrants arrived.';
    expect(found(text)).toEqual([at(text, 'International Organization\n12\nfor Migration', 'iom')]);
  });

  it('never takes text in a web address, a file name or a slug; takes Markdown link text', () => {
    const photo = 'cover: "https://img.example.org/s768/meeting-the-IOM-Director-General-Her-Excellency-Amy-Pope.jpg", migrants';
    expect(found(photo)).toEqual([]);
    expect(found('slug: amy-pope-visits-chad-refugees\ntitle: Chad')).toEqual([]);
    const link = 'See [IOM’s spreadsheet](https://example.org/IOM/data.csv) on migrants.';
    expect(found(link)).toEqual([at(link, 'IOM', 'iom')]);
    const anchor = '<a href="/entramado/IOM-mexico">OIM</a> migrantes';
    expect(found(anchor)).toEqual([at(anchor, 'OIM', 'iom')]);
    // A slash between acronyms is not an address.
    const cable = 'TRIPARTITE ICEM/UNHCR/USRP MEETING ON REFUGEES, 1973';
    expect(found(cable)).toEqual([at(cable, 'ICEM', 'icem')]);
  });
});

describe('evidence weighed page-wide', () => {
  it('keeps both acronyms in "For IOM, then known as ICEM"', () => {
    const text = 'For IOM, then known as ICEM, the 1956 crisis was a turning point for refugees.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'ICEM', 'icem')]);
  });

  it('accepts ICEM from strong migration context alone, not against counter-evidence', () => {
    const text = 'ICEM arranged travel for refugees seeking asylum and resettlement overseas.';
    expect(found(text)).toEqual([at(text, 'ICEM', 'icem')]);
    expect(found('ICEM CFD meshes the duct where refugees of the old mesh were stored.')).toEqual([]);
  });

  it('accepts a bare IOM in a list of partner organisations', () => {
    const text = 'Partners: UNHCR, IOM, UNICEF and WFP.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom')]);
  });

  it('does not read "compiled" about a report as software vocabulary', () => {
    const text = 'The report was compiled by IOM staff in Geneva on migrants in Libya.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom')]);
  });

  it('does not read "drivers of migration" or communities\' reconciliation as software or Oracle vocabulary', () => {
    const drivers = 'The drivers of migration in the Sahel are many. IOM staff met migrants.';
    expect(found(drivers)).toEqual([at(drivers, 'IOM', 'iom')]);
    const peace = "L'OIM soutient la réconciliation dans les communautés d'accueil des migrants de retour.";
    expect(found(peace)).toEqual([at(peace, 'OIM', 'iom')]);
  });

  it('reads a variant or wrong expansion of the name as IOM’s own, not a foreign definition', () => {
    const text = 'The International Office for Migrants (IOM) said. Later, IOM teams met the new arrivals.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'IOM', 'iom', 1)]);
  });
});

describe('programme phrases only as IOM’s work (default policy as-iom-work)', () => {
  const accepted = (text: string, phrase: string) => programmes(text).map((m) => m.surface).includes(phrase);

  it.each([
    ['IOM’s counter-trafficking unit helps victims.', 'counter-trafficking'],
    ['This agreement affirms IOM’s strong programme management role in this key refugee resettlement response.', 'refugee resettlement'],
    ['UNHCR and IOM will be temporarily postponing refugee resettlement departures.', 'refugee resettlement'],
    ['Labour Migration\nIOM helps governments design recruitment schemes.', 'Labour Migration'],
    ['In humanitarian emergencies, IOM manages displacement sites.', 'humanitarian emergencies'],
    ['Globally, IOM partners with USRAP in four core areas of work: case processing, migration health assessment and travel.', 'migration health'],
    ['In practice IOM still earns most of its money from projects. Its immigration and border management portfolio grew.', 'immigration and border management'],
    ['IOM Ethiopia assisted 57,000 returnees.\n\n2. HUMANITARIAN EMERGENCIES\nDrought displacement in Somali region.', 'HUMANITARIAN EMERGENCIES'],
    ['In Moldova, IOM has run hotlines since 2001. The counter-trafficking programme also trains police.', 'counter-trafficking'],
    ['IOM annual report. Contents: 1. Labour Migration 2. Migrant Integration 3. Refugee Resettlement', 'Migrant Integration'],
    ['IOM staff said the office will focus on counter trafficking.', 'counter trafficking'],
  ])('accepts %j', (text, phrase) => {
    expect(accepted(text, phrase)).toBe(true);
  });

  it.each([
    ['IOM opened an office. On US refugee resettlement, the senator said the programme is paused.', 'refugee resettlement'],
    ['The IOM and UNHCR suspended travel. Other countries with refugee resettlement programs waited.', 'refugee resettlement'],
    ['IOM helped 200 people. Canada’s labour migration quota grew.', 'labour migration'],
    ['IOM researchers met; the Office of Refugee Resettlement funds refugee resettlement.', 'refugee resettlement'],
    ['WFP, UNICEF and IOM warned that migration and the environment can no longer be treated apart.', 'migration and the environment'],
    ['IOM counted migrants. The authors recommend combining labour migration agreements with health checks.', 'labour migration'],
  ])('rejects %j', (text, phrase) => {
    expect(accepted(text, phrase)).toBe(false);
  });

  it('says on the card that the phrase is named as IOM’s work, with the words that show it', () => {
    const [mention] = programmes('Resettlement grew. IOM’s counter-trafficking unit helps victims.');
    expect(mention.reason).toBe("IOM's programme area, named here as IOM's work: ‘…IOM’s counter-trafficking…’");
  });

  it('keeps the page-wide and the always/never choices', () => {
    const text = 'IOM opened an office. Canada’s labour migration quota grew.';
    expect(programmes(text)).toEqual([]);
    expect(programmes(text, { programmePolicy: 'if-iom-mentioned' }).map((m) => m.surface)).toEqual(['labour migration']);
    expect(programmes(text, { programmePolicy: 'never' })).toEqual([]);
    expect(programmes('Canada’s labour migration quota grew.', { programmePolicy: 'always' }).map((m) => m.surface)).toEqual(['labour migration']);
  });
});
