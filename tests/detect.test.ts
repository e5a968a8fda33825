import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createDetector } from '../src/detect/index';
import { foldText } from '../src/detect/normalize';
import { entities } from '../src/entities/registry';
import type { Mention } from '../src/detect/types';
import { detector, found, at } from './detect-helpers';

describe('forms: IOM names in many languages', () => {
  const names: [string, string][] = [
    ['International Organization for Migration', 'en'],
    ['International Organisation for Migration', 'en-GB'],
    ['Organisation internationale pour les migrations', 'fr'],
    ['Organización Internacional para las Migraciones', 'es'],
    ['المنظمة الدولية للهجرة', 'ar'],
    ['国际移民组织', 'zh'],
    ['Международная организация по миграции', 'ru'],
    ['Internationale Organisation für Migration', 'de'],
    ['Organizzazione Internazionale per le Migrazioni', 'it'],
    ['Organização Internacional para as Migrações', 'pt'],
  ];
  for (const [name, lang] of names) {
    it(`finds the ${lang} name with exact offsets`, () => {
      const text = `Report: ${name} — annual figures.`;
      expect(found(text)).toEqual([at(text, name, 'iom')]);
    });
  }

  it('finds the Chinese name without spaces around it', () => {
    const text = '据国际移民组织统计,今年';
    expect(found(text)).toEqual([at(text, '国际移民组织', 'iom')]);
  });

  it('gives "Name (ACRONYM)" as two mentions: name and acronym', () => {
    const text = 'The International Organization for Migration (IOM) said on Friday.';
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom'), at(text, 'IOM', 'iom')]);
  });

  it('finds UN Migration branding but not the UN Migration Compact', () => {
    const text = 'UN Migration staff arrived. Critics of the UN Migration Compact protested.';
    expect(found(text)).toEqual([at(text, 'UN Migration', 'iom')]);
  });

  it('labels "UN Migration Agency" whole, as a description of IOM (corpus convention since issue 10)', () => {
    const text = 'IOM – The UN Migration Agency';
    const mentions = detector.detect(text);
    expect(mentions.map((m) => m.surface)).toEqual(['IOM', 'UN Migration Agency']);
  });

  it('finds the Director General in other scripts', () => {
    const zh = '国际移民组织总干事艾米・波普表示';
    expect(found(zh)).toEqual([at(zh, '国际移民组织', 'iom'), at(zh, '艾米・波普', 'person/amy-pope')]);
    const ru = 'Генеральный директор МОМ Антониу Виторину заявил о мигрантах.';
    expect(found(ru)).toEqual([at(ru, 'МОМ', 'iom'), at(ru, 'Антониу Виторину', 'person/antonio-vitorino')]);
  });
});

