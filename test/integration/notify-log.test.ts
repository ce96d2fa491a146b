/**
 * The notifier's log is read by the GitHub Actions runner, which runs any line starting with `::`
 * as a workflow command. Values from content/ reach it (names in the subject, the notice text), and
 * the history is not checked: a name with a line break, committed before the check refused it,
 * must not become `::add-mask::` or `::warning::`.
 */
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../support/helpers.ts';
import { makeRepo } from '../support/git-repo.ts';
import { childEnv, runScript } from '../support/project.ts';

const notify = (root: string, ...args: string[]) => {
  const env = childEnv({ REGISTER_TODAY: '2026-11-23' });
  delete env.RESEND_API_KEY;
  return runScript('scripts/notify.ts', args, { cwd: root, env });
};

describe('npm run notify log', () => {
  it('prints no workflow command from a name holding a line break', async () => {
    using repo = makeRepo();
    repo.commit('Start the register', '2026-01-05', {
      'content/register.yaml': fixtureText('register.yaml'),
      'content/subprocessors/acme.md': fixtureText('entries/valid-eea-only.md'),
    });
    expect((await notify(repo.root)).stdout).toContain('First run: recorded');
    repo.commit('Add Gamma', '2026-11-20', {
      'content/subprocessors/gamma.md': fixtureText('entries/notice-sufficient.md').replace(
        /^name: .*$/m,
        'name: "Gamma\\n::add-mask::Gamma\\n::warning title=x::pwned ##[error]y"',
      ),
    });
    const result = await notify(repo.root, '--dry-run');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Dry run: would send');
    // The subject in the log line is quoted: its line breaks show as \n.
    expect(result.stdout).toMatch(
      /Dry run: would send ".*Gamma\\n::add-mask::Gamma\\n::warning title=x::pwned #\\#\[error\]y/,
    );
    // The notice text is printed as it is, lines and all, but no line is a command.
    expect(result.stdout).toContain('\\::add-mask::Gamma');
    const commands = `${result.stdout}\n${result.stderr}`
      .split('\n')
      .filter((line) => line.trimStart().startsWith('::') || line.includes('##['));
    expect(commands).toEqual([]);
  });
});
