/**
 * Returns a function that blanks out the given secrets (read lazily, so rotated tokens are covered)
 * from text bound for error messages and logs.
 */
export function redactor(secrets: () => Array<string | undefined>): (text: string) => string {
  return (text) => {
    let out = text;
    for (const secret of secrets()) {
      if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
    }
    return out;
  };
}