describe('normalization', () => {
  it('matches names across no-break spaces, line breaks and runs of spaces, with offsets into the original', () => {
    const text = 'Staff of the International\u00a0Organization  for\r\nMigration arrived.';
    const mentions = detector.detect(text);
    expect(mentions).toHaveLength(1);
    expect(mentions[0].start).toBe(text.indexOf('International'));
    expect(mentions[0].end).toBe(text.indexOf(' arrived'));
    expect(mentions[0].surface).toBe(text.slice(mentions[0].start, mentions[0].end));
  });

  it('treats hyphen and dash variants, spaces and no separator alike', () => {
    const policy = { programmePolicy: 'always' as const };
    for (const variant of ['counter-trafficking', 'counter\u2011trafficking', 'counter\u2013trafficking', 'counter trafficking', 'countertrafficking']) {
      const text = `Its ${variant} work.`;
      expect(found(text, policy)).toEqual([at(text, variant, 'programme/counter-trafficking')]);
    }
  });

  it('makes accents optional, in the page and in precomposed or decomposed form', () => {
    for (const variant of ['Organización', 'Organizacion', 'Organizacio\u0301n', 'ORGANIZACIÓN']) {
      const text = `La ${variant} Internacional para las Migraciones (OIM) ayuda.`;
      const mentions = detector.detect(text);
      expect(mentions.map((m) => m.entityId)).toEqual(['iom', 'iom']);
      expect(mentions[0].surface).toBe(`${variant} Internacional para las Migraciones`);
      expect(mentions[1].surface).toBe('OIM');
    }
  });

  it('matches ALL-CAPS headings of names', () => {
    const text = 'INTERNATIONAL ORGANIZATION FOR MIGRATION\nAnnual report';
    expect(found(text)).toEqual([at(text, 'INTERNATIONAL ORGANIZATION FOR MIGRATION', 'iom')]);
  });

  it('takes the possessive off: IOM’s and IOM\'s give the mention "IOM"', () => {
    const text = "IOM’s staff and IOM's partners help migrants and refugees.";
    expect(found(text)).toEqual([at(text, 'IOM', 'iom', 0), at(text, 'IOM', 'iom', 1)]);
  });

  it('keeps offsets right after astral characters (emoji are two UTF-16 units)', () => {
    const text = '🌍🙏 #MigrationMeans 🌍 IOM';
    const mentions = detector.detect(text);
    expect(mentions[0]).toMatchObject({ start: text.indexOf('#'), surface: '#MigrationMeans', entityId: 'campaign/migration-means' });
    expect(mentions[1]).toMatchObject({ start: text.lastIndexOf('IOM'), end: text.length, surface: 'IOM' });
  });

  it('folds text with a map back to the original', () => {
    const folded = foldText('a\u00a0\u00a0b\u2019c e\u0301');
    expect(folded.text).toBe("a b'c e");
    expect(Array.from(folded.sourceStart)).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect(Array.from(folded.sourceEnd)).toEqual([1, 3, 4, 5, 6, 7, 9]);
  });
});

describe('word boundaries are Unicode-aware', () => {
  it('does not match inside a longer word with accented letters', () => {
    expect(found('ÉORGANISATION INTERNATIONALE POUR LES MIGRATIONS')).toEqual([]);
    expect(found('International Organization for Migrationé')).toEqual([]);
  });

  it('matches a form ending in an accented letter ("santé")', () => {
    const text = 'Programme migration et santé, Genève.';
    expect(found(text, { programmePolicy: 'always' })).toEqual([at(text, 'migration et santé', 'programme/migration-and-health')]);
  });

  it('does not match acronyms inside words or identifiers', () => {
    expect(found('IOMMU passthrough and the BIOM format for migrants')).toEqual([]);
    expect(found('Set IOM_CONFIG and MY_IOM for migrants')).toEqual([]);
  });

  it('lets an acronym touch Chinese characters on either side (no spaces in Chinese), but not Latin letters or digits', () => {
    const text = '据OIM统计，今年已有数百名移民在地中海死亡。IOM表示';
    expect(found(text)).toEqual([at(text, 'OIM', 'iom'), at(text, 'IOM', 'iom')]);
    expect(found('据xOIM统计，移民')).toEqual([]);
    expect(found('据OIM2统计，移民')).toEqual([]);
  });

  it('reads Chinese migration words as context, and quotes only the word', () => {
    const [mention] = detector.detect('OIM：地中海难民人数上升');
    expect(mention?.surface).toBe('OIM');
    expect(mention?.reason).toMatch(/难民(?!人)/u);
  });
});

describe('acronyms are case-sensitive and not code', () => {
  it('ignores "iom" and "Iom"', () => {
    expect(found('the iom module and Iom helper for migrants and refugees')).toEqual([]);
  });

  it('ignores IOM used as an identifier in code', () => {
    for (const code of ['const data = IOM.read(); // migrants', 'call IOM(refugees)', 'cfg.IOM; migrants', 'x = IOM::load migrants', '--IOM flag for migrants']) {
      expect(found(code), code).toEqual([]);
    }
  });

  it('ignores social-media handles and addresses', () => {
    const text = 'Thanks @IOM for helping refugees! Write to staff@IOM about migrants. IOM replied.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom', 2)]);
  });

  it('ignores acronyms inside registered company names', () => {
    expect(found('IOM MIGRATION CONSULTANTS LIMITED, registered office in Douglas; migrants advice.')).toEqual([]);
    expect(found('Contractor: ICM Costruzioni srl, for the 1985 refugee reception centre.')).toEqual([]);
  });

  it('still finds IOM at the end of a sentence or before a hyphen', () => {
    const text = 'Refugees were helped by IOM. IOM-run centres host migrants.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom', 0), at(text, 'IOM', 'iom', 1)]);
  });
});

