/**
 * How the plan content editor names and annotates its fields. One editor serves two screens: the
 * review of a document's extraction (doubts beside fields, a button to find each in the source) and
 * the editing of a stored plan (plain fields). The screen hands the editor a kit; the editor never
 * asks which screen it is on.
 */
export interface FieldKit {
  /** The DOM id of the input showing field `key` (`targets.0.text`); labels and scrolling use it. */
  id: (key: string) => string;
  /** Why the value of `key` needs a look, or null. */
  doubt: (key: string) => string | null;
  /** Scroll the source to where `key` was read, or null when it was not found there. */
  locate: (key: string) => (() => void) | null;
}

/** The props of a `<Field>` showing `key`. */
export function fieldProps(kit: FieldKit, key: string, label: string) {
  return { id: kit.id(key), label, uncertain: kit.doubt(key), onLocate: kit.locate(key), fieldKey: key };
}

/** `fld-<scope>-targets-0-text`: unique on the page, stable for tests and deep links. */
export const fieldDomId = (scope: number | string, key: string): string =>
  `fld-${scope}-${key.replace(/[^a-zA-Z0-9]/g, '-')}`;

/** The kit of a screen that shows fields without the reader's doubts (editing a stored plan). */
export function plainFieldKit(scope: string): FieldKit {
  return { id: (key) => fieldDomId(scope, key), doubt: () => null, locate: () => null };
}

export const orNull = (value: string): string | null => (value.trim() === '' ? null : value);
