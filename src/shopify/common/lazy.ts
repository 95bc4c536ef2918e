/**
 * A value made on first use and kept. For localised texts the hot path reuses: l10n.t must not run while the
 * module loads (the editor hands the core its translations only after that), and the display language does
 * not change while the extension host runs.
 */
export function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