describe('disambiguation of IOM and OIM', () => {
  it('accepts IOM with migration context nearby, with a reason naming it', () => {
    const text = 'IOM and UNHCR registered 4,000 refugees at the border.';
    const [mention] = detector.detect(text);
    expect(mention).toMatchObject({ start: 0, end: 3, entityId: 'iom', kind: 'org' });
    expect(mention.reason).toMatch(/UNHCR|refugees/);
  });

  it('accepts IOM without context when the page names the organization in full', () => {
    const text = 'About the International Organization for Migration.\n\n(Later, far below.) IOM offices open at nine.';
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom'), at(text, 'IOM', 'iom')]);
  });

  it('on a page with both IOMs, takes the acronym right after IOM\'s full name for the agency, and the Manx bodies for the island', () => {
    const text =
      'The IOM Government said 80 Ukrainians live in Douglas; many came on the Steam Packet ferry.\n\n' +
      'Separately, the International Organization for Migration estimates that six million people have fled. IOM figures suggest most hope to return.\n\n' +
      'The IOM Immigration Office on Prospect Hill handles work permits for the Island.';
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom'), at(text, 'IOM', 'iom', 1)]);
  });

  it('reads the Isle of Man named in Italian as counter-evidence ("sull\'Isola di Man … sull\'IOM")', () => {
    const text = "L'OIM ricorda i rifugiati nel mondo. Al Tourist Trophy sull'Isola di Man vittoria per Dunlop; il traffico sull'IOM è stato sospeso.";
    expect(found(text)).toEqual([at(text, 'OIM', 'iom')]);
  });

  it('rejects IOM with no evidence at all', () => {
    expect(found('IOM announced results on Tuesday.')).toEqual([]);
  });

  it('rejects the Isle of Man, the Institute of Medicine and the Institute of Occupational Medicine', () => {
    expect(found('Ferry crossings to the IOM are busy during the TT races; hotels in Douglas are full.')).toEqual([]);
    expect(found('Residents of the Isle of Man (IOM) may apply. IOM residents also qualify for migrants visas.')).toEqual([]);
    expect(found('A report by the Institute of Medicine (IOM) on patient safety. The IOM panel urged reform.')).toEqual([]);
    expect(found('The National Academies said the IOM study on dietary reference intakes will be updated.')).toEqual([]);
    expect(found('Researchers at the IOM (Institute of Occupational Medicine) measured workplace exposure.')).toEqual([]);
  });

  it('decides a mixed page occurrence by occurrence', () => {
    const text =
      'The IOM Government in Tynwald approved a grant. The International Organization for Migration (IOM) will use it for displaced families and shelter kits.';
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom'), at(text, 'IOM', 'iom', 1)]);
  });

  it('does not take the extension\'s own name "IOM Lens" for the agency', () => {
    const text = 'This page ships with IOM Lens. The International Organization for Migration (IOM) helps migrants.';
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom'), at(text, 'IOM', 'iom', 1)]);
  });

  it('accepts OIM in Spanish and French news, rejects Oracle Identity Manager and microscopy', () => {
    const es = 'Según la OIM, miles de migrantes cruzaron la frontera.';
    expect(found(es)).toEqual([at(es, 'OIM', 'iom')]);
    const fr = "Selon l'OIM, les réfugiés sont nombreux.";
    expect(found(fr)).toEqual([at(fr, 'OIM', 'iom')]);
    expect(found('Configure the OIM connector for provisioning users from Active Directory.')).toEqual([]);
    expect(found('Oracle Identity Manager (OIM) 11g: migrating users to the new schema.')).toEqual([]);
    expect(found('Grain orientation maps were acquired by OIM with EBSD in the SEM.')).toEqual([]);
  });
});

