/** The token with its last character changed: always wrong (appending a fixed letter is not, when the token ends in it). */
export function wrongToken(token: string): string {
  const last = token.slice(-1);
  return token.slice(0, -1) + (last === 'x' ? 'y' : 'x');
}
