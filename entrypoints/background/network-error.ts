/**
 * The useful words of a failed fetch or executeScript: browsers wrap the reason ("fetch failed")
 * around a `cause` that names it (refused, DNS, certificate). Shared by every client's detail line.
 */
export function networkErrorText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