describe('disambiguation of former names', () => {
  it('accepts ICEM with its era nearby and migrants, with the era in the reason', () => {
    const text = 'In 1956 ICEM moved thousands of Hungarian refugees overseas.';
    const mentions = detector.detect(text);
    expect(mentions.map((m) => `${m.surface}@${m.start}:${m.entityId}`)).toEqual([at(text, 'ICEM', 'icem')]);
    expect(mentions[0].reason).toContain('1952–1980');
  });

  it('rejects ICEM meshing software and the union federation', () => {
    expect(found('Generate a hexa mesh in ICEM CFD before exporting to ANSYS Fluent.')).toEqual([]);
    expect(found('The ICEM, the global federation of chemical, energy and mine workers unions, met in 1998.')).toEqual([]);
  });

  it('accepts ICM of the 1980s with migration context; rejects the pollster, the mathematicians and the midwives', () => {
    const text = 'By 1985 the ICM had resettled Vietnamese refugees from camps in Thailand.';
    expect(found(text)).toEqual([at(text, 'ICM', 'icm')]);
    expect(found('An ICM poll for the Guardian put Labour ahead among migrants voters in 1987.')).toEqual([]);
    expect(found('The ICM 2022 was held online; four mathematicians received the Fields Medal.')).toEqual([]);
    expect(found('The International Confederation of Midwives (ICM) congress discussed midwifery for refugees in 1987.')).toEqual([]);
  });

  it('accepts the Spanish CIM only when the full former name is on the page', () => {
    const text = 'El Comité Intergubernamental para las Migraciones (CIM) ayudó a los migrantes.';
    expect(found(text)).toEqual([at(text, 'Comité Intergubernamental para las Migraciones', 'icm'), at(text, 'CIM', 'icm')]);
    expect(found('El CIM ayudó a los migrantes en 1985.')).toEqual([]);
  });

  it('always accepts PICMME and the full former names', () => {
    const text = 'PICMME, the Provisional Intergovernmental Committee for the Movement of Migrants from Europe, became the Intergovernmental Committee for European Migration.';
    expect(found(text)).toEqual([
      at(text, 'PICMME', 'picmme'),
      at(text, 'Provisional Intergovernmental Committee for the Movement of Migrants from Europe', 'picmme'),
      at(text, 'Intergovernmental Committee for European Migration', 'icem'),
    ]);
  });

  it('finds former names in Portuguese, Dutch and Spanish (forms with a cited source in the registry)', () => {
    const pt = 'O Comitê Intergovernamental para as Migrações Européias (CIME) transportou emigrantes em 1956.';
    expect(found(pt)).toEqual([at(pt, 'Comitê Intergovernamental para as Migrações Européias', 'icem'), at(pt, 'CIME', 'icem')]);
    const nl = 'Het Intergouvernementeel Comité voor Migratie werd in 1980 zo genoemd.';
    expect(found(nl)).toEqual([at(nl, 'Intergouvernementeel Comité voor Migratie', 'icm')]);
    const es = 'El Comité Intergubernamental Europeo sobre Migraciones fue creado en 1951.';
    expect(found(es)).toEqual([at(es, 'Comité Intergubernamental Europeo sobre Migraciones', 'icem')]);
  });

  it('rejects English names written all in lower case (descriptions, not names)', () => {
    expect(found('They proposed an international organization for migration studies.')).toEqual([]);
  });
});

