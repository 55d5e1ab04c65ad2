/**
 * antd's Select opens a `role="listbox"` (`<id>_list`) that carries no name, so a screen reader
 * announces an unnamed list and axe reports it (aria-input-field-name, serious). Each listbox that
 * appears is given the name of the combobox that controls it (its aria-label, else the text of its
 * <label>) followed by "lựa chọn" / "options".
 */
function nameOf(combobox: HTMLElement): string | null {
  const label = combobox.getAttribute('aria-label');
  if (label) return label;
  const labelledBy = combobox.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' ');
    if (text) return text;
  }
  const labels = combobox instanceof HTMLInputElement ? combobox.labels : null;
  const text = labels?.[0]?.textContent?.trim();
  return text || null;
}

const OPTIONS_WORD: Record<string, string> = { vi: 'lựa chọn', en: 'options' };

function nameListboxes(root: ParentNode): void {
  for (const listbox of root.querySelectorAll<HTMLElement>('[role="listbox"][id]')) {
    if (listbox.hasAttribute('aria-label') || listbox.hasAttribute('aria-labelledby')) continue;
    const combobox = document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(listbox.id)}"]`);
    const name = combobox ? nameOf(combobox) : null;
    // "Đơn vị — lựa chọn": the list is named after its field, and is not taken for the field itself.
    if (name)
      listbox.setAttribute(
        'aria-label',
        `${name} — ${OPTIONS_WORD[document.documentElement.lang] ?? OPTIONS_WORD.vi}`,
      );
  }
}

/** Watches the page for listboxes for the life of the app. */
export function nameListboxesAsTheyOpen(): void {
  nameListboxes(document);
  new MutationObserver((records) => {
    if (records.some((r) => r.addedNodes.length > 0)) nameListboxes(document);
  }).observe(document.body, { childList: true, subtree: true });
}
