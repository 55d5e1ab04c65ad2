/**
 * Router state of a link that opens a page under another menu item (a report opened from the
 * review queue lives under "my reports"): the menu item the page was reached from.
 */
export interface MenuState {
  menu: string;
}

export const fromMenu = (menu: string): MenuState => ({ menu });

/**
 * The main menu's item for a location: the one the page was reached from when the router state
 * names one of the items; else the item whose path is the location's path or a whole-segment prefix
 * of it ("/bao-cao" holds "/bao-cao/12", not "/bao-cao-tong-hop").
 */
export function selectedMenuKey(
  keys: readonly string[],
  pathname: string,
  state: unknown,
): string | undefined {
  const from = (state as Partial<MenuState> | null)?.menu;
  if (typeof from === 'string' && keys.includes(from)) return from;
  return keys.find((key) => pathname === key || pathname.startsWith(`${key}/`));
}