describe('persons', () => {
  it('accepts the full name of the Director General and later his surname', () => {
    const text = 'William Lacy Swing addressed the Council. Swing said migration is inevitable.';
    expect(found(text)).toEqual([at(text, 'William Lacy Swing', 'person/william-lacy-swing'), at(text, 'Swing', 'person/william-lacy-swing', 1)]);
  });

  it('rejects the surname without the full name or a title on an IOM page', () => {
    expect(found('Swing said the band would play again.')).toEqual([]);
  });

  it('accepts a titled surname on a page about IOM', () => {
    const text = 'IOM Director General Swing visited the camps for displaced people.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'Swing', 'person/william-lacy-swing')]);
  });

  it('rejects Bishop William Swing', () => {
    expect(found('Bishop William Swing of the Episcopal Diocese of California founded the United Religions Initiative.')).toEqual([]);
  });

  it('accepts Amy Pope only with IOM or migration context, and never the Pope', () => {
    const text = 'Amy Pope, who leads the UN migration agency, met refugees. Pope said more funding is needed.';
    expect(found(text)).toEqual([
      at(text, 'Amy Pope', 'person/amy-pope'),
      at(text, 'UN migration agency', 'iom'),
      at(text, 'Pope', 'person/amy-pope', 1),
    ]);
    expect(found('Amy Pope won the regional baking contest.')).toEqual([]);
    const vatican = 'Amy Pope met migrants. Later the Pope said Mass at the Vatican.';
    expect(found(vatican)).toEqual([at(vatican, 'Amy Pope', 'person/amy-pope')]);
  });

  it('accepts António Vitorino with or without accents', () => {
    const text = 'António Vitorino and Antonio Vitorino';
    expect(found(text)).toEqual([at(text, 'António Vitorino', 'person/antonio-vitorino'), at(text, 'Antonio Vitorino', 'person/antonio-vitorino')]);
  });
});

describe('campaigns', () => {
  it('accepts the hashtag anywhere', () => {
    const text = 'Tell us what #MigrationMeans to you';
    expect(found(text)).toEqual([at(text, '#MigrationMeans', 'campaign/migration-means')]);
  });

  it('accepts "Migration Means" as a campaign name on an IOM page, not the lower-case phrase', () => {
    const text = 'IOM invited migrants to say what migration means to them. The Migration Means campaign ran in 2013.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'Migration Means', 'campaign/migration-means')]);
  });

  it('rejects "Migrants Contribute" as a plain headline', () => {
    const text = 'How Migrants Contribute to Growth, by the International Organization for Migration';
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom')]);
  });
});

describe('programme phrases and options', () => {
  const withIom = 'IOM supports labour migration and refugee resettlement for refugees.';
  const withoutIom = 'Labour migration and refugee resettlement are policy topics.';

  it('counts programme phrases only where IOM is mentioned (default)', () => {
    expect(found(withIom)).toEqual([
      at(withIom, 'IOM', 'iom'),
      at(withIom, 'labour migration', 'programme/labour-migration'),
      at(withIom, 'refugee resettlement', 'programme/refugee-resettlement'),
    ]);
    expect(found(withoutIom)).toEqual([]);
  });

  it('honours programmePolicy always and never', () => {
    expect(found(withoutIom, { programmePolicy: 'always' })).toEqual([
      at(withoutIom, 'Labour migration', 'programme/labour-migration'),
      at(withoutIom, 'refugee resettlement', 'programme/refugee-resettlement'),
    ]);
    expect(found(withIom, { programmePolicy: 'never' })).toEqual([at(withIom, 'IOM', 'iom')]);
  });

  it('filters by kind', () => {
    expect(found(withIom, { kinds: ['programme'] })).toEqual([
      at(withIom, 'labour migration', 'programme/labour-migration'),
      at(withIom, 'refugee resettlement', 'programme/refugee-resettlement'),
    ]);
  });

  it('accepts the American spelling', () => {
    const text = 'labor migration';
    expect(found(text, { programmePolicy: 'always' })).toEqual([at(text, 'labor migration', 'programme/labour-migration')]);
  });
});

