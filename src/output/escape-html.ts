const special = /[&<>"']/;

/** Text for HTML content and quoted attribute values (the downloads page, the preview shell). */
export function escapeHtml(value: string): string {
  // Most text has nothing to escape: one test instead of five replacements.
  if (!special.test(value)) return value;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
