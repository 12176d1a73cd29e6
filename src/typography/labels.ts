/**
 * The words Folio writes itself (contents, credits, notes, bylines, navigation), per
 * language, for both renderers: an EPUB and a PDF of one manuscript say the same thing.
 * Languages are those Folio has typographic rules and hyphenation for; others fall
 * back to English.
 */
export interface Labels {
  /** Heading of the table of contents (EPUB nav, printed contents). */
  contents: string;
  landmarks: string;
  bodymatter: string;
  /** Heading of the image credits page. */
  credits: string;
  notes: string;
  /** aria-label of a footnote's backlink; `{n}` is the note number. */
  backToText: string;
  /** Label of the note reference link; `{n}` is the note number. */
  noteLabel: string;
  /** Before the names of a byline. */
  by: string;
  /** Joins the last two authors of a byline. */
  and: string;
  taskDone: string;
  taskOpen: string;
  /** Link text of a credits-page entry pointing at an unnamed figure. */
  image: string;
  /** `{title}` is the chapter title. */
  inChapter: string;
  /** aria-label of the link from a figure's credit to the credits page. */
  seeCredits: string;
  cover: string;
  /** Heading of the page list. */
  pageList: string;
  /** aria-label of a typographic cover: `{title}`, `{authors}`. */
  coverLabel: string;
  /** "page", spelt out (alternative text of a contents entry's number). */
  page: string;
  /** "page" abbreviated before a number (credits page). */
  pageAbbreviation: string;
}

const en: Labels = {
  contents: 'Contents',
  landmarks: 'Landmarks',
  bodymatter: 'Start of content',
  credits: 'Image credits',
  notes: 'Notes',
  backToText: 'Back to reference {n}',
  noteLabel: 'Note {n}',
  by: 'By',
  and: 'and',
  taskDone: 'done',
  taskOpen: 'to do',
  image: 'Image',
  inChapter: 'in “{title}”',
  seeCredits: 'See the image credits',
  cover: 'Cover',
  pageList: 'Pages',
  coverLabel: 'Cover: {title}{authors}',
  page: 'page',
  pageAbbreviation: 'p.',
};

const fr: Labels = {
  contents: 'Sommaire',
  landmarks: 'Repères',
  bodymatter: 'Début du contenu',
  credits: 'Crédits des images',
  notes: 'Notes',
  backToText: 'Retour à l’appel de note {n}',
  noteLabel: 'Note {n}',
  by: 'Par',
  and: 'et',
  taskDone: 'fait',
  taskOpen: 'à faire',
  image: 'Image',
  inChapter: 'dans «\u00A0{title}\u00A0»',
  seeCredits: 'Voir les crédits des images',
  cover: 'Couverture',
  pageList: 'Liste des pages',
  coverLabel: 'Couverture\u00A0: {title}{authors}',
  page: 'page',
  pageAbbreviation: 'p.',
};

const de: Labels = {
  contents: 'Inhalt',
  landmarks: 'Orientierungspunkte',
  bodymatter: 'Beginn des Inhalts',
  credits: 'Bildnachweis',
  notes: 'Anmerkungen',
  backToText: 'Zurück zum Verweis {n}',
  noteLabel: 'Anmerkung {n}',
  by: 'Von',
  and: 'und',
  taskDone: 'erledigt',
  taskOpen: 'offen',
  image: 'Bild',
  inChapter: 'in „{title}“',
  seeCredits: 'Zum Bildnachweis',
  cover: 'Umschlag',
  pageList: 'Seitenliste',
  coverLabel: 'Umschlag: {title}{authors}',
  page: 'Seite',
  pageAbbreviation: 'S.',
};

const es: Labels = {
  contents: 'Índice',
  landmarks: 'Puntos de referencia',
  bodymatter: 'Inicio del contenido',
  credits: 'Créditos de las imágenes',
  notes: 'Notas',
  backToText: 'Volver a la llamada {n}',
  noteLabel: 'Nota {n}',
  by: 'Por',
  and: 'y',
  taskDone: 'hecho',
  taskOpen: 'pendiente',
  image: 'Imagen',
  inChapter: 'en «{title}»',
  seeCredits: 'Ver los créditos de las imágenes',
  cover: 'Cubierta',
  pageList: 'Lista de páginas',
  coverLabel: 'Cubierta: {title}{authors}',
  page: 'página',
  pageAbbreviation: 'pág.',
};

const it: Labels = {
  contents: 'Indice',
  landmarks: 'Punti di riferimento',
  bodymatter: 'Inizio del contenuto',
  credits: 'Crediti delle immagini',
  notes: 'Note',
  backToText: 'Torna al richiamo {n}',
  noteLabel: 'Nota {n}',
  by: 'Di',
  and: 'e',
  taskDone: 'fatto',
  taskOpen: 'da fare',
  image: 'Immagine',
  inChapter: 'in «{title}»',
  seeCredits: 'Vedi i crediti delle immagini',
  cover: 'Copertina',
  pageList: 'Elenco delle pagine',
  coverLabel: 'Copertina: {title}{authors}',
  page: 'pagina',
  pageAbbreviation: 'p.',
};

const pt: Labels = {
  contents: 'Índice',
  landmarks: 'Pontos de referência',
  bodymatter: 'Início do conteúdo',
  credits: 'Créditos das imagens',
  notes: 'Notas',
  backToText: 'Voltar à chamada {n}',
  noteLabel: 'Nota {n}',
  by: 'Por',
  and: 'e',
  taskDone: 'feito',
  taskOpen: 'por fazer',
  image: 'Imagem',
  inChapter: 'em «{title}»',
  seeCredits: 'Ver os créditos das imagens',
  cover: 'Capa',
  pageList: 'Lista de páginas',
  coverLabel: 'Capa: {title}{authors}',
  page: 'página',
  pageAbbreviation: 'p.',
};

const nl: Labels = {
  contents: 'Inhoud',
  landmarks: 'Oriëntatiepunten',
  bodymatter: 'Begin van de inhoud',
  credits: 'Beeldverantwoording',
  notes: 'Noten',
  backToText: 'Terug naar verwijzing {n}',
  noteLabel: 'Noot {n}',
  by: 'Door',
  and: 'en',
  taskDone: 'klaar',
  taskOpen: 'te doen',
  image: 'Afbeelding',
  inChapter: 'in ‘{title}’',
  seeCredits: 'Zie de beeldverantwoording',
  cover: 'Omslag',
  pageList: 'Paginalijst',
  coverLabel: 'Omslag: {title}{authors}',
  page: 'pagina',
  pageAbbreviation: 'p.',
};

const byLanguage: Record<string, Labels> = { en, fr, de, es, it, pt, nl };

/** The labels of the language of BCP 47 `lang` (its primary subtag), English when Folio has none for it. */
export function labelsFor(lang: string): Labels {
  const primary = lang.toLowerCase().split('-')[0] ?? 'en';
  return byLanguage[primary] ?? en;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined ? whole : String(value);
  });
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[], labels: Labels): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${labels.and} ${names[names.length - 1] ?? ''}`;
}

const dateOptions: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };

/**
 * A `YYYY-MM-DD` date as readers of `lang` write it, month spelt out ("14 mars 2026",
 * "14. März 2026", "March 14, 2026"); the date is a calendar day, read in UTC so that
 * no time zone moves it.
 */
export function formatDate(date: string, lang: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang, dateOptions);
  } catch {
    // A well-formed tag Intl does not accept: English, as for the labels.
    format = new Intl.DateTimeFormat('en', dateOptions);
  }
  return format.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}