describe('output shape', () => {
  const corpusTexts = readFileSync('tests/corpus/detect-dev.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text);

  it('returns sorted, non-overlapping mentions whose surface is the original substring', () => {
    let total = 0;
    for (const text of corpusTexts) {
      const mentions: Mention[] = detector.detect(text);
      total += mentions.length;
      for (let i = 0; i < mentions.length; i++) {
        const m = mentions[i];
        expect(m.surface).toBe(text.slice(m.start, m.end));
        expect(m.reason.length).toBeGreaterThan(5);
        if (i > 0) expect(m.start).toBeGreaterThanOrEqual(mentions[i - 1].end);
      }
    }
    expect(total).toBeGreaterThan(100);
  });

  it('returns nothing for empty or non-string input instead of throwing', () => {
    expect(detector.detect('')).toEqual([]);
    expect(detector.detect(undefined as unknown as string)).toEqual([]);
  });

  it('works with a caller-supplied entity list', () => {
    const onlyProgrammes = createDetector(entities.filter((e) => e.kind === 'programme'));
    const text = 'IOM works on labour migration.';
    expect(onlyProgrammes.detect(text, { programmePolicy: 'always' }).map((m) => m.entityId)).toEqual(['programme/labour-migration']);
  });
});

describe('evidence details', () => {
  it('treats "ACR (Long Form)" and "Long Form (ACR, year)" as definitions of something else', () => {
    expect(found('The IOM (Input/Output Module) links sensors used by migrants shelters.')).toEqual([]);
    expect(found('Intakes follow the Institute of Medicine (IOM, 2005). IOM values apply to refugees too.')).toEqual([]);
    expect(found("The Institute of Medicine's (IOM's) report was cited. IOM urged care for migrants.")).toEqual([]);
  });

  it('lets an own definition win over the context words around it', () => {
    const text = 'IOM, the International Organization for Migration, opened an office in Douglas.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'International Organization for Migration', 'iom')]);
  });

  it('vetoes acronyms followed by words that name something else', () => {
    const text = 'The International Organization for Migration thanked the IOM Steam Packet company for carrying refugees.';
    expect(found(text)).toEqual([at(text, 'International Organization for Migration', 'iom')]);
    expect(found('ICM Research found that migrants in 1985 backed the plan.')).toEqual([]);
  });

  it('reads a year after a former name’s era as counter-evidence', () => {
    const text = 'The Intergovernmental Committee for European Migration is not the ICEM union federation of miners founded in 1995.';
    expect(found(text)).toEqual([at(text, 'Intergovernmental Committee for European Migration', 'icem')]);
  });

  it('does not take "Pope Francis" or "the Pope" for Amy Pope', () => {
    const text = 'IOM Director General Amy Pope met Pope Francis. The Pope blessed the migrants.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'Amy Pope', 'person/amy-pope')]);
  });

  it('does not count "migraine" or software "migrating" as migration context', () => {
    expect(found('The IOM report on migraine treatment was published.')).toEqual([]);
    expect(found('Migrating OIM 11g to 12c requires a database upgrade.')).toEqual([]);
  });

  it('gives reasons a reader can check', () => {
    const [icem] = detector.detect('In 1956 ICEM moved Hungarian refugees.');
    expect(icem.reason).toBe('Former name of IOM, 1952–1980; 1956 nearby; text mentions refugees');
    const [oim] = detector.detect('Según la OIM, miles de migrantes llegaron.');
    expect(oim.reason).toBe('French/Spanish acronym of IOM; text mentions migrantes');
    const [name] = detector.detect('Organisation internationale pour les migrations');
    expect(name.reason).toBe('Official French name of IOM');
  });
});

describe('script-specific forms', () => {
  it('reads full-width parentheses around an acronym as a definition', () => {
    const text = '国际移民组织（IOM）发布报告';
    expect(found(text)).toEqual([at(text, '国际移民组织', 'iom'), at(text, 'IOM', 'iom')]);
  });

  it('finds the Arabic name after a one-letter prefix, without the prefix', () => {
    const text = 'رحبت الحكومة والمنظمة الدولية للهجرة بالاتفاق';
    expect(found(text)).toEqual([at(text, 'المنظمة الدولية للهجرة', 'iom')]);
    expect(found('ضالمنظمة الدولية للهجرة')).toEqual([]);
  });
});

describe('page-wide context', () => {
  it('lets a page full of migration words support a far-off acronym, when nothing points elsewhere', () => {
    const body = 'Migrants, refugees and asylum seekers crossed the border; displaced families and returnees need remittances.';
    const filler = ' Lorem ipsum dolor sit amet.'.repeat(20);
    const text = `${body}${filler} Contact: IOM office hours 9 to 5.`;
    expect(found(text)).toEqual([at(text, 'IOM', 'iom')]);
    expect(found(`${body}${filler} Contact: IOM office hours 9 to 5. Ferries to the Isle of Man.`)).toEqual([]);
  });
});

describe('programme phrases inside other names', () => {
  it('does not take the Global Forum on Migration and Development for the programme', () => {
    const text = 'IOM attended the Global Forum on Migration and Development, then spoke on migration and development.';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'migration and development', 'programme/migration-and-development')]);
  });
});

