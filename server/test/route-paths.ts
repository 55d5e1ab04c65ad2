/** Fills `:id`-style parameters of a route URL with a value. */
export function fillPath(url: string, id: number): string {
  return url.replace(/:[a-zA-Z]+/g, String(id));
}
