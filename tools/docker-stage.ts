/** One instruction of a Dockerfile stage, continuation lines joined. */
export interface DockerInstruction {
  op: string;
  args: string;
}

/** The instructions of the stage `FROM ... AS <name>` (comments and blank lines dropped). */
export function dockerStage(dockerfile: string, name: string): DockerInstruction[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const out: DockerInstruction[] = [];
  let inside = false;
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    if (op!.toUpperCase() === 'FROM') inside = new RegExp(`\\sAS\\s+${name}$`, 'i').test(line);
    else if (inside) out.push({ op: op!.toUpperCase(), args: rest.join(' ') });
  }
  return out;
}
