/**
 * Runs a book switch on the server, then reloads the page: every screen, cache and
 * prefetch starts afresh on the new book (its language, time zone and data).
 */
export async function switchBook(action: () => Promise<unknown>): Promise<void> {
  await action();
  location.reload();
}
