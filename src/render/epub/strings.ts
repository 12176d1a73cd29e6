/**
 * The few words the EPUB renderer writes itself (navigation, notes, credits),
 * per language. Unknown languages fall back to English.
 */
export interface EpubStrings {
  contents: string;
  landmarks: string;
  bodymatter: string;
  credits: string;
  notes: string;
  /** aria-label of a footnote's backlink; `{n}` is the note number. */
  backToText: string;
  /** Label of the note reference link; `{n}` is the note number. */
  noteLabel: string;
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
}

const en: EpubStrings = {
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
};

const fr: EpubStrings = {
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
};

const byLanguage: Record<string, EpubStrings> = { en, fr };

export function stringsFor(lang: string): EpubStrings {
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
export function joinNames(names: readonly string[], strings: EpubStrings): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${strings.and} ${names[names.length - 1] ?? ''}`;
}
