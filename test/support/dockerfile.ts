/**
 * Reads a Dockerfile into its stages and instructions, enough to check the image's final stage
 * without Docker: what it copies from where, its environment, its user and its command.
 */

export interface Instruction {
  /** Upper-cased: FROM, RUN, COPY, ENV, USER, CMD… */
  keyword: string;
  /** The rest of the instruction, continuation lines joined. */
  args: string;
}

export interface Copy {
  /** `--from=build`, or undefined for the build context. */
  from: string | undefined;
  sources: string[];
  destination: string;
}

/** The instructions of each stage (each starting with its FROM), comments and line continuations resolved. */
export function dockerfileStages(text: string): Instruction[][] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ').trim() };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

export function copyOf({ args }: Instruction): Copy {
  const words = args.split(' ');
  const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((word) => !word.startsWith('--'));
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

/** `ENV A=1 B=2` (the key=value form) as an object; later instructions win. */
export function envOf(stage: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of stage)
    if (keyword === 'ENV')
      for (const [, key, value] of args.matchAll(/(\w+)=("[^"]*"|\S*)/g)) env[key!] = value!.replace(/^"|"$/g, '');
  return env;
}

/** The exec form of CMD (`CMD ["node", "scripts/serve.ts"]`). */
export function commandOf(stage: Instruction[]): string[] {
  const cmd = stage.findLast((instruction) => instruction.keyword === 'CMD');
  if (cmd === undefined) throw new Error('the stage has no CMD');
  return JSON.parse(cmd.args) as string[];
}
