/**
 * The catalogue of every diagnostic Folio reports: rule id → severity and stage.
 * Every `ruleId` used anywhere must be listed here once.
 */
export type Severity = 'error' | 'warning' | 'info';
export type Stage = 'cli' | 'config' | 'manuscript' | 'ast' | 'typography' | 'epub' | 'pdf';

export interface RuleInfo {
  severity: Severity;
  stage: Stage;
  /** One line: what the rule is about (for docs and `--help`). */
  summary: string;
}

export const rules = {
  'config-unsupported': { severity: 'error', stage: 'config', summary: 'a configuration feature is not supported yet' },
  'config-yaml': { severity: 'error', stage: 'config', summary: 'folio.yaml is not valid YAML' },
  'config-unknown-key': { severity: 'error', stage: 'config', summary: 'folio.yaml has a key Folio does not know (with a "did you mean")' },
  'config-type': { severity: 'error', stage: 'config', summary: 'a folio.yaml value has the wrong type or is out of range' },
  'config-cover': { severity: 'error', stage: 'config', summary: 'the cover image named in folio.yaml does not exist' },
  'input-missing': { severity: 'error', stage: 'manuscript', summary: 'an input file or folder does not exist' },
  'input-read': { severity: 'error', stage: 'manuscript', summary: 'a manuscript could not be read' },
  'input-encoding': { severity: 'error', stage: 'manuscript', summary: 'a manuscript is not valid UTF-8' },
  'input-empty': { severity: 'error', stage: 'manuscript', summary: 'a manuscript is empty' },
  'input-encoding-guessed': { severity: 'warning', stage: 'manuscript', summary: 'a manuscript was not UTF-8 and was decoded as Windows-1252 (or UTF-16)' },
  'input-control-char': { severity: 'warning', stage: 'manuscript', summary: 'characters illegal in XML were removed' },
  'input-too-large': { severity: 'error', stage: 'manuscript', summary: 'a manuscript exceeds the size limit' },
  'frontmatter-yaml': { severity: 'error', stage: 'manuscript', summary: 'front matter is not valid YAML' },
  'frontmatter-type': { severity: 'error', stage: 'manuscript', summary: 'a front matter value has the wrong type' },
  'frontmatter-unknown-key': { severity: 'warning', stage: 'manuscript', summary: 'a front matter key looks like a typo of a known key' },
  'frontmatter-ignored-key': { severity: 'info', stage: 'manuscript', summary: 'a front matter key Folio does not use (tags, aliases…) is ignored' },
  'frontmatter-yaml-recovered': { severity: 'warning', stage: 'manuscript', summary: 'front matter YAML that strict parsers reject was read leniently' },
  'frontmatter-title': { severity: 'error', stage: 'manuscript', summary: 'the manuscript has no title' },
  'frontmatter-lang': { severity: 'warning', stage: 'manuscript', summary: 'lang is not a BCP 47 tag' },
  'image-pending': { severity: 'info', stage: 'manuscript', summary: 'a hero image has a credit but no file yet' },
  'image-missing': { severity: 'error', stage: 'manuscript', summary: 'an image file does not exist' },
  'image-outside': { severity: 'error', stage: 'manuscript', summary: 'an image path leaves the manuscript folder' },
  'image-remote': { severity: 'error', stage: 'manuscript', summary: 'an image is a remote or non-file URL' },
  'image-format': { severity: 'error', stage: 'manuscript', summary: 'an image is not a supported, readable format' },
  'input-too-deep': { severity: 'error', stage: 'ast', summary: 'a manuscript nests deeper or longer than the parser limits' },
  'parse-failed': { severity: 'error', stage: 'ast', summary: 'the Markdown parser failed on a manuscript' },
  'figure-alt': { severity: 'warning', stage: 'ast', summary: 'an image has no alt text' },
  'directive-unknown': { severity: 'warning', stage: 'ast', summary: 'a directive is not known to Folio; its content is kept' },
  'directive-attribute': { severity: 'warning', stage: 'ast', summary: 'a directive is missing an attribute or has a bad one' },
  'definition-term-prose': { severity: 'warning', stage: 'ast', summary: 'a line read as a definition-list term looks like running text (the line after it starts with ": ")' },
  'image-attribute': { severity: 'warning', stage: 'ast', summary: 'an image\'s {…} attributes hold something Folio does not use, or a size or id it cannot read' },
  'attribute-ignored': { severity: 'info', stage: 'ast', summary: 'class attributes ({.lead}, {: .note}) from a blog engine were removed: they style a web page' },
  'fenced-div': { severity: 'info', stage: 'ast', summary: 'a Pandoc fenced div (::: {.callout-note}): its fences are removed, its content set as the text around it' },
  'credit-orphan': { severity: 'warning', stage: 'ast', summary: 'a credit has no figure to attach to' },
  'footnote-undefined': { severity: 'warning', stage: 'ast', summary: 'a footnote reference has no definition' },
  'heading-attribute': { severity: 'warning', stage: 'ast', summary: 'a heading\'s {…} attributes hold something Folio does not use, or an id that cannot be one' },
  'heading-id': { severity: 'warning', stage: 'ast', summary: 'two headings were given the same id ({#id}), or one of the form of the ids Folio makes (page-3): it is changed' },
  'heading-skip': { severity: 'warning', stage: 'ast', summary: 'a heading skips a level (an h4 under an h2): screen readers expect none skipped' },
  'html-raw': { severity: 'warning', stage: 'ast', summary: 'raw HTML was dropped or sanitised' },
  'render-failed': { severity: 'error', stage: 'cli', summary: 'a renderer failed on a publication (a Folio bug)' },
  'build-timeout': { severity: 'error', stage: 'cli', summary: 'a publication took longer than the time limit' },
  'build-interrupted': { severity: 'error', stage: 'cli', summary: 'the build was interrupted (Ctrl-C, SIGTERM) before this publication was written' },
  'epub-unsupported-node': { severity: 'warning', stage: 'epub', summary: 'the EPUB renderer cannot render a node' },
  'epub-link': { severity: 'warning', stage: 'epub', summary: 'a link cannot work in the EPUB and was dropped (its text is kept)' },
  'epub-image-format': { severity: 'warning', stage: 'epub', summary: 'an image format EPUB 3 cannot carry; its alt text is shown' },
  'pdf-unsupported-node': { severity: 'warning', stage: 'pdf', summary: 'the PDF renderer cannot render a node' },
  'pdf-image': { severity: 'warning', stage: 'pdf', summary: 'an image cannot be drawn in the PDF' },
  'pdf-table-width': { severity: 'warning', stage: 'pdf', summary: 'a table is too wide for the page even in smaller type: words in its cells are hyphenated or cut' },
  'pdf-link': { severity: 'warning', stage: 'pdf', summary: 'a link cannot work in the PDF (a #name nothing has, a relative address, a scheme other than web, mail, telephone or FTP) and is set as plain text' },
  'pdf-missing-glyph': { severity: 'warning', stage: 'pdf', summary: 'no embedded font has a glyph for a character' },
  'pdfa-transparency': { severity: 'warning', stage: 'pdf', summary: 'PDF/A-1 forbids transparency: images were flattened onto the white page' },
  'pdfa-cmyk': { severity: 'warning', stage: 'pdf', summary: 'a CMYK image makes a PDF/A file non-conformant (its output intent is sRGB)' },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof rules;
