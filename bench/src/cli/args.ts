/** `--name value` and `--flag` arguments: numbers where they look like numbers. */
export function parseArgs(argv: string[]): Record<string, string | number | boolean> {
  const args: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unexpected argument "${argv[i]}"`);
    const name = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const raw = match[2] ?? (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--") ? argv[++i] : undefined);
    args[name] = raw === undefined ? true : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return args;
}