describe('mutual support between a short name and IOM', () => {
  it('accepts "William Swing, IOM\'s Director General" and the acronym beside it', () => {
    const text = 'William Swing, IOM’s Director General, said so.';
    expect(found(text)).toEqual([at(text, 'William Swing', 'person/william-lacy-swing'), at(text, 'IOM', 'iom')]);
  });

  it('still rejects the bishop even beside an acronym', () => {
    expect(found('Bishop William Swing (IOM) of the Episcopal Diocese of California')).toEqual([]);
  });
});

describe('former names by era alone', () => {
  it('accepts ICEM with a year of its era and nothing against it, not ICM', () => {
    const text = 'My grandparents sailed to Melbourne in 1957 on an ICEM charter.';
    expect(found(text)).toEqual([at(text, 'ICEM', 'icem')]);
    expect(found('The proceedings of ICM 1986 appeared in two volumes.')).toEqual([]);
  });

  it('does not accept ICEM by era when meshing words are near', () => {
    expect(found('In 1975 the ICEM grid generation code was older than most meshing tools.')).toEqual([]);
  });
});

describe('Italian press style', () => {
  it("accepts the title-case acronym \"Oim\" with context, as Italian newspapers write it", () => {
    const text = "Secondo l'Oim, gli sbarchi di migranti sono aumentati.";
    expect(found(text)).toEqual([at(text, 'Oim', 'iom')]);
    expect(found('Oim Analysis software for EBSD maps.')).toEqual([]);
  });
});

describe('bare surnames in news style', () => {
  const lead = 'Amy Pope, Director General of the International Organization for Migration, visited Chad.';
  it('accepts "said Pope." and "Pope\'s" after the full name', () => {
    const text = `${lead} “Funding is short,” said Pope. Pope's visit ended on Friday.`;
    expect(found(text).filter((m) => m.includes('amy-pope'))).toEqual([
      at(text, 'Amy Pope', 'person/amy-pope'),
      at(text, 'Pope', 'person/amy-pope', 1),
      at(text, 'Pope', 'person/amy-pope', 2),
    ]);
  });

  it('rejects "the Pope" and "Pope Francis" on the same page', () => {
    const text = `${lead} The Pope's message was read out. Pope Francis also spoke.`;
    expect(found(text).filter((m) => m.includes('amy-pope'))).toEqual([at(text, 'Amy Pope', 'person/amy-pope')]);
  });
});

describe('definitions with dashes', () => {
  it('reads "ACR – Long Form" and "Long Form – ACR" as definitions of something else', () => {
    expect(found('ICEM – International Council for Educational Media. In 1957 the ICEM met refugees teachers.')).toEqual([]);
    expect(found('Institute of Medicine – IOM. The IOM panel on migrants health met.')).toEqual([]);
  });

  it('keeps own definitions with dashes', () => {
    const text = 'IOM – International Organization for Migration';
    expect(found(text)).toEqual([at(text, 'IOM', 'iom'), at(text, 'International Organization for Migration', 'iom')]);
  });
});

describe('more collisions', () => {
  it('rejects intraoperative monitoring, the IOM sampler and the brain institute', () => {
    expect(found('Intraoperative neurophysiological monitoring (IOM) was used; IOM alerts reached surgeons and migrants families were informed.')).toEqual([]);
    expect(found('Dust was collected with IOM inhalable samplers near a shelter for displaced workers.')).toEqual([]);
    expect(found("L'ICM, Institut du Cerveau, accueille des chercheurs réfugiés depuis 1985.")).toEqual([]);
  });
});

