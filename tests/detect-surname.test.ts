/**
 * A Director General's bare surname (review of issue 3): once the full name is accepted on the
 * page, or an IOM title stands right before it, the surname is a mention in any language, unless it
 * is part of another name, a noun ("the Pope") or near papal context.
 */
import { describe, expect, it } from 'vitest';
import { detector, at } from './detect-helpers';

/** Only the person mentions, compactly: "surface@start:entityId". */
function people(text: string): string[] {
  return detector
    .detect(text)
    .filter((m) => m.kind === 'person')
    .map((m) => `${m.surface}@${m.start}:${m.entityId}`);
}

const POPE = 'person/amy-pope';
const VITORINO = 'person/antonio-vitorino';
const SWING = 'person/william-lacy-swing';

describe('surname after the full name is accepted, in any sentence position and language', () => {
  it.each([
    ['en', 'Amy Pope was elected Director General of the International Organization for Migration in 2023. Member states chose Pope over the incumbent.', 'Pope', POPE],
    ['es', 'Amy Pope, directora general de la Organización Internacional para las Migraciones, visitó Guatemala. «Necesitamos vías regulares», dijo Pope.', 'Pope', POPE],
    ['fr', "Amy Pope dirige l'Organisation internationale pour les migrations. « C'est une priorité », a déclaré Pope devant le Conseil.", 'Pope', POPE],
    ['it', "Amy Pope, direttrice generale dell'OIM, è a Roma. Pope ha incontrato il ministro dell'Interno.", 'Pope', POPE],
    ['pt', 'Amy Pope, diretora-geral da OIM, esteve em Lisboa. Pope reuniu-se com o governo.', 'Pope', POPE],
    ['en, after a weekday', 'Amy Pope heads the International Organization for Migration. On Tuesday Pope asked donors for more.', 'Pope', POPE],
    ['de', 'António Vitorino leitete die Internationale Organisation für Migration bis 2023. Vitorino sagte, die Lage sei ernst.', 'Vitorino', VITORINO],
  ])('%s', (_lang, text, surname, id) => {
    const fullName = id === POPE ? 'Amy Pope' : 'António Vitorino';
    expect(people(text)).toEqual([at(text, fullName, id), at(text, surname, id, 1)]);
  });

  it('accepts "Als IOM-Chef setzte sich Vitorino …" after the full name', () => {
    const text = 'António Vitorino war von 2018 bis 2023 Generaldirektor der IOM. Als IOM-Chef setzte sich Vitorino für sichere Wege ein.';
    expect(people(text)).toEqual([at(text, 'António Vitorino', VITORINO), at(text, 'Vitorino', VITORINO, 1)]);
  });

  it('lets the nearer evidence win when papal words are further away than the full name', () => {
    const text =
      "We discuss the Vatican's message on migration and the Pope's visit to Lampedusa in 2013, which still shapes the debate among church groups and their volunteers across southern Europe today. Later we hear a speech by Amy Pope, head of the International Organization for Migration. Pope argues that most people stay in their own country.";
    expect(people(text)).toEqual([at(text, 'Amy Pope', POPE), at(text, 'Pope', POPE, 2)]);
  });
});

describe('an IOM title right before the surname is enough', () => {
  it.each([
    ['IOM chief Vitorino visited the camp in Cox’s Bazar.', 'Vitorino', VITORINO],
    ['Director General Pope told IOM staff in Geneva that funding is short.', 'Pope', POPE],
    ['En la OIM, la directora general Pope habló con los migrantes.', 'Pope', POPE],
    ["Le chef de l'OIM, Vitorino, a rencontré les autorités.", 'Vitorino', VITORINO],
  ])('%s', (text, surname, id) => {
    expect(people(text)).toEqual([at(text, surname, id)]);
  });
});

describe('the surname stays rejected when it is another name or a noun', () => {
  const lead = 'Amy Pope, Director General of the International Organization for Migration, visited Chad. ';
  it.each([
    ['Pope Francis', `${lead}Pope Francis later met migrants on Lampedusa.`],
    ['Pope Benedict', `${lead}A book by Pope Benedict was quoted in the debate on migration.`],
    ['Alexander Pope', `${lead}The host read a few lines. Alexander Pope wrote them in 1733.`],
    ['the Pope', `${lead}On Sunday the Pope met migrants in Rome.`],
    ['el papa', `${lead}El papa Pope? No: dijo el papa que los migrantes son hermanos.`],
    ['Pontiff near', `${lead}The Pontiff prayed for migrants; Pope spoke of their dignity.`],
    ['singer Vitorino', 'António Vitorino spoke in Geneva about migrants. The evening closed with a song by the folk singer Vitorino.'],
  ])('%s', (_case, text) => {
    const fullName = text.startsWith('António') ? at(text, 'António Vitorino', VITORINO) : at(text, 'Amy Pope', POPE);
    expect(people(text)).toEqual([fullName]);
  });

  it('rejects a bare surname with no full name and no IOM title on the page', () => {
    expect(people('Pope argued that the plan would help migrants.')).toEqual([]);
    expect(people('Vitorino sagte, die Lage sei ernst für die Migranten.')).toEqual([]);
  });

  it('keeps "Swing" to name uses only, even after the full name', () => {
    const text = 'William Lacy Swing led IOM until 2018. Swing music filled the hall at his farewell. Swing said migration is inevitable.';
    expect(people(text)).toEqual([at(text, 'William Lacy Swing', SWING), at(text, 'Swing', SWING, 2)]);
  });
});