describe('surname followed by a verb', () => {
  it('accepts "Vitorino emphasized" / "Vitorino afirmó" after the full name, not "the Vitorino calls"', () => {
    const text = 'António Vitorino spoke in Geneva. Vitorino emphasized dialogue. Luego Vitorino afirmó que sí.';
    expect(found(text)).toEqual([
      at(text, 'António Vitorino', 'person/antonio-vitorino'),
      at(text, 'Vitorino', 'person/antonio-vitorino', 1),
      at(text, 'Vitorino', 'person/antonio-vitorino', 2),
    ]);
    const other = 'António Vitorino spoke. Then the Vitorino calls began in Brazil.';
    expect(found(other)).toEqual([at(other, 'António Vitorino', 'person/antonio-vitorino')]);
  });
});

describe('software pages and other bodies', () => {
  it('rejects IOM in a build log that mentions database migrations', () => {
    expect(found('Running database migrations... done. Compiling IOM driver for the kernel: 3 warnings.')).toEqual([]);
  });

  it('rejects an Isle of Man postcode page even when it mentions migration', () => {
    expect(found('Registered office: 5 Hill Street, Douglas, IOM, IM1 1EH. Services: migration advice.')).toEqual([]);
  });

  it('does not count programme names inside journal or office names', () => {
    const text = 'IOM researchers published in the Journal of Migration and Health; the Office of Refugee Resettlement funds refugee resettlement.';
    // The last phrase is the Office's work, not IOM's: only the page-wide policy takes it.
    expect(found(text)).toEqual([at(text, 'IOM', 'iom')]);
    const pageWide = { programmePolicy: 'if-iom-mentioned' as const };
    expect(found(text, pageWide)).toEqual([at(text, 'IOM', 'iom'), at(text, 'refugee resettlement', 'programme/refugee-resettlement', 0)]);
  });
});

describe('Isle of Man forum style', () => {
  it('reads "IoM" elsewhere on the page as the island', () => {
    expect(found('Moving to the IOM next year: immigration rules for IoM work permits?')).toEqual([]);
  });
});

describe('knownEntityIds (pages read in chunks)', () => {
  it('reads a late chunk in the light of entities established earlier on the page', () => {
    const chunk = 'IOM offices open at nine; ask for Swing at the desk on the left.';
    expect(found(chunk)).toEqual([]);
    expect(found(chunk, { knownEntityIds: ['iom'] })).toEqual([at(chunk, 'IOM', 'iom')]);
    expect(found(chunk, { knownEntityIds: ['iom', 'person/william-lacy-swing'] })).toEqual([at(chunk, 'IOM', 'iom')]);
    // Whether a programme phrase is IOM's work is read from its own text (IOM named there); the
    // page-wide policy takes an IOM named in an earlier part.
    const programme = 'Refugee resettlement is one of its oldest services.';
    expect(found(programme, { programmePolicy: 'if-iom-mentioned' })).toEqual([]);
    expect(found(programme, { knownEntityIds: ['iom'], programmePolicy: 'if-iom-mentioned' })).toEqual([
      at(programme, 'Refugee resettlement', 'programme/refugee-resettlement'),
    ]);
  });

  it('still lets counter-evidence in the chunk win', () => {
    expect(found('Ferries to the IOM for the TT races; hotels in Douglas.', { knownEntityIds: ['iom'] })).toEqual([]);
  });
});

describe('far counter-evidence', () => {
  it('weighs an "Isle of Man" in a distant country list less than context near the mention', () => {
    const story = 'IOM staff registered newly arrived migrants at the border crossing on Monday.';
    const footer = ` ${'Lorem ipsum dolor sit amet. '.repeat(30)}Country: Iceland, India, Ireland, Isle of Man, Israel, Italy.`;
    expect(found(story + footer)).toEqual([at(story, 'IOM', 'iom')]);
    expect(found(`${story} Ferries leave for the Isle of Man.`)).toEqual([]);
  });
});
